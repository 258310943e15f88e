package io.autopilot.scaling;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Reads a Deployment (as an ApiServerSource delivers it) into a {@link Workload} when it opts in with the annotation
 * {@code scaling.autopilot.io/recommend: "enabled"}. Further annotations: {@code scaling.autopilot.io/auto-apply:
 * "true"} (remediate applies the recommendation through its guardrails), {@code scaling.autopilot.io/request-rate-query}
 * (PromQL for the workload's total request rate, for predictive horizontal scaling) and
 * {@code scaling.autopilot.io/requests-per-replica} (what one replica should carry).
 */
public final class Workloads {

    public static final String PREFIX = "scaling.autopilot.io/";
    public static final String OPT_IN = PREFIX + "recommend";
    public static final String AUTO_APPLY = PREFIX + "auto-apply";
    public static final String RATE_QUERY = PREFIX + "request-rate-query";
    public static final String PER_REPLICA = PREFIX + "requests-per-replica";

    private Workloads() {
    }

    public static Optional<Workload> read(JsonNode d) {
        if (d == null || !"Deployment".equals(d.path("kind").asText())) {
            return Optional.empty();
        }
        JsonNode ann = d.path("metadata").path("annotations");
        if (!"enabled".equals(ann.path(OPT_IN).asText())) {
            return Optional.empty();
        }
        String ns = d.path("metadata").path("namespace").asText(null), name = d.path("metadata").path("name")
                .asText(null);
        if (ns == null || name == null) {
            throw new ProblemException(ProblemTypes.invalidField("/metadata", "a Deployment needs namespace and name"));
        }
        JsonNode c = d.path("spec").path("template").path("spec").path("containers").path(0);
        if (c.isMissingNode()) {
            throw new ProblemException(ProblemTypes.invalidField("/spec/template/spec/containers",
                    "the Deployment has no container"));
        }
        JsonNode req = c.path("resources").path("requests");
        double cpu, mem;
        try {
            cpu = req.has("cpu") ? Quantities.cores(req.path("cpu").asText()) : 0;
            mem = req.has("memory") ? Quantities.bytes(req.path("memory").asText()) : 0;
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemTypes.invalidField("/spec/template/spec/containers/0/resources/requests",
                    e.getMessage()));
        }
        Double perReplica = null;
        if (ann.has(PER_REPLICA)) {
            try {
                perReplica = Double.parseDouble(ann.path(PER_REPLICA).asText());
            } catch (NumberFormatException e) {
                perReplica = -1.0;
            }
            if (!(perReplica > 0)) {
                throw new ProblemException(ProblemTypes.invalidField("/metadata/annotations/"
                        + PER_REPLICA.replace("/", "~1"), "must be a positive number, got '"
                        + ann.path(PER_REPLICA).asText() + "'"));
            }
        }
        return Optional.of(new Workload(ns, name, c.path("name").asText(name), cpu, mem,
                d.path("spec").path("replicas").asInt(1), "true".equals(ann.path(AUTO_APPLY).asText()),
                ann.path(RATE_QUERY).asText(null), perReplica, d.path("metadata").path("generation").asLong(0)));
    }
}
