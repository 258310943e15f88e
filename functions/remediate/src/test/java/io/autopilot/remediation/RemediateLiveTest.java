package io.autopilot.remediation;

import static io.autopilot.events.testing.CloudEvents.binary;
import static io.autopilot.events.testing.CloudEvents.sample;
import static io.autopilot.events.testing.CloudEvents.structured;
import static io.autopilot.remediation.RemediateFunctionTest.crashLoop;
import static io.autopilot.remediation.RemediateFunctionTest.data;
import static io.autopilot.remediation.RemediateFunctionTest.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.autopilot.events.testing.CloudEvents;
import io.autopilot.events.testing.MockKubernetes;
import io.autopilot.events.testing.PrometheusResource;
import io.autopilot.events.testing.CapturingSink;

/**
 * remediate acting for real ({@code autopilot.remediate.dry-run=false}) against fabric8's mock API server in CRUD
 * mode, and the canary judge end to end against a real Prometheus loaded by backfill ({@link PrometheusResource}).
 */
@QuarkusTest
@TestProfile(RemediateLiveTest.Live.class)
class RemediateLiveTest {

    /** Acting, with the mock API server and a real Prometheus. */
    public static class Live implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autopilot.remediate.dry-run", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MockKubernetes.class),
                    new TestResourceEntry(PrometheusResource.class));
        }
    }

    @BeforeEach
    void reset() {
        CapturingSink.reset();
        CloudEvents.plainContentTypes();
    }

    @Test
    void restartsTheDeploymentOfACrashLoopingPod() {
        Fixtures.deployment(MockKubernetes.client(), "shop", "payments", 4, "25%");
        structured(crashLoop("crash-payments", "payments-7d9f8b6c5-x2k4j")).then().statusCode(204);
        JsonNode d = data(ofType(EventTypes.REMEDIATION_EXECUTED).get(0));
        assertEquals("executed", d.get("outcome").asText());
        var after = MockKubernetes.client().apps().deployments().inNamespace("shop").withName("payments").get();
        String restartedAt = after.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(KubernetesActions.RESTARTED_AT);
        assertNotNull(restartedAt, "the pod template was annotated as kubectl rollout restart does");
        assertEquals(restartedAt, d.at("/change/" + KubernetesActions.RESTARTED_AT.replace("/", "~1")).asText());
    }

    @Test
    void rollsADeploymentBackToItsPreviousRevisionOnceApproved() {
        var c = MockKubernetes.client();
        var dep = Fixtures.deployment(c, "shop", "orders", 4, "25%");
        Fixtures.revisions(c, dep);
        ObjectNode anomaly = (ObjectNode) sample(EventTypes.ANOMALY_DETECTED, "valid-remediate-latency.json")
                .deepCopy();
        ((ObjectNode) anomaly.get("data").get("labels")).put("deployment", "orders");
        binary(anomaly).then().statusCode(204);
        String approvalId = data(ofType(EventTypes.APPROVAL_REQUESTED).get(0)).get("approvalId").asText();
        assertEquals("registry.example/orders:v2", c.apps().deployments().inNamespace("shop").withName("orders").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), "nothing before approval");
        ObjectNode grant = RemediateFunctionTest.grant(approvalId, "grant-orders");
        structured(grant).then().statusCode(204);
        JsonNode d = data(ofType(EventTypes.REMEDIATION_EXECUTED).get(0));
        assertEquals("rollback", d.get("action").asText());
        assertEquals("1", d.at("/change/toRevision").asText());
        var after = c.apps().deployments().inNamespace("shop").withName("orders").get();
        assertEquals("registry.example/orders:v1", after.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage());
        assertTrue(!after.getSpec().getTemplate().getMetadata().getLabels().containsKey("pod-template-hash"));
    }

    private void requirePrometheus() {
        if (!PrometheusResource.available()) {
            if (System.getenv("CI") != null) {
                fail("prometheus and promtool are required in CI (.ci/run installs the Debian package prometheus)");
            }
            Assumptions.abort("prometheus/promtool not installed: apt-get install prometheus");
        }
    }

    private ObjectNode analysis(String id) {
        ObjectNode e = (ObjectNode) sample(EventTypes.ROLLOUT_ANALYSIS_REQUESTED, "valid-checkout-canary.json")
                .deepCopy();
        e.put("id", id);
        ObjectNode data = (ObjectNode) e.get("data");
        data.put("end", PrometheusResource.END.toString());
        ArrayNode metrics = data.putArray("metrics");
        metrics.addObject().put("name", "error-ratio").put("query", "checkout_error_ratio{${selector}}")
                .put("direction", "increase").put("weight", 2).put("critical", true);
        metrics.addObject().put("name", "latency").put("query", "checkout_latency_seconds{${selector}}")
                .put("direction", "increase").put("weight", 1);
        return e;
    }

    @Test
    void judgesACanaryFromRealPrometheusSamplesAndAbortsTheRollout() {
        requirePrometheus();
        Fixtures.rollout(MockKubernetes.client(), "shop", "checkout");
        structured(analysis("analysis-live-1")).then().statusCode(204);
        JsonNode judged = data(ofType(EventTypes.ROLLOUT_JUDGED).get(0));
        assertEquals("fail", judged.get("verdict").asText(), judged.toString());
        JsonNode errors = judged.get("metrics").get(0);
        assertEquals("error-ratio", errors.get("name").asText());
        assertEquals("fail", errors.get("verdict").asText());
        assertEquals(61, errors.get("baselineCount").asInt(), "30 min at a 30 s step, both ends included");
        assertTrue(errors.get("pValue").asDouble() < 1e-10, errors.toString());
        assertTrue(errors.get("effectSize").asDouble() > 3, "canary ~5 % vs baseline ~1 %");
        assertEquals("pass", judged.get("metrics").get(1).get("verdict").asText(), "latency is unchanged");
        assertEquals("checkout_error_ratio{app=\"checkout\",track=\"canary\"}",
                judged.at("/queries/error-ratio/canary").asText());
        assertEquals("abort-rollout", judged.at("/action/kind").asText());
        assertEquals("executed", judged.at("/action/outcome").asText());
        var rollout = MockKubernetes.client().genericKubernetesResources("argoproj.io/v1alpha1", "Rollout")
                .inNamespace("shop").withName("checkout").get();
        assertEquals(Boolean.TRUE, ((Map<?, ?>) rollout.getAdditionalProperties().get("status")).get("abort"));
        assertEquals(1, ofType(EventTypes.REMEDIATION_EXECUTED).size());
    }

    @Test
    void saysInconclusiveWhenTheCanaryHasNoData() {
        requirePrometheus();
        ObjectNode e = analysis("analysis-live-nodata");
        ((ObjectNode) e.get("data")).put("canary", "app=\"checkout\",track=\"nonexistent\"");
        binary(e).then().statusCode(204);
        JsonNode judged = data(ofType(EventTypes.ROLLOUT_JUDGED).get(0));
        assertEquals("inconclusive", judged.get("verdict").asText());
        assertEquals("no_data", judged.get("metrics").get(0).get("verdict").asText());
        assertEquals(0, judged.get("metrics").get(0).get("canaryCount").asInt());
        assertEquals("none", judged.at("/action/kind").asText());
        assertTrue(judged.at("/action/outcome").asText().startsWith("paused"));
        assertTrue(ofType(EventTypes.REMEDIATION_EXECUTED).isEmpty());
    }
}
