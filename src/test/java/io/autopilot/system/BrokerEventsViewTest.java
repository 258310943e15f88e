package io.autopilot.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code GET /broker/events?data=true} shows the measured values behind Autopilot's own decisions, but never the data
 * of an input: an ApiServerSource in Resource mode puts whole Secrets, private keys included, on the broker.
 */
@QuarkusTest
class BrokerEventsViewTest {

    private static final String SECRET_KEY = "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tIHRlc3Qgb25seQ==";

    @Test
    void withholdsTheDataOfInputsSuchAsSecretsAndShowsTheDataOfEventsAutopilotEmitted() {
        ObjectNode secret = BrokerEvents.sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-secret-ml-dsa-65.json");
        ((ObjectNode) secret.get("data").get("data")).put("tls.key", SECRET_KEY);
        String inputId = BrokerEvents.publish(secret);

        ObjectNode own = BrokerEvents.sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json");
        own.put("source", EventSources.PLACE_WORKLOADS);
        String ownId = BrokerEvents.publish(own);

        await().atMost(Duration.ofSeconds(15)).until(() -> BrokerEvents.byId(inputId).isPresent()
                && BrokerEvents.byId(ownId).isPresent());
        String body = given().queryParam("data", "true").queryParam("limit", "10000").get("/broker/events").then()
                .statusCode(200).extract().asString();
        assertFalse(body.contains(SECRET_KEY), "the Secret's key must not be listed");

        List<Map<String, Object>> events = given().queryParam("data", "true").queryParam("limit", "10000")
                .get("/broker/events").then().extract().jsonPath().getList("$");
        Map<String, Object> input = events.stream().filter(e -> inputId.equals(e.get("id"))).findFirst().orElseThrow();
        assertFalse(input.containsKey("data"), input.toString());
        assertTrue(String.valueOf(input.get("dataWithheld")).contains("input"), input.toString());
        Map<String, Object> emitted = events.stream().filter(e -> ownId.equals(e.get("id"))).findFirst().orElseThrow();
        assertTrue(emitted.get("data") instanceof Map, emitted.toString());
        assertEquals(own.get("data").get("workloads").size(),
                ((List<?>) ((Map<?, ?>) emitted.get("data")).get("workloads")).size());
    }
}
