package io.autopilot.alerts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.MalformedRequests;
import io.autopilot.events.SampleEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.autopilot.events.testing.CapturingSink;
import io.autopilot.events.testing.CloudEvents;

@QuarkusTest
class IngestAlertsFunctionTest {

    private static final String WEBHOOK_TYPE = EventTypes.ALERTMANAGER_WEBHOOK;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void reset() {
        CapturingSink.reset();
        CloudEvents.noCharsetAppended();
    }

    @Test
    void emitsOneFiringEventPerAlertForAnAlertmanagerWebhook() {
        given().contentType("application/json").body(SampleEvents.resource("alertmanager/webhook-firing.json"))
                .when().post("/webhooks/alertmanager")
                .then().statusCode(200).body("received", equalTo(2))
                .body("events[0].subject", equalTo("24ad9e973e22bdce"));
        List<CloudEventEnvelope> sent = CapturingSink.RECEIVED;
        assertEquals(2, sent.size());
        assertEquals(List.of("24ad9e973e22bdce", "9c1f3b2a7d4e5f60"), sent.stream().map(CloudEventEnvelope::subject).toList());
        sent.forEach(e -> {
            assertEquals(EventTypes.ALERT_FIRING, e.type());
            assertEquals(EventSources.INGEST_ALERTS, e.source());
        });
        assertEquals("critical", sent.get(0).extensions().get("severity"));
    }

    @Test
    void emitsAResolvedEventAboutTheSameAlertWhenItResolves() throws Exception {
        given().contentType("application/json").body(SampleEvents.resource("alertmanager/webhook-resolved.json"))
                .when().post("/webhooks/alertmanager").then().statusCode(200);
        CloudEventEnvelope resolved = CapturingSink.RECEIVED.get(0);
        assertEquals(EventTypes.ALERT_RESOLVED, resolved.type());
        assertEquals("24ad9e973e22bdce", resolved.subject());
        JsonNode data = mapper.readTree(resolved.data());
        assertEquals("2026-08-20T10:25:00Z", data.get("endsAt").asText());
        assertEquals("http://alertmanager.monitoring:9093", data.get("externalURL").asText());
    }

    @Test
    void givesARepeatedNotificationTheSameEventIds() {
        for (int i = 0; i < 2; i++) {
            given().contentType("application/json").body(SampleEvents.resource("alertmanager/webhook-firing.json"))
                    .when().post("/webhooks/alertmanager").then().statusCode(200);
        }
        List<String> ids = CapturingSink.RECEIVED.stream().map(CloudEventEnvelope::id).toList();
        assertEquals(4, ids.size());
        assertEquals(ids.subList(0, 2), ids.subList(2, 4));
    }

    @Test
    void acceptsTheWebhookAsABinaryModeCloudEvent() throws Exception {
        JsonNode sample = mapper.readTree(SampleEvents.bytes(WEBHOOK_TYPE, "valid-single-alert.json"));
        given().contentType("application/json")
                .header("ce-specversion", "1.0").header("ce-id", sample.get("id").asText())
                .header("ce-type", WEBHOOK_TYPE).header("ce-source", sample.get("source").asText())
                .body(sample.get("data").toString())
                .when().post("/")
                .then().statusCode(204);
        assertEquals(List.of("5b0e8d2c4a6f1e37"), CapturingSink.RECEIVED.stream().map(CloudEventEnvelope::subject).toList());
    }

    @Test
    void acceptsTheWebhookAsAStructuredModeCloudEvent() {
        given().contentType("application/cloudevents+json")
                .body(SampleEvents.bytes(WEBHOOK_TYPE, "valid-without-fingerprint.json"))
                .when().post("/")
                .then().statusCode(204);
        assertEquals(1, CapturingSink.RECEIVED.size());
        assertEquals(EventTypes.ALERT_RESOLVED, CapturingSink.RECEIVED.get(0).type());
        assertEquals(LabelFingerprint.of(Map.of("alertname", "Watchdog", "severity", "none")),
                CapturingSink.RECEIVED.get(0).subject());
    }

