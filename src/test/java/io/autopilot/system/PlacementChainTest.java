package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import io.autopilot.events.EventTypes;
import io.autopilot.events.testing.CloudEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;

/**
 * A Deployment that opts in, as an ApiServerSource delivers it, through the broker's Trigger to place-workloads, whose
 * decision comes back through the broker carrying a policy ready to apply.
 */
@QuarkusTest
class PlacementChainTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeEach
    void plainContentTypes() {
        CloudEvents.noCharsetAppended();
    }

    @Test
    void turnsAnOptedInDeploymentIntoADecisionRoutedBackThroughTheBroker() {
        String id = BrokerEvents.publish(BrokerEvents.sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-deployment.json"));
        // recommend-scaling's Trigger takes Deployments too (and ignores this one: it did not opt in to scaling)
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id, "place-workloads-deployments")));
        Map<String, Object> delivery = BrokerEvents.delivery(id, "place-workloads-deployments").orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> reply = (Map<String, Object>) delivery.get("reply");
        assertEquals(EventTypes.PLACEMENT_DECIDED, reply.get("type"));
        Map<String, Object> decided = BrokerEvents.byId((String) reply.get("id")).orElseThrow();
        assertEquals("shop/search@1", decided.get("subject"));
        assertEquals("/autopilot/functions/place-workloads", decided.get("source"));
    }

    @Test
    void routesAPlacementRequestAndListsTheDecision() {
        String id = BrokerEvents.publish(BrokerEvents.sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json"));
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id)));
        assertTrue(BrokerEvents.ofType(EventTypes.PLACEMENT_DECIDED).stream()
                .anyMatch(e -> "shop-release-42".equals(e.get("subject"))));
    }
}
