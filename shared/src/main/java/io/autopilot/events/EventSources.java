package io.autopilot.events;

/**
 * The CloudEvent {@code source} values Autopilot emits. One per producer, so that {@code source} plus {@code id}
 * stays unique (the CloudEvents rule consumers deduplicate on).
 */
public final class EventSources {

    /** Events derived from Alertmanager notifications by the ingest-alerts function. */
    public static final String INGEST_ALERTS = "/autopilot/functions/ingest-alerts";

    /** Placement decisions of the place-workloads function. */
    public static final String PLACE_WORKLOADS = "/autopilot/functions/place-workloads";

    /** Budget, forecast, cost-anomaly and approval events of the check-budget function. */
    public static final String CHECK_BUDGET = "/autopilot/functions/check-budget";

    /** Compliance findings and posture reports of the check-compliance function. */
    public static final String CHECK_COMPLIANCE = "/autopilot/functions/check-compliance";

    /** Threat responses of the respond-threat function. */
    public static final String RESPOND_THREAT = "/autopilot/functions/respond-threat";

    /** Certificate rotations, expiry warnings and inventories of the rotate-certificates function. */
    public static final String ROTATE_CERTIFICATES = "/autopilot/functions/rotate-certificates";

    /** Right-sizing and predictive-scaling recommendations of the recommend-scaling function. */
    public static final String RECOMMEND_SCALING = "/autopilot/functions/recommend-scaling";

    /** Remediation decisions, approval requests and canary judgements of the remediate function. */
    public static final String REMEDIATE = "/autopilot/functions/remediate";

    /** Anomaly scores of the score-anomaly function. */
    public static final String SCORE_ANOMALY = "/autopilot/functions/score-anomaly";

    private EventSources() {
    }
}
