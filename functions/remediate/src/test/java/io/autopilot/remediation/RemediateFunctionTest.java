package io.autopilot.remediation;

import static io.autopilot.events.testing.CloudEvents.binary;
import static io.autopilot.events.testing.CloudEvents.sample;
import static io.autopilot.events.testing.CloudEvents.structured;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.autopilot.events.testing.CloudEvents;
import io.autopilot.events.testing.MockKubernetes;
import io.autopilot.events.testing.CapturingSink;

/**
 * remediate in dry-run (the default) against fabric8's mock API server in CRUD mode ({@link MockKubernetes});
 * the events it emits are read from the capturing sink on the wire. Each test uses its own Deployment, because the
 * guardrails remember actions per target for the life of the app.
 */
@QuarkusTest
@QuarkusTestResource(value = MockKubernetes.class, restrictToAnnotatedClass = true)
class RemediateFunctionTest {

    @BeforeEach
    void reset() {
        CapturingSink.reset();
        CloudEvents.plainContentTypes();
    }

    static ObjectNode crashLoop(String id, String pod) {
        ObjectNode e = (ObjectNode) sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-event-crashloop.json").deepCopy();
        e.put("id", id);
        ((ObjectNode) e.get("data").get("involvedObject")).put("name", pod);
        return e;
    }

