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
     * consumers: none yet (score-anomaly and remediate will subscribe).
     */
    public static final String ALERT_FIRING = "io.autopilot.alert.firing";

    /**
     * One alert that has resolved. Payload {@link Alert}; subject: the alert fingerprint; producer: ingest-alerts;
     * consumers: none yet (remediate will subscribe).
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
     * consumers: record-audit (remediate will apply them through its guardrails).
     */
    public static final String PLACEMENT_DECIDED = "io.autopilot.placement.decided";

    /**
     * A placement that cannot be made, naming the constraints that cannot be met; nothing is placed. Payload
     * {@link PlacementDecision} with {@code status: infeasible}; subject: the request id; producer: place-workloads;
     * consumers: record-audit.
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

    private EventTypes() {
    }
}
