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

    /** Anomaly scores of the score-anomaly function. */
    public static final String SCORE_ANOMALY = "/autopilot/functions/score-anomaly";

    private EventSources() {
    }
}
