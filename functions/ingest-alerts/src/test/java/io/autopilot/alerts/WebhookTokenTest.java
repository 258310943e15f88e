package io.autopilot.alerts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.autopilot.events.SampleEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.autopilot.events.testing.CapturingSink;

@QuarkusTest
@TestProfile(WebhookTokenTest.WithToken.class)
class WebhookTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autopilot.ingest-alerts.webhook-token", "s3cret-t0ken");
        }
    }

    @BeforeEach
    void reset() {
        CapturingSink.reset();
    }

    @Test
    void refusesAWebhookWithoutTheBearerTokenAndEmitsNothing() {
        given().contentType("application/json").body(SampleEvents.resource("alertmanager/webhook-firing.json"))
                .when().post("/webhooks/alertmanager")
                .then().statusCode(401).contentType("application/problem+json")
                .header("www-authenticate", equalTo("Bearer realm=\"autopilot\""))
                .body("header", equalTo("authorization"));
        given().contentType("application/json").header("authorization", "Bearer guess")
                .body(SampleEvents.resource("alertmanager/webhook-firing.json"))
                .when().post("/webhooks/alertmanager").then().statusCode(401);
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @Test
    void acceptsAWebhookCarryingTheConfiguredToken() {
        given().contentType("application/json").header("authorization", "Bearer s3cret-t0ken")
                .body(SampleEvents.resource("alertmanager/webhook-firing.json"))
                .when().post("/webhooks/alertmanager").then().statusCode(200).body("received", equalTo(2));
    }
}
