package io.autopilot.remediation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One playbook: what it matches (event types, canonical reasons, object kinds, labels - all given conditions must
 * hold, a missing condition matches anything) and the action with its guardrail settings. Unset guardrails take the
 * function's defaults.
 *
 * @param action restart | scale | rollback | abort-rollout | promote-rollout | cordon | apply-patch
 * @param replicas for scale: an absolute count ("3") or a change ("+1", "-1")
 * @param maxReplicas for scale: never above this
 * @param requireApproval ask first ({@code io.autopilot.approval.requested}) and act only on a grant
 * @param rateLimitMax at most this many actions on one target within {@code rateLimitWindowSeconds}
 * @param cooldownSeconds no action on the same target within this many seconds of the last
 * @param blastRadius the largest share (0..1] of a workload's replicas (of the cluster's nodes, for cordon) one
 *     action may take down at once
 */
public record Playbook(String name, List<String> types, List<String> reasons, List<String> kinds,
        Map<String, String> labels, String action, String replicas, Integer maxReplicas, Boolean requireApproval,
        Integer rateLimitMax, Integer rateLimitWindowSeconds, Integer cooldownSeconds, Double blastRadius) {

    public static final Set<String> ACTIONS = Set.of("restart", "scale", "rollback", "abort-rollout",
            "promote-rollout", "cordon", "apply-patch");

    public Playbook {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a playbook needs a name");
        }
        if (action == null || !ACTIONS.contains(action)) {
            throw new IllegalArgumentException("playbook " + name + ": action must be one of " + ACTIONS + ", got "
                    + action);
        }
        if ("scale".equals(action) && (replicas == null || !replicas.matches("[+-]?\\d+"))) {
            throw new IllegalArgumentException("playbook " + name + ": scale needs replicas like 3, +1 or -1");
        }
        if (blastRadius != null && !(blastRadius > 0 && blastRadius <= 1)) {
            throw new IllegalArgumentException("playbook " + name + ": blastRadius must be in (0, 1]");
        }
        types = types == null ? List.of() : List.copyOf(types);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean matches(Incident incident) {
        if (!types.isEmpty() && !types.contains(incident.type())) {
            return false;
        }
        if (!reasons.isEmpty() && reasons.stream().noneMatch(r -> r.equalsIgnoreCase(incident.reason()))) {
            return false;
        }
        if (!kinds.isEmpty() && kinds.stream().noneMatch(k -> k.toLowerCase(Locale.ROOT)
                .equals(String.valueOf(incident.kind()).toLowerCase(Locale.ROOT)))) {
            return false;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getValue().equals(incident.labels().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
