package io.autopilot.audit;

import java.util.List;

/**
 * Every decision event type the audit log records: what Autopilot decided or did, not the raw inputs it decided on
 * (alerts, metrics, Kubernetes objects, scores). Extending the ledger to a new decision is one line here; the Trigger
 * ({@code knative/record-audit/500-trigger.yaml}) and {@code @EventContract} then list the names that are
 * {@code EventTypes} constants in this build, and {@code AuditedTypesTest} fails until both match, naming the line to
 * add. Names not yet in {@code EventTypes} come from functions still being built; listing them here lets the function
 * accept them as soon as a Trigger routes them.
 */
public final class AuditedTypes {

    public static final List<String> NAMES = List.of(
            "io.autopilot.placement.decided",
            "io.autopilot.placement.infeasible",
            "io.autopilot.anomaly.detected",
            "io.autopilot.budget.exceeded",
            "io.autopilot.approval.requested",
            "io.autopilot.approval.granted",
            "io.autopilot.certificate.rotated",
            "io.autopilot.compliance.finding",
            "io.autopilot.compliance.resolved",
            "io.autopilot.threat.responded",
            "io.autopilot.remediation.executed",
            "io.autopilot.remediation.refused",
            "io.autopilot.rollout.judged",
            "io.autopilot.scaling.recommended");

    private AuditedTypes() {
    }

    public static boolean audited(String type) {
        return NAMES.contains(type);
    }
}
