package io.autopilot.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.EventTypes;
import io.autopilot.events.MalformedRequests;
import io.autopilot.events.SampleEvents;
import io.autopilot.events.testing.CloudEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The whole system in one process: producer, broker ingress, Trigger from knative/, function, emitted events. */
@QuarkusTest
class BrokerChainTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TRIGGER = "ingest-alerts-alertmanager-webhook";

    @BeforeEach
    void plainContentTypes() {
        CloudEvents.noCharsetAppended();
    }

    private static ObjectNode sample(String type, String name) {
        return BrokerEvents.sample(type, name);
    }

    @Test
    void routesAStructuredWebhookEventToIngestAlertsByItsTriggerAndListsTheAlertItEmits() throws Exception {
        String id = BrokerEvents.publish(sample(EventTypes.ALERTMANAGER_WEBHOOK, "valid-single-alert.json"));
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id)));
        Map<String, Object> delivery = BrokerEvents.deliveries(BrokerEvents.byId(id).orElseThrow()).get(0);
        assertEquals(TRIGGER, delivery.get("trigger"));
        assertEquals("ingest-alerts", delivery.get("subscriber"));
        assertEquals(1, delivery.get("attempts"));
        await().atMost(WAIT).until(() -> BrokerEvents.ofType(EventTypes.ALERT_FIRING).stream()
                .anyMatch(e -> "5b0e8d2c4a6f1e37".equals(e.get("subject"))));
    }

    @Test
    void routesABinaryWebhookEventTheSameWay() throws Exception {
        ObjectNode event = sample(EventTypes.ALERTMANAGER_WEBHOOK, "valid-without-fingerprint.json");
        String id = event.get("id").asText();
        given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-type", EventTypes.ALERTMANAGER_WEBHOOK).header("ce-source", "/test/binary")
                .body(event.get("data").toString())
                .when().post("/broker").then().statusCode(202);
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id)));
        await().atMost(WAIT).until(() -> !BrokerEvents.ofType(EventTypes.ALERT_RESOLVED).isEmpty());
    }

    @Test
    void listsTheAlertEventsOfAnAlertmanagerWebhook() {
        given().contentType("application/json").body(SampleEvents.resource("alertmanager/webhook-firing.json"))
                .when().post("/webhooks/alertmanager").then().statusCode(200).body("received", equalTo(2));
        List<Object> subjects = BrokerEvents.ofType(EventTypes.ALERT_FIRING).stream().map(e -> e.get("subject")).toList();
        assertTrue(subjects.containsAll(List.of("24ad9e973e22bdce", "9c1f3b2a7d4e5f60")), subjects.toString());
    }

    @Test
    void acknowledgesARedeliveredEventWithoutDeliveringItTwice() throws Exception {
        ObjectNode event = sample(EventTypes.ALERTMANAGER_WEBHOOK, "valid-single-alert.json");
        String id = event.get("id").asText();
        for (String acceptance : List.of("accepted", "duplicate")) {
            given().contentType("application/cloudevents+json").body(event.toString())
                    .when().post("/broker").then().statusCode(202).header("autopilot-acceptance", acceptance);
        }
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id)));
        Map<String, Object> listed = BrokerEvents.byId(id).orElseThrow();
        assertEquals(1, listed.get("duplicates"));
        assertEquals(1, BrokerEvents.deliveries(listed).get(0).get("attempts"));
    }

    @TestFactory
    Iterable<DynamicTest> deadLettersEveryFailingWebhookSampleAfterOneAttempt() {
        return SampleEvents.ofType(EventTypes.ALERTMANAGER_WEBHOOK).stream().filter(s -> !s.valid())
                .map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
                    String id = BrokerEvents.publish(sample(s.type(), s.name()));
                    await().atMost(WAIT).until(() -> "dead-lettered".equals(BrokerEvents.outcome(id)));
                    Map<String, Object> delivery = BrokerEvents.deliveries(BrokerEvents.byId(id).orElseThrow()).get(0);
                    assertEquals(400, delivery.get("status"), "ingest-alerts refuses it: " + delivery);
                    assertEquals(1, delivery.get("attempts"), "a refusal is not retried");
                    given().when().get("/broker/dead-letters").then().statusCode(200).body("id", hasItem(id));
                }))
                .toList();
    }

    @TestFactory
    Iterable<DynamicTest> refusesSamplesThatAreNotValidCloudEventsAtTheIngress() {
        return SampleEvents.all().stream()
                .filter(s -> s.name().startsWith(SampleEvents.ENVELOPE_FAILURE))
                .map(s -> DynamicTest.dynamicTest(s.toString(), () -> given().contentType("application/cloudevents+json")
                        .body(s.bytes()).when().post("/broker")
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo("urn:autopilot:problem:invalid-cloudevent"))))
                .toList();
    }

    @TestFactory
    Iterable<DynamicTest> answersEveryMalformedRequestAtTheIngressWithA4xxProblem() {
        return MalformedRequests.forTarget(MalformedRequests.CLOUDEVENT).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    RequestSpecification request = given();
                    c.headers().forEach(request::header);
                    ValidatableResponse response = request.body(new String(c.bodyBytes(),
                            java.nio.charset.StandardCharsets.UTF_8)).when().post("/broker").then()
                            .statusCode(c.status()).contentType("application/problem+json")
                            .body("instance", equalTo("/broker"));
                    c.problem().forEach((member, value) -> response.body(member, equalTo(value)));
                }))
                .toList();
    }

    @Test
    void refusesPlainJsonAtTheIngressBecauseTheBrokerTakesOnlyCloudEvents() {
        given().contentType("application/json").body("{}").when().post("/broker")
                .then().statusCode(415).contentType("application/problem+json");
        given().when().put("/broker").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void listsTheTriggersItReadFromTheManifests() {
        given().when().get("/broker/triggers").then().statusCode(200)
                .body("trigger", hasItem(TRIGGER))
                .body("find { it.trigger == '" + TRIGGER + "' }.file", equalTo("knative/ingest-alerts/500-trigger.yaml"))
                .body("find { it.trigger == '" + TRIGGER + "' }.function", equalTo("ingestAlerts"));
    }

    @Test
    void servesHealthAndPrometheusMetrics() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
