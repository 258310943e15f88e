package io.autopilot.compliance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.autopilot.events.testing.MockKubernetes;
import io.autopilot.events.testing.CapturingSink;
import io.autopilot.events.testing.CloudEvents;

/**
 * The function behind its HTTP CloudEvent endpoint, in binary and structured mode, with the fabric8 mock API server in
 * CRUD mode ({@link MockKubernetes}) standing in for the cluster and a capturing endpoint for the broker.
 */
@QuarkusTest
@QuarkusTestResource(MockKubernetes.class)
class CheckComplianceFunctionTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void reset() {
        CapturingSink.reset();
        CloudEvents.noCharsetAppended();
    }

    private ObjectNode sample(String type, String name) throws Exception {
        return (ObjectNode) mapper.readTree(SampleEvents.bytes(type, name));
    }

    private ValidatableResponse binary(String type, String id, JsonNode data) {
        return given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-type", type).header("ce-source", "https://10.96.0.1:443").body(data.toString())
                .when().post("/").then();
    }

    private ValidatableResponse structured(ObjectNode event) {
        return given().contentType("application/cloudevents+json").body(event.toString()).when().post("/").then();
    }

    private JsonNode data(CloudEventEnvelope e) throws Exception {
        return mapper.readTree(e.data());
    }

    @Test
    void aPrivilegedPodInBinaryModeYieldsFindingsNamingFieldValueLevelAndFrameworks() throws Exception {
        ObjectNode event = sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-privileged-pod.json");
        ((ObjectNode) event.get("data").get("metadata")).put("name", "debug-binary");
        binary(EventTypes.APISERVER_RESOURCE_ADD, UUID.randomUUID().toString(), event.get("data")).statusCode(204);
        List<CloudEventEnvelope> findings = CapturingSink.ofType(EventTypes.COMPLIANCE_FINDING);
        JsonNode privileged = null;
        for (CloudEventEnvelope f : findings) {
            assertEquals(EventSources.CHECK_COMPLIANCE, f.source());
            JsonNode d = data(f);
            assertEquals(d.get("findingId").asText(), f.subject());
            if (d.get("control").asText().equals("privileged")) {
                privileged = d;
            }
        }
        assertTrue(privileged != null, "no privileged finding among " + findings);
        assertEquals("spec.containers[0].securityContext.privileged", privileged.get("path").asText());
        assertEquals("true", privileged.get("observed").asText());
        assertEquals("baseline", privileged.get("pssLevel").asText());
        assertEquals("debug-binary", privileged.get("resource").get("name").asText());
        assertEquals("CC6.1", privileged.get("frameworks").get("SOC2").get(0).asText());
        assertTrue(privileged.get("frameworks").has("GDPR"));
        Set<String> controls = findings.stream().map(f -> {
            try {
                return data(f).get("control").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
        assertTrue(controls.containsAll(Set.of("hostNamespaces", "capabilities_baseline", "capabilities_restricted",
                "runAsNonRoot", "imagePinnedByDigest", "resourceLimits")), controls.toString());
    }

    @Test
    void aFixedPodInStructuredModeResolvesWhatWasFixedAndKeepsTheRest() throws Exception {
        ObjectNode add = sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-privileged-pod.json");
        ((ObjectNode) add.get("data").get("metadata")).put("name", "debug-fixed");
        add.put("id", UUID.randomUUID().toString());
        structured(add).statusCode(204);
        int opened = CapturingSink.ofType(EventTypes.COMPLIANCE_FINDING).size();
        assertTrue(opened > 3);

        ObjectNode update = add.deepCopy();
        update.put("type", EventTypes.APISERVER_RESOURCE_UPDATE).put("id", UUID.randomUUID().toString());
        ObjectNode container = (ObjectNode) update.get("data").get("spec").get("containers").get(0);
        container.remove("securityContext");
        structured(update).statusCode(204);
        List<String> resolved = CapturingSink.ofType(EventTypes.COMPLIANCE_RESOLVED).stream().map(e -> {
            try {
                JsonNode d = data(e);
                assertEquals("fixed", d.get("resolution").asText());
                return d.get("control").asText();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        }).toList();
        assertTrue(resolved.containsAll(List.of("privileged", "capabilities_baseline")), resolved.toString());
        assertFalse(resolved.contains("hostNamespaces"), "hostPID is still set: " + resolved);
        assertEquals(opened, CapturingSink.ofType(EventTypes.COMPLIANCE_FINDING).size(), "nothing newly opened");
    }

    @Test
    void aRedeliveredEventEmitsNothingNew() throws Exception {
        ObjectNode add = sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-privileged-pod.json");
        ((ObjectNode) add.get("data").get("metadata")).put("name", "debug-twice");
        add.put("id", UUID.randomUUID().toString());
        structured(add).statusCode(204);
        int first = CapturingSink.RECEIVED.size();
        structured(add).statusCode(204);
        assertEquals(first, CapturingSink.RECEIVED.size());
    }

    @Test
    void deletingAPodResolvesItsFindingsAsDeleted() throws Exception {
        ObjectNode add = sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-privileged-pod.json");
        add.put("id", UUID.randomUUID().toString());
        ((ObjectNode) add.get("data").get("metadata")).put("name", "debug-deleted");
        structured(add).statusCode(204);
        int opened = CapturingSink.ofType(EventTypes.COMPLIANCE_FINDING).size();
        ObjectNode delete = sample(EventTypes.APISERVER_RESOURCE_DELETE, "valid-pod-deleted.json");
        ((ObjectNode) delete.get("data").get("metadata")).put("name", "debug-deleted");
        structured(delete).statusCode(204);
        List<CloudEventEnvelope> resolved = CapturingSink.ofType(EventTypes.COMPLIANCE_RESOLVED);
        assertEquals(opened, resolved.size());
        assertEquals("deleted", data(resolved.get(0)).get("resolution").asText());
    }

    @Test
    void aNamespaceWithoutDefaultDenyGetsAReadyToApplyPolicyThatResolvesItOnceApplied() throws Exception {
        String ns = "team-" + UUID.randomUUID().toString().substring(0, 8);
        MockKubernetes.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                .endMetadata().build()).create();
        JsonNode namespace = mapper.valueToTree(MockKubernetes.client().namespaces().withName(ns).get());
        binary(EventTypes.APISERVER_RESOURCE_ADD, UUID.randomUUID().toString(), namespace).statusCode(204);
        List<CloudEventEnvelope> findings = CapturingSink.ofType(EventTypes.COMPLIANCE_FINDING);
        assertEquals(1, findings.size(), findings.toString());
        JsonNode finding = data(findings.get(0));
        assertEquals(ResourceChecks.DEFAULT_DENY, finding.get("check").asText());
        JsonNode policy = finding.get("remediation");
        assertEquals(ns, policy.get("metadata").get("namespace").asText());

        // apply the remediation as it is, then the NetworkPolicy's own event re-judges the namespace
        MockKubernetes.client().network().v1().networkPolicies().inNamespace(ns).resource(
                mapper.treeToValue(policy, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class)).create();
        binary(EventTypes.APISERVER_RESOURCE_ADD, UUID.randomUUID().toString(), policy).statusCode(204);
        List<CloudEventEnvelope> resolved = CapturingSink.ofType(EventTypes.COMPLIANCE_RESOLVED);
        assertEquals(1, resolved.size());
        assertEquals(findings.get(0).subject(), resolved.get(0).subject());
    }

    @Test
    void thePingReportsAPostureScoredPerFrameworkAndLevelFromTheClusterListing() throws Exception {
        String ns = "posture-" + UUID.randomUUID().toString().substring(0, 8);
        var client = MockKubernetes.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("root").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").withNewSecurityContext()
                .withPrivileged(true).endSecurityContext().endContainer().endSpec().build()).create();
        client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
                .withName("ops-admin-" + ns).endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole").withName("cluster-admin").endRoleRef().addNewSubject().withKind("User")
                .withName("alice").endSubject().build()).create();

        structured(sample(EventTypes.PING, "valid-daily-posture.json").put("id", UUID.randomUUID().toString()))
                .statusCode(204);
        List<CloudEventEnvelope> postures = CapturingSink.ofType(EventTypes.COMPLIANCE_POSTURE);
        assertEquals(1, postures.size());
        JsonNode posture = data(postures.get(0));
        assertTrue(posture.get("resources").get("Pod").asInt() >= 1);
        assertTrue(posture.get("levels").get("baseline").get("evaluated").asInt() >= 1);
        assertTrue(posture.get("levels").get("baseline").get("score").asDouble() < 100.0);
        for (String framework : Frameworks.ALL) {
            assertTrue(posture.get("frameworks").has(framework), framework);
        }
        assertTrue(posture.get("frameworks").get("SOC2").get("failingControls").has("CC6.2"), "cluster-admin binding");
        assertTrue(posture.get("findingsByCheck").get(ResourceChecks.CLUSTER_ADMIN).asInt() >= 1);
        assertTrue(CapturingSink.ofType(EventTypes.COMPLIANCE_FINDING).stream()
                .anyMatch(e -> e.data() != null && new String(e.data()).contains("\"name\":\"root\"")));
    }

    @Test
    void anObjectWithoutKindIsRefusedWithAProblemNamingTheField() throws Exception {
        ObjectNode event = sample(EventTypes.APISERVER_RESOURCE_DELETE, "valid-pod-deleted.json");
        ((ObjectNode) event.get("data")).remove("kind");
        structured(event).statusCode(400).contentType(containsString("application/problem+json"))
                .body("field", equalTo("/kind"));
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @Test
    void kindsItDoesNotCheckAreAcknowledgedWithoutEvents() {
        ObjectNode configMap = mapper.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", "settings").put("namespace", "shop");
        binary(EventTypes.APISERVER_RESOURCE_UPDATE, UUID.randomUUID().toString(), configMap).statusCode(204);
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }
}
