package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.autopilot.events.testing.MockKubernetes;

/**
 * A Pod created, as check-compliance's ApiServerSource delivers it (Resource mode, with the source's
 * {@code compliance: watch} extension), through the broker's Trigger to check-compliance, whose findings come back
 * through the broker: each an auditable event (subject = the finding id, id derived from the cause).
 */
@QuarkusTest
@QuarkusTestResource(MockKubernetes.class)
class ComplianceChainTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeEach
    void plainContentTypes() {
        RestAssured.config = RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    @Test
    void aPrivilegedPodCreatedBecomesComplianceFindingsOnTheBroker() {
        ObjectNode event = BrokerEvents.sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-privileged-pod.json");
        event.put("compliance", "watch");
        String id = BrokerEvents.publish(event);
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id, "check-compliance-resources")));
        Map<String, Object> delivery = BrokerEvents.deliveries(BrokerEvents.byId(id).orElseThrow()).stream()
                .filter(d -> "check-compliance".equals(d.get("subscriber"))).findFirst().orElseThrow();
        assertEquals("check-compliance-resources", delivery.get("trigger"));
        await().atMost(WAIT).until(() -> BrokerEvents.ofType(EventTypes.COMPLIANCE_FINDING).size() >= 5);
        List<Map<String, Object>> findings = BrokerEvents.ofType(EventTypes.COMPLIANCE_FINDING);
        for (Map<String, Object> finding : findings) {
            assertEquals(EventSources.CHECK_COMPLIANCE, finding.get("source"));
            assertTrue(String.valueOf(finding.get("subject")).matches("[0-9a-f]{32}"), finding.toString());
            assertEquals("2026-11-27T09:00:00Z", finding.get("time"), "the pod event's time is when it was observed");
        }
    }

    @Test
    void anApiServerEventWithoutTheWatchExtensionIsNotCheckComplianceBusiness() {
        String id = BrokerEvents.publish(BrokerEvents.sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-privileged-pod.json"));
        await().atMost(WAIT).until(() -> BrokerEvents.byId(id).isPresent());
        assertTrue(BrokerEvents.deliveries(BrokerEvents.byId(id).orElseThrow()).stream()
                .noneMatch(d -> "check-compliance".equals(d.get("subscriber"))));
    }
}
