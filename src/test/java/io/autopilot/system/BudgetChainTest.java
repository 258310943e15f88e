package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.EventTypes;
import io.autopilot.events.testing.CloudEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;

/**
 * A billing export lands (the real FOCUS 1.0 sample, 20.52 USD billed in September 2024) -> check-budget evaluates
 * the test budget (10 USD) -> budget.exceeded -> approval.requested naming the top contributors, all through the
 * in-process broker. A second delivery of the same export adds no second breach.
 */
@QuarkusTest
class BudgetChainTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeEach
    void plainContentTypes() {
        CloudEvents.noCharsetAppended();
    }

    private static String landed(Path file) {
        ObjectNode event = new ObjectMapper().createObjectNode();
        event.put("specversion", "1.0").put("id", "landed-" + UUID.randomUUID()).put("source", "/test/exports")
                .put("type", EventTypes.BILLING_EXPORT_LANDED).put("datacontenttype", "application/json");
        event.putObject("data").put("url", file.toUri().toString()).put("provider", "focus");
        return BrokerEvents.publish(event);
    }

    @Test
    void aLandedExportIsEvaluatedBreachesItsBudgetAndAsksForSignOff() {
        Path sample = Path.of(System.getProperty("autopilot.check-budget.local-dir"))
                .resolve("focus/focus-sample-data/FOCUS-1.0/focus_sample.csv");
        String id = landed(sample);
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id)));
        List<Map<String, Object>> evaluated = BrokerEvents.ofType(EventTypes.BUDGET_EVALUATED);
        assertTrue(evaluated.stream().anyMatch(e -> "sample-account".equals(e.get("subject"))), evaluated.toString());
        List<Map<String, Object>> exceeded = BrokerEvents.ofType(EventTypes.BUDGET_EXCEEDED);
        assertEquals(1, exceeded.size(), exceeded.toString());
        assertEquals("/autopilot/functions/check-budget", exceeded.get(0).get("source"));
        List<Map<String, Object>> approvals = BrokerEvents.ofType(EventTypes.APPROVAL_REQUESTED);
        assertEquals(1, approvals.size(), approvals.toString());

        String again = landed(sample);
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(again)));
        assertEquals(1, BrokerEvents.ofType(EventTypes.BUDGET_EXCEEDED).size());
        assertEquals(1, BrokerEvents.ofType(EventTypes.APPROVAL_REQUESTED).size());
    }
}
