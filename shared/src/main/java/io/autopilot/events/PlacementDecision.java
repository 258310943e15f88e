package io.autopilot.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#PLACEMENT_DECIDED} and {@link EventTypes#PLACEMENT_INFEASIBLE}.
 *
 * @param requestId the request this answers
 * @param status "placed" or "infeasible"
 * @param assignments one per workload when placed; empty when infeasible (nothing is placed partly)
 * @param total the objective summed over all workloads
 * @param unmet when infeasible, each constraint that cannot be met, naming the workload and the constraint
 * @param solverMillis time the solver took
 * @param method which search produced the assignment
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacementDecision(String requestId, String status, List<Assignment> assignments, Breakdown total,
        List<String> unmet, Long solverMillis, String method) {

    public static final String PLACED = "placed";
    public static final String INFEASIBLE = "infeasible";

    /**
     * @param workload workload name
     * @param namespace its namespace
     * @param site the chosen site
     * @param cluster the site's member cluster, if it is one
     * @param replicas replicas placed there
     * @param reason why this site: the constraint or the objective term that decided it
     * @param objective this workload's share of the objective
     * @param propagationPolicy a Karmada PropagationPolicy to apply, when the site is a member cluster
     * @param nodeAffinityPatch a strategic-merge patch for the Deployment, when the site is a node pool
     * @param schedule for deferrable work, the greenest window
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Assignment(String workload, String namespace, String site, String cluster, int replicas,
            String reason, Breakdown objective, Map<String, Object> propagationPolicy,
            Map<String, Object> nodeAffinityPatch, Schedule schedule) {
    }

    /**
     * The objective in its three terms.
     *
     * @param costPerHour compute and egress, in the inventory's currency per hour
     * @param latencyMillis user-share-weighted latency to the workload's user regions (summed over workloads)
     * @param carbonGramsPerHour estimated emissions, gCO2eq per hour
     * @param score the weighted, priced sum the solver minimised
     */
    public record Breakdown(double costPerHour, double latencyMillis, double carbonGramsPerHour, double score) {
    }

    /**
     * @param start window start (RFC 3339)
     * @param end window end
     * @param location the grid location whose forecast was used
     * @param averageIntensity forecast average over the window, gCO2eq/kWh
     * @param intensityIfStartedNow the same workload's average if started at the earliest allowed time
     */
    public record Schedule(String start, String end, String location, double averageIntensity,
            double intensityIfStartedNow) {
    }
}
