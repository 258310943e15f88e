package io.autopilot.events;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#ALERT_FIRING} and {@link EventTypes#ALERT_RESOLVED}: one Alertmanager alert, with the
 * notification context a consumer needs to act on it without calling Alertmanager back.
 *
 * @param status "firing" or "resolved", matching the event type
 * @param fingerprint Alertmanager's fingerprint of the label set; also the event subject
 * @param labels identifying labels (alertname, namespace, pod, ...)
 * @param annotations descriptive annotations (summary, description, runbook_url, ...)
 * @param startsAt when the alert started firing
 * @param endsAt when it resolved; for a firing alert the time Alertmanager will resolve it unless refreshed, or
 *        null when Alertmanager sent its zero time (no end known)
 * @param generatorURL link to the expression in Prometheus that produced it; consumers take the PromQL from here
 * @param receiver the Alertmanager receiver that notified us
 * @param groupKey the Alertmanager group the notification belonged to
 * @param externalURL Alertmanager's own URL, for links back
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Alert(
        String status,
        String fingerprint,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorURL,
        String receiver,
        String groupKey,
        String externalURL) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
}
