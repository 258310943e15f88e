package io.autopilot.events;

/**
 * Every CloudEvent {@code type} Autopilot consumes or emits, one constant each.
 *
 * <p>Values are reverse-DNS, {@code io.autopilot.<noun>.<past-tense-or-state>}; a breaking payload change gets a
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

    private EventTypes() {
    }
}
