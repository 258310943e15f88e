package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.audit.note.Checkpoint;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.testing.MockKubernetes;
import io.autopilot.events.testing.CloudEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;

/**
 * A Pod created, as check-compliance's ApiServerSource delivers it (Resource mode, with the source's
 * {@code compliance: watch} extension), through the broker's Trigger to check-compliance, whose findings come back
 * through the broker: each an auditable event (subject = the finding id, id derived from the cause), which the
 * record-audit Trigger routes to the audit ledger, where each has an entry whose inclusion proof verifies against the
 * signed checkpoint (see {@link AuditProofs}).
 */
@QuarkusTest
@QuarkusTestResource(MockKubernetes.class)
class ComplianceChainTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @BeforeEach
    void plainContentTypes() {
        CloudEvents.noCharsetAppended();
    }

    @Test
    void aPrivilegedPodCreatedBecomesFindingsWhoseAuditEntriesHaveVerifiedInclusionProofs() {
        // a pod of its own, so its findings are new whichever tests ran before in this process
        String pod = "debug-shell-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode event = BrokerEvents.sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-privileged-pod.json");
        event.put("compliance", "watch");
        event.put("name", pod);
        event.put("subject", "/api/v1/namespaces/shop/pods/" + pod);
        ObjectNode metadata = (ObjectNode) event.get("data").get("metadata");
        metadata.put("name", pod);
        metadata.put("uid", UUID.randomUUID().toString());
        String id = BrokerEvents.publish(event);
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id, "check-compliance-resources")));
        Map<String, Object> delivery = BrokerEvents.delivery(id, "check-compliance-resources").orElseThrow();
        assertEquals("check-compliance", delivery.get("subscriber"));

        // the pod's findings: hostPID, privileged and the SYS_ADMIN capability at least (baseline controls)
        List<JsonNode> findings = await().atMost(WAIT).until(() -> findingsOf(pod),
                f -> f.stream().map(e -> e.path("data").path("control").asText()).collect(Collectors.toSet())
                        .containsAll(Set.of("hostNamespaces", "privileged", "capabilities_baseline")));
        for (JsonNode finding : findings) {
            assertEquals(EventSources.CHECK_COMPLIANCE, finding.path("source").asText());
            assertTrue(finding.path("subject").asText().matches("[0-9a-f]{32}"), finding.toString());
            assertEquals(finding.path("subject").asText(), finding.path("data").path("findingId").asText());
            assertEquals("2026-11-27T09:00:00Z", finding.path("time").asText(), "the pod event's time is when it was observed");
        }
        JsonNode privileged = findings.stream()
                .filter(f -> "privileged".equals(f.path("data").path("control").asText())).findFirst().orElseThrow();
        assertEquals("spec.containers[0].securityContext.privileged", privileged.path("data").path("path").asText());
        assertEquals("true", privileged.path("data").path("observed").asText());

        // finding -> audit entry -> inclusion proof verified against the signed checkpoint, for every finding
        Checkpoint first = null;
        for (JsonNode finding : findings) {
            AuditProofs.Proven proven = AuditProofs.assertAuditedAndProven(finding);
            assertEquals(EventTypes.COMPLIANCE_FINDING, proven.leaf().type());
            assertEquals(finding.path("subject").asText(), proven.leaf().subject());
            assertEquals(pod, proven.leaf().data().path("resource").path("name").asText());
            first = first == null ? proven.checkpoint() : first;
        }
        AuditProofs.assertLogVerifies(first);
    }

    private static List<JsonNode> findingsOf(String pod) {
        return AuditProofs.eventsWithData(EventTypes.COMPLIANCE_FINDING).stream()
                .filter(f -> pod.equals(f.path("data").path("resource").path("name").asText())).toList();
    }

    @Test
    void anApiServerEventWithoutTheWatchExtensionIsNotCheckComplianceBusiness() {
        String id = BrokerEvents.publish(BrokerEvents.sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-privileged-pod.json"));
        await().atMost(WAIT).until(() -> BrokerEvents.byId(id).isPresent());
        assertTrue(BrokerEvents.deliveries(BrokerEvents.byId(id).orElseThrow()).stream()
                .noneMatch(d -> "check-compliance".equals(d.get("subscriber"))));
    }
}
