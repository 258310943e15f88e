package io.autopilot.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.Alert;
import io.autopilot.events.AlertmanagerWebhook;
import io.autopilot.events.MalformedRequests;
import io.autopilot.events.ProblemException;
import io.autopilot.events.SampleEvents;

class WebhookValidatorTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void turnsEveryAlertOfAMessageIntoAPayloadWithParsedTimes() throws Exception {
        List<Alert> alerts = WebhookValidator.validate(webhook("alertmanager/webhook-firing.json"));
        assertEquals(2, alerts.size());
        Alert crash = alerts.get(0);
        assertEquals("24ad9e973e22bdce", crash.fingerprint());
        assertEquals(Instant.parse("2026-08-20T10:00:00Z"), crash.startsAt());
        assertNull(crash.endsAt(), "Go's zero time means no end yet");
        assertEquals("autopilot", crash.receiver());
        assertEquals("{}:{namespace=\"shop\"}", crash.groupKey());
        assertEquals(Instant.parse("2026-08-20T08:02:30.512Z"), alerts.get(1).startsAt(), "offsets are honoured");
        assertEquals(Instant.parse("2026-08-20T08:17:30.512Z"), alerts.get(1).endsAt());
    }

    @Test
    void computesAlertmanagersFingerprintWhenTheSenderLeftItOut() throws Exception {
        AlertmanagerWebhook webhook = mapper.readValue(SampleEvents.bytes("io.autopilot.alertmanager.webhook",
                "valid-without-fingerprint.json"), com.fasterxml.jackson.databind.JsonNode.class).get("data")
                .traverse(mapper).readValueAs(AlertmanagerWebhook.class);
        Alert alert = WebhookValidator.validate(webhook).get(0);
        assertEquals(LabelFingerprint.of(Map.of("alertname", "Watchdog", "severity", "none")), alert.fingerprint());
    }

    @Test
    void refusesAnAlertWhoseStartIsTheZeroTime() {
        AlertmanagerWebhook webhook = new AlertmanagerWebhook("4", null, null, null, null, null, null, null, null,
                List.of(new AlertmanagerWebhook.WebhookAlert("firing", Map.of("alertname", "A"), null,
                        "0001-01-01T00:00:00Z", null, null, null)));
        ProblemException e = assertThrows(ProblemException.class, () -> WebhookValidator.validate(webhook));
        assertEquals("/alerts/0/startsAt", e.problem().field());
    }

    /** The corpus cases that bind as JSON but break the protocol: the validator must name the member. */
    @TestFactory
    Iterable<DynamicTest> refusesEveryCorpusMessageThatBindsButBreaksTheProtocol() {
        return MalformedRequests.forTarget(MalformedRequests.WEBHOOK).stream()
                .filter(c -> c.status() == 400 && "urn:autopilot:problem:invalid-field".equals(c.problem().get("type"))
                        && bindable(c.body()))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    AlertmanagerWebhook webhook = mapper.readValue(c.body(), AlertmanagerWebhook.class);
                    ProblemException e = assertThrows(ProblemException.class, () -> WebhookValidator.validate(webhook));
                    assertEquals(c.problem().get("field"), e.problem().field(), c.toString());
                    assertEquals(400, e.problem().status());
                }))
                .toList();
    }

    private boolean bindable(String body) {
        try {
            mapper.readValue(body, AlertmanagerWebhook.class);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private AlertmanagerWebhook webhook(String resource) throws Exception {
        return mapper.readValue(SampleEvents.resource(resource), AlertmanagerWebhook.class);
    }
}
