package io.autopilot.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#ALERTMANAGER_WEBHOOK}, and the body Alertmanager POSTs to {@code /webhooks/alertmanager}:
 * its webhook message, protocol version "4".
 *
 * <p>Timestamps stay strings here so that a bad one is reported by field path instead of failing the whole bind.
 * Unknown fields are ignored: newer Alertmanagers add {@code notification_reason} (v0.32) and {@code routeLabels}
 * (v0.34), and we must keep accepting their messages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerWebhook(
        String version,
        String groupKey,
        Long truncatedAlerts,
        String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        List<WebhookAlert> alerts) {

    /** The only protocol version Alertmanager has ever sent (v0.x to today). */
    public static final String PROTOCOL_VERSION = "4";

    /** One alert inside a webhook message, exactly as Alertmanager sends it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WebhookAlert(
            String status,
            Map<String, String> labels,
            Map<String, String> annotations,
            String startsAt,
            String endsAt,
            String generatorURL,
            String fingerprint) {
    }
}
