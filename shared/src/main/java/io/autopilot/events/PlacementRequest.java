package io.autopilot.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#PLACEMENT_REQUESTED}: workloads to place together, optionally against an inventory of
 * their own (else the configured one), with the weights of the objective.
 *
 * <p>Quantities are Kubernetes quantities ({@code "500m"}, {@code "2"} cores; {@code "512Mi"}, {@code "4Gi"}), so a
 * request can be written from a Deployment's own requests.
 *
 * @param requestId identifies the request; also the subject of the decision
 * @param workloads what to place: each goes to exactly one site, all its replicas with it
 * @param inventory sites to place on; null to use the configured inventory
 * @param objective weights of cost, latency and carbon; null for equal weights
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlacementRequest(String requestId, List<Workload> workloads, SiteInventory inventory,
        Objective objective) {

    /**
     * One workload.
     *
     * @param name workload name (a Deployment's name)
     * @param namespace its namespace, for the emitted PropagationPolicy
     * @param replicas replicas, all placed on the chosen site (default 1)
     * @param cpu CPU request per replica (Kubernetes quantity)
     * @param memory memory request per replica (Kubernetes quantity)
     * @param gpu GPUs per replica (default 0)
     * @param latencySlos per user region, the highest latency the site may have to it
     * @param residency jurisdictions the workload may run in (site {@code jurisdiction}); empty for any
     * @param dataset a dataset the workload must run next to (site {@code datasets}); null for none
     * @param bandwidthMbps egress to its users, priced at the site's egress price
     * @param deferrable set for batch work that may start later: the placement then picks the greenest window
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Workload(String name, String namespace, Integer replicas, String cpu, String memory, Integer gpu,
            List<LatencySlo> latencySlos, List<String> residency, String dataset, Double bandwidthMbps,
            Deferrable deferrable) {
    }

    /**
     * @param region a user region, as named in the sites' {@code latencyMillis}
     * @param maxMillis the highest acceptable round-trip latency from the site to that region
     * @param share the region's share of the workload's users, weighting the latency objective (default 1)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LatencySlo(String region, Double maxMillis, Double share) {
    }

    /**
     * @param durationMinutes how long the batch runs
     * @param notBefore earliest start (RFC 3339); null for now
     * @param notAfter latest end (RFC 3339)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deferrable(Integer durationMinutes, String notBefore, String notAfter) {
    }

    /** Relative weights of the three objective terms (each already priced in money per hour). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Objective(Double cost, Double latency, Double carbon) {
    }
}
