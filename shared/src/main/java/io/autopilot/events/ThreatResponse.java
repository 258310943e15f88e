package io.autopilot.events;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The payload of {@code io.autopilot.threat.responded}: one action of one response rule on one target, and the Falco
 * facts that triggered it, so the decision can be reviewed (and audited) without the original alert.
 *
 * @param responseId stable id of (Falco event, rule, action): the same on a redelivery
 * @param responseRule the name of the response rule that matched
 * @param action label, annotate, isolate, terminate or event
 * @param outcome {@code executed}, {@code dry-run} (what would have been done), {@code refused} (a guardrail said
 *        no) or {@code failed} (the Kubernetes API refused or could not be reached)
 * @param guardrail for {@code refused}: which guardrail ({@code protected-namespace}, {@code rate-limit},
 *        {@code max-actions-per-minute}, {@code no-target})
 * @param reason one sentence: what was done, or why not
 * @param namespace the target pod's namespace (from {@code k8s.ns.name}), or null
 * @param pod the target pod (from {@code k8s.pod.name}), or null
 * @param facts the Falco facts: rule, priority, time, source, hostname, tags, output, output fields, the Falco event's
 *        CloudEvent id and source, and which match conditions selected it
 * @param details what the action changed (the NetworkPolicy's name, the labels set, ...)
 * @param decidedAt when the decision was taken
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreatResponse(String responseId, String responseRule, String action, String outcome, String guardrail,
        String reason, String namespace, String pod, Map<String, Object> facts, Map<String, String> details,
        Instant decidedAt) {

    public static final String EXECUTED = "executed";
    public static final String DRY_RUN = "dry-run";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";
}