    static JsonNode data(CloudEventEnvelope e) {
        try {
            return CloudEvents.MAPPER.readTree(e.data());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    static List<CloudEventEnvelope> ofType(String type) {
        return CapturingSink.RECEIVED.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void rehearsesARestartForACrashLoopBackOffShowingTheMeasuredValues() {
        Fixtures.deployment(MockKubernetes.client(), "shop", "checkout", 4, "25%");
        structured(sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-event-crashloop.json")).then().statusCode(204);
        List<CloudEventEnvelope> executed = ofType(EventTypes.REMEDIATION_EXECUTED);
        assertEquals(1, executed.size(), CapturingSink.RECEIVED.toString());
        CloudEventEnvelope e = executed.get(0);
        assertEquals(EventSources.REMEDIATE, e.source());
        assertEquals("shop/Deployment/checkout", e.subject());
        JsonNode d = data(e);
        assertEquals("dry-run", d.get("outcome").asText());
        assertEquals("crashloop-restart", d.get("playbook").asText());
        assertEquals(6, d.at("/facts/count").asInt(), "the event's count");
        assertEquals(4, d.at("/facts/replicas").asInt(), "read from the API server");
        assertEquals(0.25, d.at("/facts/share").asDouble(), 1e-9, "25 % maxUnavailable of 4 replicas");
        assertEquals(0.5, d.at("/facts/blastRadius").asDouble());
        assertEquals(0, d.at("/facts/actionsInWindow").asInt());
        var after = MockKubernetes.client().apps().deployments().inNamespace("shop").withName("checkout").get();
        assertNull(after.getSpec().getTemplate().getMetadata().getAnnotations() == null ? null
                : after.getSpec().getTemplate().getMetadata().getAnnotations().get(KubernetesActions.RESTARTED_AT),
                "dry-run changes nothing");
    }

    @Test
    void aRedeliveryRepeatsTheDecisionAndASecondCrashWithinTheCooldownIsRefused() {
        Fixtures.deployment(MockKubernetes.client(), "shop", "cart", 4, "25%");
        ObjectNode first = crashLoop("crash-cart-1", "cart-6b8f9c7d5-abcde");
        structured(first).then().statusCode(204);
        binary(first).then().statusCode(204); // the same event again, binary mode
        List<CloudEventEnvelope> executed = ofType(EventTypes.REMEDIATION_EXECUTED);
        assertEquals(2, executed.size());
        assertEquals(executed.get(0).id(), executed.get(1).id(), "same decision, same id: harmless duplicate");
        binary(crashLoop("crash-cart-2", "cart-6b8f9c7d5-fghij")).then().statusCode(204);
        List<CloudEventEnvelope> refused = ofType(EventTypes.REMEDIATION_REFUSED);
        assertEquals(1, refused.size());
        JsonNode d = data(refused.get(0));
        assertEquals("cooldown", d.get("guardrail").asText());
        assertEquals(1, d.at("/facts/actionsInWindow").asInt(), "the redelivery did not count twice");
        assertTrue(d.at("/facts/secondsSinceLast").asLong() < 600);
        assertEquals(600, d.at("/facts/cooldownSeconds").asInt());
    }

    @Test
    void refusesARestartThatWouldTakeDownMoreThanTheBlastRadius() {
        Fixtures.deployment(MockKubernetes.client(), "shop", "solo", 1, "1");
        structured(crashLoop("crash-solo", "solo-5d6f7-abcde")).then().statusCode(204);
        JsonNode d = data(ofType(EventTypes.REMEDIATION_REFUSED).get(0));
        assertEquals("blast-radius", d.get("guardrail").asText());
        assertEquals(1.0, d.at("/facts/share").asDouble());
        assertEquals(1, d.at("/facts/podsDownAtOnce").asInt());
    }

    @Test
    void refusesWhenTheTargetDoesNotExist() {
        structured(crashLoop("crash-ghost", "ghost-5d6f7-abcde")).then().statusCode(204);
        JsonNode d = data(ofType(EventTypes.REMEDIATION_REFUSED).get(0));
        assertEquals("target-not-found", d.get("guardrail").asText());
        assertTrue(d.get("reason").asText().contains("shop/Deployment/ghost"), d.toString());
    }

    static ObjectNode alert(String id, String fingerprint, String alertname, String startsAt, boolean firing) {
        ObjectNode e = CloudEvents.MAPPER.createObjectNode();
        e.put("specversion", "1.0").put("id", id).put("source", EventSources.INGEST_ALERTS)
                .put("type", firing ? EventTypes.ALERT_FIRING : EventTypes.ALERT_RESOLVED).put("subject", fingerprint)
                .put("datacontenttype", "application/json");
        ObjectNode data = e.putObject("data");
        data.put("status", firing ? "firing" : "resolved").put("fingerprint", fingerprint).put("startsAt", startsAt);
        data.putObject("labels").put("alertname", alertname).put("node", "worker-" + fingerprint);
        return e;
    }

    static ObjectNode grant(String approvalId, String id) {
        ObjectNode e = (ObjectNode) sample(EventTypes.APPROVAL_GRANTED, "valid-remediate-rollback.json").deepCopy();
        e.put("id", id).put("subject", approvalId);
        ((ObjectNode) e.get("data")).put("approvalId", approvalId);
        return e;
    }

    @Test
    void asksForApprovalBeforeCordoningAndActsOnTheGrant() {
        Fixtures.nodes(MockKubernetes.client(), "worker-a1", "worker-a2", "worker-a3");
        structured(alert("fire-a1", "a1", "KubeNodeNotReady", "2026-11-27T09:00:00Z", true)).then().statusCode(204);
        CloudEventEnvelope ask = ofType(EventTypes.APPROVAL_REQUESTED).get(0);
        JsonNode request = data(ask);
        assertEquals("cordon", request.get("action").asText());
        assertEquals("Node/worker-a1", request.get("target").asText());
        assertEquals(ask.subject(), request.get("approvalId").asText());
        assertEquals("approval-required", data(ofType(EventTypes.REMEDIATION_REFUSED).get(0)).get("guardrail").asText());

        binary(grant(request.get("approvalId").asText(), "grant-a1")).then().statusCode(204);
        JsonNode done = data(ofType(EventTypes.REMEDIATION_EXECUTED).get(0));
        assertEquals("dry-run", done.get("outcome").asText());
        assertEquals(request.get("approvalId").asText(), done.get("approvalId").asText());
        assertEquals("oncall@example.com", done.at("/facts/approver").asText());
        int nodes = MockKubernetes.client().nodes().list().getItems().size();
        assertEquals(nodes, done.at("/facts/nodes").asInt(), "read from the API server");
        assertEquals(1.0 / nodes, done.at("/facts/share").asDouble(), 1e-4, "one node of all, none cordoned yet");
    }

    @Test
    void neverActsOnAnAlertThatResolvedBeforeTheGrant() {
        Fixtures.nodes(MockKubernetes.client(), "worker-b1", "worker-b2", "worker-b3");
        structured(alert("fire-b1", "b1", "KubeNodeNotReady", "2026-11-27T09:00:00Z", true)).then().statusCode(204);
        String approvalId = data(ofType(EventTypes.APPROVAL_REQUESTED).get(0)).get("approvalId").asText();
        structured(alert("resolve-b1", "b1", "KubeNodeNotReady", "2026-11-27T09:00:00Z", false)).then()
                .statusCode(204);
        JsonNode refusal = data(ofType(EventTypes.REMEDIATION_REFUSED).get(1));
        assertEquals("alert-resolved", refusal.get("guardrail").asText());
        CapturingSink.reset();
        structured(grant(approvalId, "grant-b1")).then().statusCode(204);
        assertTrue(ofType(EventTypes.REMEDIATION_EXECUTED).isEmpty(), "nothing done after the resolve");
        // a late duplicate of the same firing episode does not reopen it
        structured(alert("fire-b1-late", "b1", "KubeNodeNotReady", "2026-11-27T09:00:00Z", true)).then()
                .statusCode(204);
        assertEquals("alert-resolved", data(ofType(EventTypes.REMEDIATION_REFUSED).get(0)).get("guardrail").asText());
    }

    @Test
    void appliesAScalingRecommendationOnlyWhenTheWorkloadOptedIn() {
        Fixtures.deployment(MockKubernetes.client(), "shop", "search", 3, "25%");
        structured(sample(EventTypes.SCALING_RECOMMENDED, "valid-search.json")).then().statusCode(204);
        assertTrue(CapturingSink.RECEIVED.isEmpty(), "autoApply false: not ours to apply");
        ObjectNode optedIn = (ObjectNode) sample(EventTypes.SCALING_RECOMMENDED, "valid-search.json").deepCopy();
        optedIn.put("id", "rec-search-auto");
        ((ObjectNode) optedIn.get("data")).put("autoApply", true);
        structured(optedIn).then().statusCode(204);
        JsonNode d = data(ofType(EventTypes.REMEDIATION_EXECUTED).get(0));
        assertEquals("apply-patch", d.get("action").asText());
        assertEquals(51.84, d.at("/facts/monthlySaving").asDouble());
    }

    @Test
    void refusesBadInputWithAProblemNamingTheField() {
        structured(sample(EventTypes.APPROVAL_GRANTED, "fail-remediate-no-approval-id.json")).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("/approvalId"));
        binary(sample(EventTypes.ROLLOUT_ANALYSIS_REQUESTED, "fail-no-metrics.json")).then().statusCode(400)
                .body("field", equalTo("/metrics"));
        structured(sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json")).then().statusCode(400)
                .body("header", equalTo("ce-type"));
        ObjectNode noFingerprint = alert("resolve-x", "x", "A", "2026-11-27T09:00:00Z", false);
        ((ObjectNode) noFingerprint.get("data")).remove("fingerprint");
        structured(noFingerprint).then().statusCode(400).body("field", equalTo("/fingerprint"));
    }

    @Test
    void answers503WhenPrometheusCannotBeReachedForAnAnalysis() {
        structured(sample(EventTypes.ROLLOUT_ANALYSIS_REQUESTED, "valid-checkout-canary.json")).then().statusCode(503)
                .contentType("application/problem+json").body("detail", containsString("cannot be reached"));
    }
}
