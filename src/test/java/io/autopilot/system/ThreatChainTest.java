package io.autopilot.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.autopilot.events.testing.MockKubernetes;
import io.autopilot.events.testing.CloudEvents;

/**
 * A Falco alert signed with the intake's HMAC secret, posted to respond-threat's intake, passed attested through the
 * broker to respond-threat, which isolates the pod with a NetworkPolicy (in the fabric8 mock API server, CRUD mode)
 * and reports each action as {@code io.autopilot.threat.responded} through the broker; the record-audit Trigger routes
 * the response to the audit ledger, where its entry's inclusion proof verifies against the signed checkpoint (see
 * {@link AuditProofs}). The signature is computed here independently of respond-threat's code (plain JCA
 * HmacSHA256), as any sender would.
 */
@QuarkusTest
@QuarkusTestResource(MockKubernetes.class)
class ThreatChainTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** The secret src's %test profile gives the intake. */
    private static final byte[] SECRET = "chain-test-intake-secret".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void plainContentTypes() {
        CloudEvents.noCharsetAppended();
    }

    private static String hmac(byte[] body) throws NoSuchAlgorithmException, InvalidKeyException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aSignedFalcoAlertIsolatesThePodAndTheAuditedResponseHasAVerifiedInclusionProof() throws Exception {
        String pod = "web-" + UUID.randomUUID().toString().substring(0, 8);
        var client = MockKubernetes.client();
        if (client.namespaces().withName("shop").get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
                    .create();
        }
        client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName(pod).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().build())
                .create();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode alert = (ObjectNode) mapper.readTree(SampleEvents.bytes(EventTypes.FALCO_RULE_OUTPUT,
                "valid-terminal-shell.json")).get("data");
        String falcoId = UUID.randomUUID().toString();
        alert.put("uuid", falcoId);
        ((ObjectNode) alert.get("output_fields")).put("k8s.pod.name", pod);
        byte[] body = alert.toString().getBytes(StandardCharsets.UTF_8);

        given().contentType("application/json").header("X-Autopilot-Signature", hmac(body)).body(body)
                .when().post("/webhooks/falco").then().statusCode(202);

        await().atMost(WAIT).until(() -> "delivered".equals(BrokerEvents.outcome(falcoId)));
        NetworkPolicy policy = await().atMost(WAIT).until(() -> client.network().v1().networkPolicies()
                .inNamespace("shop").list().getItems().stream()
                .filter(p -> pod.equals(p.getMetadata().getAnnotations().get("threat.autopilot.io/pod")))
                .findFirst().orElse(null), p -> p != null);
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        assertNotNull(client.pods().inNamespace("shop").withName(pod).get().getMetadata().getLabels()
                .get("threat.autopilot.io/isolation"));

        await().atMost(WAIT).until(() -> BrokerEvents.ofType(EventTypes.THREAT_RESPONDED).stream()
                .filter(e -> ("shop/" + pod).equals(e.get("subject"))).count() == 3);
        for (Map<String, Object> response : BrokerEvents.ofType(EventTypes.THREAT_RESPONDED)) {
            assertEquals(EventSources.RESPOND_THREAT, response.get("source"));
        }

        // the isolation's threat.responded event -> audit entry -> inclusion proof verified against the signed checkpoint
        JsonNode isolation = AuditProofs.eventsWithData(EventTypes.THREAT_RESPONDED).stream()
                .filter(e -> ("shop/" + pod).equals(e.path("subject").asText())
                        && "isolate".equals(e.path("data").path("action").asText()))
                .findFirst().orElseThrow();
        assertEquals("executed", isolation.path("data").path("outcome").asText());
        assertEquals(policy.getMetadata().getName(), isolation.path("data").path("details").path("networkPolicy").asText(),
                "the response names the NetworkPolicy created in the API server");
        assertEquals(falcoId, isolation.path("data").path("facts").path("falcoEventId").asText(),
                "the response states the Falco event that triggered it");
        AuditProofs.Proven proven = AuditProofs.assertAuditedAndProven(isolation);
        assertEquals(EventTypes.THREAT_RESPONDED, proven.leaf().type());
        assertEquals("shop/" + pod, proven.leaf().subject());
        assertEquals(policy.getMetadata().getName(),
                proven.leaf().data().path("details").path("networkPolicy").asText());
        AuditProofs.assertLogVerifies(proven.checkpoint());
    }

    @Test
    void anUnsignedAlertIsRefusedAtTheIntakeAndAForgedBrokerEventIsDeadLettered() throws Exception {
        given().contentType("application/json").body(SampleEvents.text(EventTypes.FALCO_RULE_OUTPUT,
                "valid-terminal-shell.json")).when().post("/webhooks/falco").then().statusCode(401);

        // published straight to the broker, past the intake: respond-threat refuses it (401, not retried)
        String id = BrokerEvents.publish(BrokerEvents.sample(EventTypes.FALCO_RULE_OUTPUT, "valid-terminal-shell.json"));
        await().atMost(WAIT).until(() -> "dead-lettered".equals(BrokerEvents.outcome(id)));
        assertEquals(1, BrokerEvents.deliveries(BrokerEvents.byId(id).orElseThrow()).get(0).get("attempts"),
                "a 401 is permanent: no retry");
    }
}
