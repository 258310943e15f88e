package io.autopilot.threat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.CloudEventWriter;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.autopilot.events.testing.MockKubernetes;
import io.autopilot.events.testing.CapturingSink;
import io.autopilot.events.testing.CloudEvents;

/**
 * The intake and the function over HTTP, with the fabric8 mock API server in CRUD mode ({@link MockKubernetes}) as the
 * cluster and a capturing endpoint as the broker. Secret, token and rules come from the module's surefire settings
 * (the rules are the shipped {@code knative/respond-threat/200-rules.yaml}).
 */
@QuarkusTest
@QuarkusTestResource(MockKubernetes.class)
class RespondThreatFunctionTest {

    static final byte[] SECRET = "test-intake-secret-not-for-production".getBytes(StandardCharsets.UTF_8);
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void reset() {
        CapturingSink.reset();
        CloudEvents.noCharsetAppended();
    }

    /** The Falco alert of the sample, about a fresh pod that exists in the mock cluster. */
    private ObjectNode alertForNewPod(String namespace) throws Exception {
        String pod = "web-" + UUID.randomUUID().toString().substring(0, 8);
        var client = MockKubernetes.client();
        if (client.namespaces().withName(namespace).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
        }
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(pod)
                .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("web")
                .withImage("nginx").endContainer().endSpec().build()).create();
        ObjectNode alert = (ObjectNode) mapper.readTree(SampleEvents.bytes(EventTypes.FALCO_RULE_OUTPUT,
                "valid-terminal-shell.json")).get("data");
        alert.put("uuid", UUID.randomUUID().toString());
        ((ObjectNode) alert.get("output_fields")).put("k8s.ns.name", namespace).put("k8s.pod.name", pod);
        return alert;
    }

    private io.restassured.response.ValidatableResponse postSigned(ObjectNode alert, String ceId) {
        byte[] body = alert.toString().getBytes(StandardCharsets.UTF_8);
        var request = given().contentType("application/json")
                .header(IntakeAuthenticator.SIGNATURE_HEADER, IntakeAuthenticator.sign(SECRET, body));
        if (ceId != null) {
            request = request.header("ce-specversion", "1.0").header("ce-id", ceId)
                    .header("ce-type", EventTypes.FALCO_RULE_OUTPUT).header("ce-source", "https://falco.org");
        }
        return request.body(body).when().post(FalcoIntakeRoute.PATH).then();
    }

    /** What the broker would deliver to the function: the attested event the intake emitted, in structured mode. */
    private void deliver(CloudEventEnvelope event) {
        given().contentType("application/cloudevents+json").body(CloudEventWriter.structured(event, mapper).toString())
                .when().post("/").then().statusCode(204);
    }

    @Test
    void aSignedBinaryFalcoEventIsAttestedThenIsolatesThePodAndReportsTheFacts() throws Exception {
        ObjectNode alert = alertForNewPod("shop");
        String pod = alert.get("output_fields").get("k8s.pod.name").asText();
        String id = alert.get("uuid").asText();
        postSigned(alert, UUID.randomUUID().toString()).statusCode(202).body("accepted", equalTo(id));
        CloudEventEnvelope attested = CapturingSink.ofType(EventTypes.FALCO_RULE_OUTPUT).get(0);
        assertEquals("https://falco.org", attested.source());
        assertNotNull(attested.extensions().get(IntakeAuthenticator.ATTESTATION_EXTENSION));
        assertEquals("shop/" + pod, attested.subject());

        deliver(attested);
        NetworkPolicy policy = MockKubernetes.client().network().v1().networkPolicies().inNamespace("shop")
                .withName(PodActions.networkPolicyName("shop", pod)).get();
        assertNotNull(policy, "isolation NetworkPolicy created");
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        assertTrue(policy.getSpec().getIngress().isEmpty() && policy.getSpec().getEgress().isEmpty());
        Pod labelled = MockKubernetes.client().pods().inNamespace("shop").withName(pod).get();
        assertEquals(policy.getSpec().getPodSelector().getMatchLabels().get(PodActions.ISOLATION_LABEL),
                labelled.getMetadata().getLabels().get(PodActions.ISOLATION_LABEL));
        assertEquals("true", labelled.getMetadata().getLabels().get("threat.autopilot.io/quarantined"));

        List<CloudEventEnvelope> responses = CapturingSink.ofType(EventTypes.THREAT_RESPONDED);
        assertEquals(3, responses.size(), "isolate, label, event");
        JsonNode isolate = mapper.readTree(responses.get(0).data());
        assertEquals(EventSources.RESPOND_THREAT, responses.get(0).source());
        assertEquals("shop/" + pod, responses.get(0).subject());
        assertEquals("isolate", isolate.get("action").asText());
        assertEquals("executed", isolate.get("outcome").asText());
        assertEquals("isolate-terminal-shell", isolate.get("responseRule").asText());
        assertEquals("Terminal shell in container", isolate.get("facts").get("falcoRule").asText());
        assertEquals("Notice", isolate.get("facts").get("priority").asText());
        assertEquals(id, isolate.get("facts").get("falcoEventId").asText());
        assertEquals("bash", isolate.get("facts").get("outputFields").get("proc.name").asText());
        assertEquals(policy.getMetadata().getName(), isolate.get("details").get("networkPolicy").asText());
    }

    @Test
    void aRedeliveredAlertActsOnceAndRepeatsTheSameEvents() throws Exception {
        ObjectNode alert = alertForNewPod("shop");
        postSigned(alert, null).statusCode(202);
        CloudEventEnvelope attested = CapturingSink.ofType(EventTypes.FALCO_RULE_OUTPUT).get(0);
        deliver(attested);
        deliver(attested);
        List<CloudEventEnvelope> responses = CapturingSink.ofType(EventTypes.THREAT_RESPONDED);
        assertEquals(6, responses.size());
        assertEquals(responses.subList(0, 3).stream().map(CloudEventEnvelope::id).toList(),
                responses.subList(3, 6).stream().map(CloudEventEnvelope::id).toList());
        assertTrue(responses.stream().allMatch(e -> "executed".equals(e.extensions().get("outcome"))),
                "no rate-limit refusal: the second delivery did not act again");
    }

    @Test
    void anAlertWithoutCredentialsIsRefused401AndNothingHappens() throws Exception {
        given().contentType("application/json").body(alertForNewPod("shop").toString())
                .when().post(FalcoIntakeRoute.PATH)
                .then().statusCode(401).contentType(containsString("application/problem+json"))
                .body("detail", containsString(IntakeAuthenticator.SIGNATURE_HEADER));
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @Test
    void aWrongSignatureIsRefusedAndNeverEchoesTheSecret() throws Exception {
        String body = alertForNewPod("shop").toString();
        String response = given().contentType("application/json")
                .header(IntakeAuthenticator.SIGNATURE_HEADER, IntakeAuthenticator.sign("guess".getBytes(), body.getBytes()))
                .body(body).when().post(FalcoIntakeRoute.PATH).then().statusCode(401).extract().asString();
        assertTrue(!response.contains("test-intake-secret"), response);
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @Test
    void aCapturedSignedRequestReplayedUnderANewCloudEventIdIsTheSameAlert() throws Exception {
        ObjectNode alert = alertForNewPod("shop");
        postSigned(alert, "first-" + UUID.randomUUID()).statusCode(202);
        postSigned(alert, "replayed-" + UUID.randomUUID()).statusCode(202);
        List<CloudEventEnvelope> attested = CapturingSink.ofType(EventTypes.FALCO_RULE_OUTPUT);
        assertEquals(attested.get(0).id(), attested.get(1).id(), "identity from the signed alert, not from ce-id");
        deliver(attested.get(0));
        deliver(attested.get(1));
        List<CloudEventEnvelope> responses = CapturingSink.ofType(EventTypes.THREAT_RESPONDED);
        assertEquals(responses.subList(0, 3).stream().map(CloudEventEnvelope::id).toList(),
                responses.subList(3, 6).stream().map(CloudEventEnvelope::id).toList(), "acted once");
    }

    @Test
    void aBearerTokenIsTheOtherAcceptedScheme() throws Exception {
        given().contentType("application/json").header("Authorization", "Bearer test-intake-token")
                .body(alertForNewPod("shop").toString()).when().post(FalcoIntakeRoute.PATH).then().statusCode(202);
        given().contentType("application/json").header("Authorization", "Bearer nope")
                .body(alertForNewPod("shop").toString()).when().post(FalcoIntakeRoute.PATH).then().statusCode(401);
        assertEquals(1, CapturingSink.ofType(EventTypes.FALCO_RULE_OUTPUT).size());
    }

    @Test
    void aFalcoEventPublishedWithoutTheIntakesAttestationIsRefused401InBothModes() throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(SampleEvents.bytes(EventTypes.FALCO_RULE_OUTPUT,
                "valid-terminal-shell.json"));
        given().contentType("application/cloudevents+json").body(event.toString()).when().post("/")
                .then().statusCode(401).body("detail", containsString("/webhooks/falco"));
        given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", "forged-1")
                .header("ce-type", EventTypes.FALCO_RULE_OUTPUT).header("ce-source", "https://falco.org")
                .header("ce-" + IntakeAuthenticator.ATTESTATION_EXTENSION, "AAAA")
                .body(event.get("data").toString()).when().post("/").then().statusCode(401);
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }

    @Test
    void anAttestedEventWhoseDataWasChangedIsRefused() throws Exception {
        ObjectNode alert = alertForNewPod("shop");
        postSigned(alert, null).statusCode(202);
        CloudEventEnvelope attested = CapturingSink.ofType(EventTypes.FALCO_RULE_OUTPUT).get(0);
        ObjectNode tampered = (ObjectNode) mapper.readTree(attested.data());
        ((ObjectNode) tampered.get("output_fields")).put("k8s.pod.name", "someone-else");
        CloudEventEnvelope forged = new CloudEventEnvelope(attested.specversion(), attested.id(), attested.source(),
                attested.type(), attested.subject(), attested.time(), null, attested.datacontenttype(),
                attested.extensions(), mapper.writeValueAsBytes(tampered));
        given().contentType("application/cloudevents+json").body(CloudEventWriter.structured(forged, mapper).toString())
                .when().post("/").then().statusCode(401);
    }

    @Test
    void aPodInAProtectedNamespaceIsNotTouchedAndTheRefusalSaysWhy() throws Exception {
        ObjectNode alert = alertForNewPod("kube-system");
        postSigned(alert, null).statusCode(202);
        deliver(CapturingSink.ofType(EventTypes.FALCO_RULE_OUTPUT).get(0));
        String pod = alert.get("output_fields").get("k8s.pod.name").asText();
        assertEquals(null, MockKubernetes.client().network().v1().networkPolicies().inNamespace("kube-system")
                .withName(PodActions.networkPolicyName("kube-system", pod)).get());
        List<CloudEventEnvelope> responses = CapturingSink.ofType(EventTypes.THREAT_RESPONDED);
        assertEquals(3, responses.size());
        for (CloudEventEnvelope e : responses) {
            JsonNode r = mapper.readTree(e.data());
            assertEquals("refused", r.get("outcome").asText());
            assertEquals(Guardrails.PROTECTED_NAMESPACE, r.get("guardrail").asText());
        }
    }

    @Test
    void anAlertWithAnUnknownPriorityIsA400NamingTheField() throws Exception {
        ObjectNode alert = (ObjectNode) mapper.readTree(SampleEvents.bytes(EventTypes.FALCO_RULE_OUTPUT,
                "fail-unknown-priority.json")).get("data");
        byte[] body = alert.toString().getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json")
                .header(IntakeAuthenticator.SIGNATURE_HEADER, IntakeAuthenticator.sign(SECRET, body))
                .body(body).when().post(FalcoIntakeRoute.PATH)
                .then().statusCode(400).body("field", equalTo("/priority"));
        given().contentType("application/cloudevents+json").body(SampleEvents.bytes(EventTypes.FALCO_RULE_OUTPUT,
                "fail-unknown-priority.json")).when().post("/").then().statusCode(400).body("field", equalTo("/priority"));
    }
}
