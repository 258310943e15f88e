package io.autopilot.placement;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.autopilot.events.PlacementRequest;
import io.autopilot.events.PlacementRequest.LatencySlo;
import io.autopilot.events.PlacementRequest.Workload;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.SiteInventory;
import io.autopilot.events.SiteInventory.CarbonForecast;
import io.autopilot.events.SiteInventory.Site;
import io.autopilot.placement.solver.GapProblem;

/**
 * A placement request turned into numbers: per workload and site, whether the pair is allowed (and if not, why),
 * what it would cost in each objective term, and how much of each resource it uses. Every hard constraint that
 * concerns one pair (latency SLO, residency, data locality) becomes a forbidden pair; capacities stay constraints of
 * the assignment problem.
 */
final class PlacementModel {

    static final String[] RESOURCES = { "cpu", "memory", "gpu" };
    private static final double BITS_PER_MBPS_HOUR_TO_GIB = 3600.0 / 8 / 1024;

    final List<Workload> workloads;
    final List<Site> sites;
    /** [resource][workload]: millicores, MiB, GPUs, all replicas together. */
    final long[][] demand;
    /** [resource][site]. */
    final long[][] capacity;
    /** [site][workload]: null when allowed, else the reason it is not. */
    final String[][] excluded;
    final double[][] cost;
    final double[][] latency;
    final double[][] carbon;
    final double[][] score;
    final CarbonWindows.Window[][] windows;

    private PlacementModel(List<Workload> workloads, List<Site> sites) {
        this.workloads = workloads;
        this.sites = sites;
        int w = workloads.size();
        int s = sites.size();
        demand = new long[RESOURCES.length][w];
        capacity = new long[RESOURCES.length][s];
        excluded = new String[s][w];
        cost = new double[s][w];
        latency = new double[s][w];
        carbon = new double[s][w];
        score = new double[s][w];
        windows = new CarbonWindows.Window[s][w];
    }

    static PlacementModel build(PlacementRequest request, SiteInventory inventory, String inventoryAt, Pricing pricing,
            Instant now) {
        List<Workload> workloads = request.workloads();
        if (workloads == null || workloads.isEmpty()) {
            throw invalid("/workloads", "a placement request needs at least one workload");
        }
        if (inventory == null || inventory.sites() == null || inventory.sites().isEmpty()) {
            throw invalid(inventoryAt + "/sites", "the inventory has no sites to place on");
        }
        PlacementModel model = new PlacementModel(workloads, inventory.sites());
        model.readSites(inventoryAt);
        model.readWorkloads();
        Map<String, CarbonForecast> forecasts = forecastsByLocation(inventory);
        PlacementRequest.Objective weights = request.objective() == null ? new PlacementRequest.Objective(1.0, 1.0, 1.0)
                : request.objective();
        for (int w = 0; w < workloads.size(); w++) {
            for (int s = 0; s < model.sites.size(); s++) {
                model.price(w, s, weights, pricing, forecasts, now);
            }
        }
        return model;
    }

    private void readSites(String at) {
        Set<String> names = new HashSet<>();
        for (int s = 0; s < sites.size(); s++) {
            Site site = sites.get(s);
            String here = at + "/sites/" + s;
            if (site == null || site.name() == null || site.name().isBlank()) {
                throw invalid(here + "/name", "every site needs a name");
            }
            if (!names.add(site.name())) {
                throw invalid(here + "/name", "site name '" + site.name() + "' is used twice");
            }
            if (site.capacity() == null) {
                throw invalid(here + "/capacity", "site " + site.name() + " has no capacity");
            }
            capacity[0][s] = quantity(() -> Quantities.cpuMillis(site.capacity().cpu()), here + "/capacity/cpu");
            capacity[1][s] = quantity(() -> Quantities.memoryMiB(site.capacity().memory()), here + "/capacity/memory");
            capacity[2][s] = nonNegative(site.capacity().gpu(), here + "/capacity/gpu");
            if (site.prices() == null) {
                throw invalid(here + "/prices", "site " + site.name() + " has no prices");
            }
        }
    }

