package io.autopilot.alerts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.Alert;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;

/** Builds the CloudEvent for one alert. */
final class AlertEventFactory {

    private final ObjectMapper mapper;

    AlertEventFactory(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    CloudEventEnvelope toEvent(Alert alert) {
        boolean firing = Alert.FIRING.equals(alert.status());
        java.time.Instant occurred = firing || alert.endsAt() == null ? alert.startsAt() : alert.endsAt();
        return CloudEventEnvelope.json(
                eventId(alert),
                firing ? EventTypes.ALERT_FIRING : EventTypes.ALERT_RESOLVED,
                EventSources.INGEST_ALERTS,
                alert.fingerprint(),
                occurred.toString(),
                routingExtensions(alert.labels()),
                json(alert));
    }

    /**
     * Same alert, same start, same status: same id, however often Alertmanager repeats the notification, and from
     * either member of an Alertmanager HA pair. A new firing after a resolve has a new startsAt, so a new id.
     */
    static String eventId(Alert alert) {
        return EventIds.derive(alert.fingerprint(), String.valueOf(alert.startsAt()), alert.status());
    }

    /** alertname and severity as extension attributes, so a Trigger can route on them without reading data. */
    private static Map<String, String> routingExtensions(Map<String, String> labels) {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (String name : new String[] { "alertname", "severity" }) {
            String value = labels.get(name);
            if (value != null && !value.isEmpty()) {
                extensions.put(name, value);
            }
        }
        return extensions;
    }

    private byte[] json(Alert alert) {
        try {
            return mapper.writeValueAsString(alert).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an Alert always serialises", e);
        }
    }
}
