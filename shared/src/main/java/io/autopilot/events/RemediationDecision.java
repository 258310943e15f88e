package io.autopilot.events;

import java.time.Instant;
import java.util.Map;

/**
 * The payload of {@link EventTypes#REMEDIATION_EXECUTED} and {@link EventTypes#REMEDIATION_REFUSED}: one decision with everything that
 * led to it, so an operator (or an auditor) sees the measured values, not only the verdict.
 *
 * @param outcome executed | dry-run | refused
 * @param guardrail the guardrail that refused (cooldown, rate-limit, blast-radius, alert-resolved,
 *     approval-required, target-not-found, kubernetes-unavailable, no-target), or null
 * @param facts the measured values: from the incident (restart count, anomaly score, alert labels) and from the
 *     guardrails (actions in window, seconds since last, replicas, share taken down)
 * @param change what was changed (or would be, in dry-run)
 * @param cause type, source and id of the event that led here
 * @param approvalId the approval asked for or granted, or null
 */
public record RemediationDecision(String decisionId, String playbook, String action, Target target, String outcome,
        boolean dryRun, String guardrail, String reason, Map<String, Object> facts, Map<String, Object> change,
        Map<String, String> cause, String approvalId, Instant decidedAt) {

    public static final String EXECUTED = "executed", DRY_RUN = "dry-run", REFUSED = "refused";

    /** What the action acts on; {@code namespace} is empty for cluster-scoped kinds (Node). */
    public record Target(String namespace, String kind, String name) {
    }
}