    private void readWorkloads() {
        Set<String> names = new HashSet<>();
        for (int w = 0; w < workloads.size(); w++) {
            Workload workload = workloads.get(w);
            String here = "/workloads/" + w;
            if (workload == null || workload.name() == null || workload.name().isBlank()) {
                throw invalid(here + "/name", "every workload needs a name");
            }
            if (!names.add(workload.namespace() + "/" + workload.name())) {
                throw invalid(here + "/name", "workload '" + workload.name() + "' appears twice");
            }
            int replicas = replicas(workload);
            if (replicas < 1) {
                throw invalid(here + "/replicas", "replicas must be at least 1");
            }
            demand[0][w] = replicas * quantity(() -> Quantities.cpuMillis(workload.cpu()), here + "/cpu");
            demand[1][w] = replicas * quantity(() -> Quantities.memoryMiB(workload.memory()), here + "/memory");
            demand[2][w] = replicas * nonNegative(workload.gpu(), here + "/gpu");
            if (workload.latencySlos() != null) {
                for (int i = 0; i < workload.latencySlos().size(); i++) {
                    LatencySlo slo = workload.latencySlos().get(i);
                    if (slo == null || slo.region() == null || slo.maxMillis() == null || slo.maxMillis() <= 0) {
                        throw invalid(here + "/latencySlos/" + i, "a latency SLO needs a region and a positive maxMillis");
                    }
                }
            }
            if (workload.deferrable() != null) {
                checkDeferrable(workload.deferrable(), here + "/deferrable");
            }
        }
    }

    private void price(int w, int s, PlacementRequest.Objective weights, Pricing pricing,
            Map<String, CarbonForecast> forecasts, Instant now) {
        Workload workload = workloads.get(w);
        Site site = sites.get(s);
        excluded[s][w] = exclusion(workload, site);
        double cores = demand[0][w] / 1000.0;
        double gib = demand[1][w] / 1024.0;
        long gpus = demand[2][w];
        SiteInventory.Prices prices = site.prices();
        double egressGiB = orZero(workload.bandwidthMbps()) * BITS_PER_MBPS_HOUR_TO_GIB;
        cost[s][w] = cores * orZero(prices.cpuHour()) + gib * orZero(prices.memoryGiBHour())
                + gpus * orZero(prices.gpuHour()) + egressGiB * orZero(prices.egressGiB());
        latency[s][w] = weightedLatency(workload, site);
        double intensity = intensity(workload, site, s, w, forecasts, now);
        double kilowatts = (cores * pricing.wattsPerCore() + gib * pricing.wattsPerGiB() + gpus * pricing.wattsPerGpu())
                * pricing.pue() / 1000;
        carbon[s][w] = kilowatts * intensity;
        score[s][w] = orOne(weights.cost()) * cost[s][w]
                + orOne(weights.latency()) * pricing.latencyPerMsHour() * latency[s][w] * replicas(workload)
                + orOne(weights.carbon()) * pricing.carbonPerKg() * carbon[s][w] / 1000;
    }

    /** Why a site cannot take a workload regardless of what else goes there, or null. */
    private static String exclusion(Workload workload, Site site) {
        if (workload.latencySlos() != null) {
            for (LatencySlo slo : workload.latencySlos()) {
                Double millis = site.latencyMillis() == null ? null : site.latencyMillis().get(slo.region());
                if (millis == null) {
                    return "latency SLO: no latency known from " + site.name() + " to " + slo.region();
                }
                if (millis > slo.maxMillis()) {
                    return "latency SLO: " + site.name() + " is " + fmt(millis) + " ms from " + slo.region()
                            + ", above " + fmt(slo.maxMillis()) + " ms";
                }
            }
        }
        if (workload.residency() != null && !workload.residency().isEmpty()) {
            String jurisdiction = site.jurisdiction() == null ? "" : site.jurisdiction().toUpperCase(Locale.ROOT);
            if (workload.residency().stream().noneMatch(r -> r.toUpperCase(Locale.ROOT).equals(jurisdiction))) {
                return "data residency: " + site.name() + " is in " + (jurisdiction.isEmpty() ? "no declared jurisdiction"
                        : jurisdiction) + ", allowed " + workload.residency();
            }
        }
        if (workload.dataset() != null && (site.datasets() == null || !site.datasets().contains(workload.dataset()))) {
            return "data locality: dataset " + workload.dataset() + " is not at " + site.name();
        }
        return null;
    }

