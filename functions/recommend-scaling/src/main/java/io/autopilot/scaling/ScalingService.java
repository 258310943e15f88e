package io.autopilot.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ScalingRecommendation;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.http.EventSink;
import io.autopilot.scaling.forecast.ReplicaPlan;
import io.autopilot.scaling.forecast.SeasonalForecast;
import io.autopilot.scaling.rightsizing.Recommender;
import io.autopilot.scaling.rightsizing.SeasonalRecommender;
import io.autopilot.scaling.rightsizing.VpaRecommender;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps the opted-in workloads (from ApiServerSource Deployment events) and, on every hourly ping or when a workload
 * opts in, reads its usage history from Prometheus, replays it through Autopilot's recommender and the VPA baseline
 * (each hour a recommendation, as in a cluster), forecasts its load and emits one
 * {@code io.autopilot.scaling.recommended} per workload.
 */
@ApplicationScoped
public class ScalingService {

    private static final Logger LOG = Logger.getLogger(ScalingService.class);
    static final double GIB = 1024.0 * 1024 * 1024;
    static final double HOURS_PER_MONTH = 730;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventSink sink;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "autopilot.recommend-scaling.prometheus-url", defaultValue = "http://127.0.0.1:9090")
    String prometheusUrl;

    @ConfigProperty(name = "autopilot.recommend-scaling.history", defaultValue = "7d")
    Duration history;

    @ConfigProperty(name = "autopilot.recommend-scaling.step", defaultValue = "5m")
    Duration step;

    @ConfigProperty(name = "autopilot.recommend-scaling.cpu-core-hour-price", defaultValue = "0.034")
    double cpuPrice;

    @ConfigProperty(name = "autopilot.recommend-scaling.memory-gib-hour-price", defaultValue = "0.0045")
    double memoryPrice;

    @ConfigProperty(name = "autopilot.recommend-scaling.currency", defaultValue = "USD")
    String currency;

    @ConfigProperty(name = "autopilot.recommend-scaling.target-utilization", defaultValue = "0.7")
    double targetUtilization;

    @ConfigProperty(name = "autopilot.recommend-scaling.lead-hours", defaultValue = "1")
    int leadHours;

    @ConfigProperty(name = "autopilot.recommend-scaling.horizon-hours", defaultValue = "24")
    int horizonHours;

    @ConfigProperty(name = "autopilot.recommend-scaling.max-replicas", defaultValue = "20")
    int maxReplicas;

    private final Map<String, Workload> workloads = new ConcurrentHashMap<>();

    public Map<String, Workload> workloads() {
        return workloads;
    }

    /** Handles one event; returns the recommendations emitted (already handed to the sink). */
    public List<CloudEventEnvelope> handle(String type, String source, String id, JsonNode data, Instant now) {
        return switch (type) {
            case EventTypes.PING -> {
                List<CloudEventEnvelope> out = new ArrayList<>();
                for (Workload w : List.copyOf(workloads.values())) {
                    recommend(w, source, id, now).ifPresent(out::add);
                }
                yield emit(out);
            }
            case EventTypes.APISERVER_RESOURCE_ADD, EventTypes.APISERVER_RESOURCE_UPDATE -> {
                if (data == null || !data.isObject()) {
                    throw new ProblemException(ProblemTypes.invalidField("", "the data must be a Deployment object"));
                }
                var read = Workloads.read(data);
                String key = data.path("metadata").path("namespace").asText() + "/Deployment/"
                        + data.path("metadata").path("name").asText();
                if (read.isEmpty()) {
                    workloads.remove(key); // opted out (or never in): forget it
                    yield List.of();
                }
                Workload previous = workloads.put(key, read.get());
                // a new opt-in gets its first recommendation now; later updates wait for the hourly ping, so a
                // recommendation applied by remediate does not trigger the next one
                yield previous == null ? emit(recommend(read.get(), source, id, now).stream().toList()) : List.of();
            }
            default -> throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type",
                    "recommend-scaling does not handle " + type));
        };
    }

    private List<CloudEventEnvelope> emit(List<CloudEventEnvelope> events) {
        events.forEach(sink::send);
        registry.counter("autopilot.scaling.recommended").increment(events.size());
        return events;
    }

    java.util.Optional<CloudEventEnvelope> recommend(Workload w, String causeSource, String causeId, Instant now) {
        UsageHistory usage = new UsageHistory(prometheusUrl, mapper);
        Instant start = now.minus(history);
        TreeMap<Long, Double> cpu, mem, rate = null;
        try {
            cpu = usage.range(UsageHistory.cpuQuery(w), start, now, step);
            mem = usage.range(UsageHistory.memoryQuery(w), start, now, step);
            if (w.requestRateQuery() != null) {
                rate = usage.range(w.requestRateQuery(), start, now, step);
            }
        } catch (UsageHistory.Unavailable e) {
            throw new ProblemException(ProblemTypes.unavailable(e.getMessage()));
        }
        if (cpu.isEmpty() || mem.isEmpty()) {
            LOG.warnf("recommend-scaling: no usage history for %s (cpu %d, memory %d samples)", w.key(), cpu.size(),
                    mem.size());
            registry.counter("autopilot.scaling.no-history").increment();
            return java.util.Optional.empty();
        }
        Recommender ours = new SeasonalRecommender();
        Recommender vpa = new VpaRecommender();
        long hour = VpaRecommender.HOUR;
        long next = cpu.firstKey() + hour;
        int samples = 0;
        for (var e : cpu.entrySet()) {
            long t = e.getKey();
            while (t >= next) {
                ours.recommend(next);
                vpa.recommend(next);
                next += hour;
            }
            Double m = mem.floorEntry(t) == null ? mem.firstEntry().getValue() : mem.floorEntry(t).getValue();
            ours.observe(t, e.getValue(), m, w.cpuRequestCores(), w.memoryRequestBytes());
            vpa.observe(t, e.getValue(), m, w.cpuRequestCores(), w.memoryRequestBytes());
            samples++;
        }
        Recommender.Recommendation r = ours.recommend(now.toEpochMilli());
        Recommender.Recommendation v = vpa.recommend(now.toEpochMilli());

        Map<String, Object> evidence = new LinkedHashMap<>(r.evidence());
        evidence.put("samples", samples);
        evidence.put("historyFrom", Instant.ofEpochMilli(cpu.firstKey()).toString());
        evidence.put("cpuQuery", UsageHistory.cpuQuery(w));
        evidence.put("memoryQuery", UsageHistory.memoryQuery(w));
        evidence.put("cpuLowerCores", r.cpuLowerCores());
        evidence.put("cpuUpperCores", r.cpuUpperCores());

        Map<String, Object> horizontal = horizontal(w, cpu, rate, r, now);

        double savedPerReplica = (w.cpuRequestCores() - r.cpuCores()) * cpuPrice
                + (w.memoryRequestBytes() - r.memoryBytes()) / GIB * memoryPrice;
        Map<String, Object> savings = new LinkedHashMap<>();
        savings.put("currency", currency);
        savings.put("monthly", Math.round(savedPerReplica * w.replicas() * HOURS_PER_MONTH * 100) / 100.0);
        savings.put("cpuCoreHourPrice", cpuPrice);
        savings.put("memoryGiBHourPrice", memoryPrice);
        savings.put("replicas", w.replicas());

        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", w.container());
        container.put("resources", Map.of("requests", Map.of("cpu", Quantities.cpu(r.cpuCores()), "memory",
                Quantities.memory(r.memoryBytes()))));
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("apiVersion", "apps/v1");
        patch.put("kind", "Deployment");
        patch.put("namespace", w.namespace());
        patch.put("name", w.name());
        patch.put("type", "strategic-merge");
        patch.put("body", Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(container))))));

        String recommendationId = EventIds.derive(causeSource, causeId, w.key());
        ScalingRecommendation rec = new ScalingRecommendation(recommendationId,
                Map.of("namespace", w.namespace(), "kind", "Deployment", "name", w.name(), "container",
                        w.container()),
                Map.of("cpuCores", w.cpuRequestCores(), "memoryBytes", w.memoryRequestBytes(), "replicas",
                        w.replicas()),
                Map.of("cpuCores", r.cpuCores(), "memoryBytes", Math.round(r.memoryBytes()), "cpu",
                        Quantities.cpu(r.cpuCores()), "memory", Quantities.memory(r.memoryBytes())),
                Map.of("cpuCores", v.cpuCores(), "memoryBytes", Math.round(v.memoryBytes()), "cpu",
                        Quantities.cpu(v.cpuCores()), "memory", Quantities.memory(v.memoryBytes())),
                evidence, horizontal, savings, w.autoApply(), patch, now);
        try {
            return java.util.Optional.of(CloudEventEnvelope.json(recommendationId, EventTypes.SCALING_RECOMMENDED,
                    EventSources.RECOMMEND_SCALING, w.key(), now.toString(), Map.of(), mapper.writeValueAsBytes(rec)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hourly load (request rate if named, else total CPU = per-pod CPU x replicas), forecast, replica plan. */
    private Map<String, Object> horizontal(Workload w, TreeMap<Long, Double> cpu, TreeMap<Long, Double> rate,
            Recommender.Recommendation r, Instant now) {
        boolean byRate = rate != null && !rate.isEmpty() && w.requestsPerReplica() != null;
        TreeMap<Long, Double> load = byRate ? rate : cpu;
        double scale = byRate ? 1 : w.replicas();
        TreeMap<Long, double[]> hourly = new TreeMap<>();
        for (var e : load.entrySet()) {
            long h = Math.floorDiv(e.getKey(), VpaRecommender.HOUR);
            double[] acc = hourly.computeIfAbsent(h, k -> new double[2]);
            acc[0] += e.getValue() * scale;
            acc[1]++;
        }
        double[] series = hourly.values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
        List<SeasonalForecast.Point> f = SeasonalForecast.daily().forecast(series, horizonHours);
        double perReplica = byRate ? w.requestsPerReplica() : r.cpuCores() * targetUtilization;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signal", byRate ? "request rate (" + w.requestRateQuery() + ")" : "CPU cores, all replicas");
        out.put("perReplica", perReplica);
        if (f.isEmpty() || !(perReplica > 0)) {
            return out;
        }
        ReplicaPlan plan = ReplicaPlan.of(f, perReplica, leadHours, 0.2, 1, maxReplicas);
        long hourStart = Math.floorDiv(now.toEpochMilli(), VpaRecommender.HOUR) * VpaRecommender.HOUR;
        List<ScalingRecommendation.ForecastPoint> points = new ArrayList<>();
        for (SeasonalForecast.Point p : f) {
            points.add(new ScalingRecommendation.ForecastPoint(Instant.ofEpochMilli(hourStart
                    + p.hoursAhead() * VpaRecommender.HOUR), round(p.value()), round(p.lower()), round(p.upper())));
        }
        out.put("minReplicas", plan.minReplicas());
        out.put("maxReplicas", plan.maxReplicas());
        out.put("peakAt", Instant.ofEpochMilli(hourStart + plan.peakHoursAhead() * VpaRecommender.HOUR).toString());
        out.put("peakUpper", round(plan.peakUpper()));
        out.put("leadHours", leadHours);
        out.put("forecast", points);
        out.put("scaledObjectPatch", plan.scaledObjectPatch());
        out.put("hpaPatch", plan.hpaPatch());
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