    @Test
    void refusesAnEventTypeItDoesNotHandle() {
        given().contentType("application/cloudevents+json")
                .body(SampleEvents.bytes(EventTypes.ALERT_FIRING, "valid-full.json"))
                .when().post("/")
                .then().statusCode(400).contentType("application/problem+json").body("header", equalTo("ce-type"));
    }

    @TestFactory
    Iterable<DynamicTest> refusesEveryFailingSampleInBothModesAndEmitsNothing() {
        return SampleEvents.ofType(WEBHOOK_TYPE).stream().filter(s -> !s.valid())
                .flatMap(s -> List.of(
                        DynamicTest.dynamicTest(s + " structured", () -> {
                            CapturingSink.reset();
                            assertRefused(given().contentType("application/cloudevents+json").body(s.bytes())
                                    .when().post("/").then());
                        }),
                        DynamicTest.dynamicTest(s + " binary", () -> {
                            CapturingSink.reset();
                            JsonNode sample = mapper.readTree(s.bytes());
                            assertRefused(given().contentType("application/json").header("ce-specversion", "1.0")
                                    .header("ce-id", "b-" + s.name()).header("ce-type", WEBHOOK_TYPE)
                                    .header("ce-source", "/test").body(sample.get("data").toString())
                                    .when().post("/").then());
                        })).stream())
                .toList();
    }

    private static void assertRefused(ValidatableResponse response) {
        response.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:autopilot:problem:invalid-field"))
                .body("field", containsString("/"));
        assertTrue(CapturingSink.RECEIVED.isEmpty(), "nothing may be emitted from a refused message");
    }

    @Test
    void emitsNothingWhenTheSecondAlertOfAMessageIsBad() {
        MalformedRequests.Case badSecond = MalformedRequests.forTarget(MalformedRequests.WEBHOOK).stream()
                .filter(c -> c.name().equals("webhook-bad-startsat.json")).findFirst().orElseThrow();
        send(badSecond, "/webhooks/alertmanager").then().statusCode(400).body("field", equalTo("/alerts/1/startsAt"));
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @TestFactory
    Iterable<DynamicTest> answersEveryMalformedCloudEventWithA4xxProblem() {
        return corpus(MalformedRequests.CLOUDEVENT, "/");
    }

    @TestFactory
    Iterable<DynamicTest> answersEveryMalformedWebhookWithA4xxProblem() {
        return corpus(MalformedRequests.WEBHOOK, "/webhooks/alertmanager");
    }

    private Iterable<DynamicTest> corpus(String target, String path) {
        return MalformedRequests.forTarget(target).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    ValidatableResponse response = send(c, path).then().log().ifValidationFails()
                            .statusCode(c.status()).contentType("application/problem+json")
                            .body("status", equalTo(c.status())).body("title", org.hamcrest.Matchers.notNullValue())
                            .body("detail", org.hamcrest.Matchers.notNullValue());
                    c.problem().forEach((member, value) -> response.body(member, equalTo(value)));
                }))
                .toList();
    }

    private static io.restassured.response.Response send(MalformedRequests.Case c, String path) {
        RequestSpecification request = given().log().ifValidationFails();
        c.headers().forEach(request::header);
        // as text: RestAssured's form encoder cannot take bytes, and every corpus body is UTF-8
        return request.body(new String(c.bodyBytes(), java.nio.charset.StandardCharsets.UTF_8)).when().post(path);
    }

    @Test
    void answers503AndKeepsTheMessageForARetryWhenTheSinkIsDown() {
        CapturingSink.unavailable = true;
        given().contentType("application/json").body(SampleEvents.resource("alertmanager/webhook-firing.json"))
                .when().post("/webhooks/alertmanager")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:autopilot:problem:unavailable"));
    }

    @Test
    void refusesOtherMethodsOnTheWebhookPath() {
        given().when().get("/webhooks/alertmanager")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void reportsHealthAndCountsEmittedEvents() {
        given().contentType("application/json").body(SampleEvents.resource("alertmanager/webhook-firing.json"))
                .when().post("/webhooks/alertmanager").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("autopilot_alerts_emitted_total{type=\"io.autopilot.alert.firing\"}"));
    }
}