    private static double weightedLatency(Workload workload, Site site) {
        if (workload.latencySlos() == null || workload.latencySlos().isEmpty() || site.latencyMillis() == null) {
            return 0;
        }
        double total = 0;
        double shares = 0;
        for (LatencySlo slo : workload.latencySlos()) {
            double share = slo.share() == null ? 1 : slo.share();
            Double millis = site.latencyMillis().get(slo.region());
            total += share * (millis == null ? slo.maxMillis() : millis);
            shares += share;
        }
        return shares == 0 ? 0 : total / shares;
    }

    private double intensity(Workload workload, Site site, int s, int w, Map<String, CarbonForecast> forecasts,
            Instant now) {
        double current = site.carbonIntensity() == null ? 0 : site.carbonIntensity();
        PlacementRequest.Deferrable deferrable = workload.deferrable();
        if (deferrable == null || site.carbonLocation() == null) {
            return current;
        }
        Instant notBefore = deferrable.notBefore() == null ? now : max(now, instant(deferrable.notBefore()));
        Optional<CarbonWindows.Window> window = CarbonWindows.greenest(forecasts.get(site.carbonLocation()),
                notBefore, instant(deferrable.notAfter()), Duration.ofMinutes(deferrable.durationMinutes()));
        window.ifPresent(found -> windows[s][w] = found);
        return window.map(CarbonWindows.Window::average).orElse(current);
    }

    private static void checkDeferrable(PlacementRequest.Deferrable deferrable, String at) {
        if (deferrable.durationMinutes() == null || deferrable.durationMinutes() <= 0) {
            throw invalid(at + "/durationMinutes", "deferrable work needs a positive durationMinutes");
        }
        if (deferrable.notAfter() == null) {
            throw invalid(at + "/notAfter", "deferrable work needs a latest end (notAfter, RFC 3339)");
        }
        checkInstant(deferrable.notAfter(), at + "/notAfter");
        if (deferrable.notBefore() != null) {
            checkInstant(deferrable.notBefore(), at + "/notBefore");
        }
    }

    private static Map<String, CarbonForecast> forecastsByLocation(SiteInventory inventory) {
        Map<String, CarbonForecast> byLocation = new HashMap<>();
        if (inventory.carbonForecasts() != null) {
            for (CarbonForecast forecast : inventory.carbonForecasts()) {
                if (forecast != null && forecast.location() != null) {
                    byLocation.put(forecast.location(), forecast);
                }
            }
        }
        return byLocation;
    }

    GapProblem toGap() {
        boolean[][] allowed = new boolean[sites.size()][workloads.size()];
        long[][][] weight = new long[RESOURCES.length][sites.size()][workloads.size()];
        for (int s = 0; s < sites.size(); s++) {
            for (int w = 0; w < workloads.size(); w++) {
                allowed[s][w] = excluded[s][w] == null;
                for (int r = 0; r < RESOURCES.length; r++) {
                    weight[r][s][w] = demand[r][w];
                }
            }
        }
        return new GapProblem(score, weight, capacity, allowed);
    }

    static int replicas(Workload workload) {
        return workload.replicas() == null ? 1 : workload.replicas();
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static long quantity(java.util.function.LongSupplier parse, String pointer) {
        try {
            return parse.getAsLong();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(pointer, e.getMessage());
        }
    }

    private static long nonNegative(Integer count, String pointer) {
        if (count != null && count < 0) {
            throw invalid(pointer, "cannot be negative, got " + count);
        }
        return count == null ? 0 : count;
    }

    private static void checkInstant(String value, String pointer) {
        try {
            instant(value);
        } catch (DateTimeParseException e) {
            throw invalid(pointer, "must be an RFC 3339 timestamp, got '" + value + "'");
        }
    }

    private static Instant instant(String value) {
        return OffsetDateTime.parse(value).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static double orOne(Double value) {
        return value == null ? 1 : value;
    }

    static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(ProblemTypes.invalidField(pointer, detail));
    }
}
