package io.autopilot.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.autopilot.events.PlacementDecision;
import io.autopilot.events.PlacementDecision.Assignment;
import io.autopilot.events.PlacementDecision.Breakdown;
import io.autopilot.events.PlacementRequest;
import io.autopilot.events.PlacementRequest.Workload;
import io.autopilot.events.SiteInventory;
import io.autopilot.events.SiteInventory.Site;
import io.autopilot.placement.solver.Feasibility;
import io.autopilot.placement.solver.GapProblem;
import io.autopilot.placement.solver.GapSolution;
import io.autopilot.placement.solver.GapSolver;

/**
 * Places a whole request at once: builds the model, rules out what cannot work before searching (so an infeasible
 * request names the constraint rather than timing out), solves the assignment problem within the time limit,
 * re-checks the answer independently, and explains every choice. Nothing is placed partly: either every workload
 * has a site or the answer is infeasible.
 */
public final class Placer {

    private final Pricing pricing;
    private final Duration timeLimit;

    Placer(Pricing pricing, Duration timeLimit) {
        this.pricing = pricing;
        this.timeLimit = timeLimit;
    }

    public Placer(Duration timeLimit) {
        this(Pricing.DEFAULT, timeLimit);
    }

    /**
     * @param inventoryAt where the inventory came from, as a JSON Pointer prefix for error messages
     * @throws io.autopilot.events.ProblemException (400) when the request or inventory is malformed
     */
    public PlacementDecision place(PlacementRequest request, SiteInventory inventory, String inventoryAt, Instant now) {
        PlacementModel model = PlacementModel.build(request, inventory, inventoryAt, pricing, now);
        List<String> unmet = InfeasibilityReport.beforeSolving(model);
        if (!unmet.isEmpty()) {
            return infeasible(request, unmet, 0, "pre-check");
        }
        GapProblem problem = model.toGap();
        GapSolution solution = new GapSolver().solve(problem, timeLimit);
        List<String> violations = solution.feasible() ? Feasibility.violations(problem, solution.assignment()) : List.of();
        if (!solution.feasible() || !violations.isEmpty()) {
            return infeasible(request, InfeasibilityReport.afterSolving(model, timeLimit), solution.millis(),
                    solution.method());
        }
        return placed(request, model, solution);
    }

    private PlacementDecision placed(PlacementRequest request, PlacementModel model, GapSolution solution) {
        int[] assignment = solution.assignment();
        List<Assignment> assignments = new ArrayList<>();
        double cost = 0;
        double latency = 0;
        double carbon = 0;
        double score = 0;
        for (int w = 0; w < model.workloads.size(); w++) {
            int s = assignment[w];
            Workload workload = model.workloads.get(w);
            Site site = model.sites.get(s);
            Breakdown own = breakdown(model.cost[s][w], model.latency[s][w], model.carbon[s][w], model.score[s][w]);
            cost += model.cost[s][w];
            latency += model.latency[s][w];
            carbon += model.carbon[s][w];
            score += model.score[s][w];
            assignments.add(new Assignment(workload.name(), workload.namespace(), site.name(), site.cluster(),
                    PlacementModel.replicas(workload), Reasons.of(model, assignment, w), own,
                    site.cluster() == null ? null : KarmadaPolicies.propagationPolicy(workload, site),
                    site.cluster() == null && site.nodeSelector() != null
                            ? KarmadaPolicies.nodeAffinityPatch(site.nodeSelector()) : null,
                    schedule(model.windows[s][w], site)));
        }
        return new PlacementDecision(request.requestId(), PlacementDecision.PLACED, assignments,
                breakdown(cost, latency, carbon, score), null, solution.millis(), solution.method());
    }

    /** Rounded for reading: a micro-cent, a microsecond and a milligram are below anything an operator acts on. */
    private static Breakdown breakdown(double cost, double latency, double carbon, double score) {
        return new Breakdown(round(cost, 6), round(latency, 3), round(carbon, 3), round(score, 6));
    }

    private static double round(double value, int decimals) {
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    private static PlacementDecision.Schedule schedule(CarbonWindows.Window window, Site site) {
        return window == null ? null : new PlacementDecision.Schedule(window.start().toString(), window.end().toString(),
                site.carbonLocation(), window.average(), window.averageIfStartedNow());
    }

    private static PlacementDecision infeasible(PlacementRequest request, List<String> unmet, long millis, String method) {
        return new PlacementDecision(request.requestId(), PlacementDecision.INFEASIBLE, List.of(), null, unmet, millis,
                method);
    }
}
