package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.EventTypes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.autopilot.events.testing.MockKubernetes;
import io.autopilot.events.testing.PrometheusResource;
import io.autopilot.events.testing.CloudEvents;

/**
 * remediate in the one-process system, dry-run (the default): events enter at the broker ingress, reach remediate
 * through the Triggers in knative/remediate/, and its decisions come back through the broker. Kubernetes is fabric8's
 * mock API server in CRUD mode ({@link MockKubernetes}); the canary metrics come from a real Prometheus
 * loaded by backfill ({@link PrometheusResource}; skipped locally without the binaries, failing in CI).
 */
@QuarkusTest
@QuarkusTestResource(value = MockKubernetes.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PrometheusResource.class, restrictToAnnotatedClass = true)
class RemediationChainTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeEach
    void plainContentTypes() {
        CloudEvents.noCharsetAppended();
    }

    /** The data of an event the broker holds, read back as a user would ({@code GET /broker/events?data=true}). */
    static JsonNode data(Map<String, Object> event) {
        List<Map<String, Object>> all = RestAssured.given().queryParam("limit", 10_000).queryParam("data", "true")
                .when().get("/broker/events").then().statusCode(200).extract().jsonPath().getList("$");
        Object data = all.stream().filter(e -> event.get("id").equals(e.get("id"))).findFirst().orElseThrow()
                .get("data");
        return MAPPER.valueToTree(data);
    }

    /** The first event of a type whose data mentions the cause. */
    static Optional<Map<String, Object>> caused(String type, String causeId) {
        List<Map<String, Object>> all = RestAssured.given().queryParam("limit", 10_000).queryParam("type", type)
                .queryParam("data", "true").when().get("/broker/events").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return all.stream().filter(e -> String.valueOf(e.get("data")).contains(causeId)).findFirst();
    }

    @Test
    void aCrashLoopBackOffEventBecomesAGuardedRestartDecisionThroughTheBroker() {
        MockKubernetes.client().apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
                .withNewMetadata().withName("checkout").withNamespace("shop").endMetadata().withNewSpec()
                .withReplicas(4).withNewSelector().addToMatchLabels("app", "checkout").endSelector().withNewTemplate()
                .withNewMetadata().addToLabels("app", "checkout").endMetadata().withNewSpec().addNewContainer()
                .withName("checkout").withImage("registry.example/checkout:v2").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        String id = BrokerEvents.publish(BrokerEvents.sample(EventTypes.APISERVER_RESOURCE_ADD,
                "valid-event-crashloop.json"));
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id, "remediate-events")));
        assertEquals(1, BrokerEvents.deliveries(BrokerEvents.byId(id).orElseThrow()).size(),
                "an Event reaches remediate only, not the Deployment subscribers");
        Map<String, Object> decision = caused(EventTypes.REMEDIATION_EXECUTED, id).orElseThrow(
                () -> new AssertionError("no decision for " + id + ": " + BrokerEvents.ofType(
                        EventTypes.REMEDIATION_REFUSED)));
        assertEquals("shop/Deployment/checkout", decision.get("subject"));
        JsonNode d = data(decision);
        assertEquals("dry-run", d.get("outcome").asText());
        assertEquals("restart", d.get("action").asText());
        assertEquals(4, d.at("/facts/replicas").asInt());
        assertEquals(0.25, d.at("/facts/share").asDouble(), 1e-9);
        assertEquals(id, d.at("/cause/id").asText());

        // the same pod crashing again a moment later: the cooldown refuses, and says so through the broker
        ObjectNode again = BrokerEvents.sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-event-crashloop.json");
        String id2 = BrokerEvents.publish(again);
        await().atMost(WAIT).until(() -> caused(EventTypes.REMEDIATION_REFUSED, id2).isPresent());
        assertEquals("cooldown", data(caused(EventTypes.REMEDIATION_REFUSED, id2).get()).get("guardrail").asText());
    }

    @Test
    void anAnalysisRequestIsJudgedFromPrometheusAndTheRolloutAborted() {
        if (!PrometheusResource.available()) {
            if (System.getenv("CI") != null) {
                fail("prometheus and promtool are required in CI (.ci/run installs the Debian package prometheus)");
            }
            Assumptions.abort("prometheus/promtool not installed: apt-get install prometheus");
        }
        MockKubernetes.client().genericKubernetesResources("argoproj.io/v1alpha1", "Rollout")
                .inNamespace("shop").resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("argoproj.io/v1alpha1").withKind("Rollout").withNewMetadata()
                        .withName("checkout").withNamespace("shop").endMetadata()
                        .addToAdditionalProperties("status", Map.of("phase", "Paused")).build())
                .create();
        ObjectNode request = BrokerEvents.sample(EventTypes.ROLLOUT_ANALYSIS_REQUESTED, "valid-checkout-canary.json");
        ObjectNode data = (ObjectNode) request.get("data");
        data.put("end", PrometheusResource.END.toString());
        ArrayNode metrics = data.putArray("metrics");
        metrics.addObject().put("name", "error-ratio").put("query", "checkout_error_ratio{${selector}}")
                .put("direction", "increase").put("weight", 2).put("critical", true);
        metrics.addObject().put("name", "latency").put("query", "checkout_latency_seconds{${selector}}");
        String id = BrokerEvents.publish(request);
        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(id)));
        Map<String, Object> judged = caused(EventTypes.ROLLOUT_JUDGED, "checkout-v42-1").orElseThrow();
        assertEquals("shop/checkout", judged.get("subject"));
        JsonNode j = data(judged);
        assertEquals("fail", j.get("verdict").asText());
        assertEquals("fail", j.at("/metrics/0/verdict").asText());
        assertTrue(j.at("/metrics/0/pValue").asDouble() < 0.02);
        assertEquals("pass", j.at("/metrics/1/verdict").asText());
        assertEquals("abort-rollout", j.at("/action/kind").asText());
        assertEquals("dry-run", j.at("/action/outcome").asText());
        String decisionId = j.at("/action/decisionId").asText();
        Map<String, Object> abort = BrokerEvents.byId(decisionId).orElseThrow();
        assertEquals(EventTypes.REMEDIATION_EXECUTED, abort.get("type"));
        assertEquals("shop/Rollout/checkout", abort.get("subject"));
    }
}
