package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.EventTypes;
import io.autopilot.events.testing.CloudEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;

/**
 * A decision made in the running system ends up in the audit ledger and is provable: a placement request through
 * the broker, place-workloads' decision routed by the record-audit Trigger to the function, the entry served at
 * /audit/entries, and verify-audit's checks (signatures, recomputed root, inclusion and consistency proofs) accepting
 * the log, including an inclusion proof of exactly that decision (see {@link AuditProofs}).
 */
@QuarkusTest
class AuditChainTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeEach
    void plainContentTypes() {
        CloudEvents.noCharsetAppended();
    }

    @SuppressWarnings("unchecked")
    @Test
    void aPlacementDecisionBecomesAnAuditEntryWhoseInclusionProofVerifies() {
        String id = BrokerEvents.publish(BrokerEvents.sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json"));
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id)));
        Map<String, Object> reply = (Map<String, Object>) BrokerEvents.deliveries(BrokerEvents.byId(id).orElseThrow())
                .get(0).get("reply");
        String decisionId = (String) reply.get("id");
        assertEquals(EventTypes.PLACEMENT_DECIDED, reply.get("type"));
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(decisionId)));
        Map<String, Object> delivery = BrokerEvents.deliveries(BrokerEvents.byId(decisionId).orElseThrow()).get(0);
        assertEquals("record-audit-decisions", delivery.get("trigger"));

        JsonNode decision = AuditProofs.eventsWithData(EventTypes.PLACEMENT_DECIDED).stream()
                .filter(e -> decisionId.equals(e.path("id").asText())).findFirst().orElseThrow();
        AuditProofs.Proven proven = AuditProofs.assertAuditedAndProven(decision);
        assertEquals(EventTypes.PLACEMENT_DECIDED, proven.leaf().type());
        assertEquals("shop-release-42", proven.leaf().subject());
        AuditProofs.assertLogVerifies(proven.checkpoint());
    }
}
