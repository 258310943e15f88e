package io.autopilot.events;

/**
 * Every CloudEvent {@code type} Autopilot consumes or emits, one constant each.
 *
 * <p>Our own values are reverse-DNS, {@code io.autopilot.<noun>.<past-tense-or-state>}; types defined by others
 * (Knative's sources) keep their owners' values and say so. A breaking payload change of ours gets a
 * {@code .v2} suffix instead of changing a value in place. Knative Triggers in {@code knative/} filter on these
 * values, and a test checks that every Trigger names a constant here and that {@code docs/events.md} lists exactly
 * these constants.
 */
public final class EventTypes {

    /**
     * An Alertmanager webhook notification (protocol version 4) wrapped as a CloudEvent. Payload
     * {@link AlertmanagerWebhook}; producer: any CloudEvent bridge in front of Alertmanager; consumer: ingest-alerts.
     */
    public static final String ALERTMANAGER_WEBHOOK = "io.autopilot.alertmanager.webhook";

    /**
     * One alert that is firing. Payload {@link Alert}; subject: the alert fingerprint; producer: ingest-alerts;
     * consumers: remediate (and score-anomaly).
     */
    public static final String ALERT_FIRING = "io.autopilot.alert.firing";

    /**
     * One alert that has resolved. Payload {@link Alert}; subject: the alert fingerprint; producer: ingest-alerts;
     * consumers: remediate (forgets the alert: no action on it from then on).
     */
    public static final String ALERT_RESOLVED = "io.autopilot.alert.resolved";

    /**
     * Workloads to place. Payload {@link PlacementRequest}; subject: the request id; producer: operators and their
     * tooling (a deploy pipeline, a batch scheduler); consumer: place-workloads.
     */
    public static final String PLACEMENT_REQUESTED = "io.autopilot.placement.requested";

    /**
     * A placement made. Payload {@link PlacementDecision} (assignment, objective broken down, reason per workload,
     * Karmada PropagationPolicy or node-affinity patch); subject: the request id; producer: place-workloads;
     * consumers: none yet (remediate will apply them through its guardrails).
     */
    public static final String PLACEMENT_DECIDED = "io.autopilot.placement.decided";

    /**
     * A placement that cannot be made, naming the constraints that cannot be met; nothing is placed. Payload
     * {@link PlacementDecision} with {@code status: infeasible}; subject: the request id; producer: place-workloads;
     * consumers: none yet.
     */
    public static final String PLACEMENT_INFEASIBLE = "io.autopilot.placement.infeasible";

    /**
     * A new site inventory (capacity, latency, prices, carbon) for placements to use. Payload {@link SiteInventory};
     * producer: external inventory feeds; consumer: place-workloads.
     */
    public static final String PLACEMENT_INVENTORY_UPDATED = "io.autopilot.placement.inventory.updated";

    /**
     * External, defined by Knative: a Kubernetes object was created, as an ApiServerSource in Resource mode sends it.
     * Payload: the object itself (here a Deployment); subject: its API path; producer: ApiServerSource; consumer:
     * place-workloads (Deployments that opt in by label).
     */
    public static final String APISERVER_RESOURCE_ADD = "dev.knative.apiserver.resource.add";

    /**
     * External, defined by Knative: a Kubernetes object changed (ApiServerSource, Resource mode). Payload: the object;
     * subject: its API path; producer: ApiServerSource; consumer: place-workloads.
     */
    public static final String APISERVER_RESOURCE_UPDATE = "dev.knative.apiserver.resource.update";

    /**
     * External, defined by Knative: a Kubernetes object was deleted (ApiServerSource, Resource mode). Payload: the
     * object; subject: its API path; producer: ApiServerSource; consumers: none yet.
     */
    public static final String APISERVER_RESOURCE_DELETE = "dev.knative.apiserver.resource.delete";

    /**
     * External, defined by Knative: a PingSource tick. Payload: the PingSource's {@code data} (JSON); producer:
     * PingSource; consumer: recommend-scaling (hourly).
     */
    public static final String PING = "dev.knative.sources.ping";

    /**
     * An anomaly worth acting on. Payload: the detector's finding (series, labels, score, measured values); subject: the
     * series; producer: score-anomaly; consumer: remediate.
     */
    public static final String ANOMALY_DETECTED = "io.autopilot.anomaly.detected";

    /**
     * A right-sizing and predictive-scaling recommendation for one workload: requests, evidence (percentiles,
     * forecast, VPA baseline), expected monthly saving and a ready-to-apply patch. Payload
     * {@code io.autopilot.scaling.ScalingRecommendation}; subject: {@code namespace/kind/name}; producer:
     * recommend-scaling; consumer: remediate (applies it when the workload opted in to auto-apply).
     */
    public static final String SCALING_RECOMMENDED = "io.autopilot.scaling.recommended";

    /**
     * A human decision is needed before an action. Payload {@link ApprovalRequest}; subject: the approval id;
     * producers: remediate (and check-budget); consumers: operators' tooling (chat, ticketing).
     */
    public static final String APPROVAL_REQUESTED = "io.autopilot.approval.requested";

    /**
     * A requested action was approved. Payload {@link ApprovalGrant}; subject: the approval id; producer: operators'
     * tooling; consumers: remediate (and check-budget).
     */
    public static final String APPROVAL_GRANTED = "io.autopilot.approval.granted";

    /**
     * A remediation action taken, or rehearsed in dry-run, with the facts that led to it. Payload
     * {@code io.autopilot.remediation.Decision}; subject: the target ({@code namespace/kind/name}); producer:
     * remediate; consumers: audit, operators.
     */
    public static final String REMEDIATION_EXECUTED = "io.autopilot.remediation.executed";

    /**
     * A remediation a guardrail refused (rate limit, cooldown, blast radius, alert resolved, awaiting approval, no
     * Kubernetes API), naming the guardrail and the measured values. Payload {@code io.autopilot.remediation.Decision};
     * subject: the target; producer: remediate; consumers: audit, operators.
     */
    public static final String REMEDIATION_REFUSED = "io.autopilot.remediation.refused";

    /**
     * Judge a canary: baseline and canary PromQL selectors, metrics, window. Payload
     * {@code io.autopilot.remediation.AnalysisRequest}; subject: the rollout ({@code namespace/name}); producer: a
     * deploy pipeline or an Argo Rollouts/Flagger webhook; consumer: remediate.
     */
    public static final String ROLLOUT_ANALYSIS_REQUESTED = "io.autopilot.rollout.analysis.requested";

    /**
     * A canary judged: per metric U, p-value, effect size and verdict with the measured values, the run score and
     * verdict (pass, marginal, fail, inconclusive) and the action taken. Payload
     * {@code io.autopilot.remediation.RolloutJudgement}; subject: the rollout; producer: remediate; consumers:
     * pipelines, operators.
     */
    public static final String ROLLOUT_JUDGED = "io.autopilot.rollout.judged";

    private EventTypes() {
    }
}
