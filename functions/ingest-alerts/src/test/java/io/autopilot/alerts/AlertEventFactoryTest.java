package io.autopilot.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.autopilot.events.Alert;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;

class AlertEventFactoryTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final AlertEventFactory factory = new AlertEventFactory(mapper);

    private static Alert alert(String status, Instant startsAt, Instant endsAt) {
        return new Alert(status, "24ad9e973e22bdce", Map.of("alertname", "KubePodCrashLooping", "severity", "critical",
                "namespace", "shop"), Map.of(), startsAt, endsAt, null, "autopilot", "{}:{}", null);
    }

    private static final Instant START = Instant.parse("2026-08-20T10:00:00Z");
    private static final Instant END = Instant.parse("2026-08-20T10:25:00Z");

    @Test
    void emitsAFiringEventAboutTheFingerprintAtItsStartTime() throws Exception {
        CloudEventEnvelope event = factory.toEvent(alert("firing", START, null));
        assertEquals(EventTypes.ALERT_FIRING, event.type());
        assertEquals(EventSources.INGEST_ALERTS, event.source());
        assertEquals("24ad9e973e22bdce", event.subject());
        assertEquals("2026-08-20T10:00:00Z", event.time());
        assertEquals(Map.of("alertname", "KubePodCrashLooping", "severity", "critical"), event.extensions());
        JsonNode data = mapper.readTree(event.data());
        assertEquals("2026-08-20T10:00:00Z", data.get("startsAt").asText());
        assertEquals("shop", data.get("labels").get("namespace").asText());
    }

    @Test
    void emitsAResolvedEventAtItsEndTime() {
        CloudEventEnvelope event = factory.toEvent(alert("resolved", START, END));
        assertEquals(EventTypes.ALERT_RESOLVED, event.type());
        assertEquals("2026-08-20T10:25:00Z", event.time());
    }

    @Test
    void derivesTheSameIdForARepeatedNotificationAndANewOneForANewState() {
        String firing = factory.toEvent(alert("firing", START, null)).id();
        assertEquals(firing, factory.toEvent(alert("firing", START, Instant.parse("2026-08-20T10:15:00Z"))).id(),
                "a refreshed endsAt is the same notification");
        assertNotEquals(firing, factory.toEvent(alert("resolved", START, END)).id());
        assertNotEquals(firing, factory.toEvent(alert("firing", START.plusSeconds(3600), null)).id());
        assertEquals(32, firing.length());
    }
}
