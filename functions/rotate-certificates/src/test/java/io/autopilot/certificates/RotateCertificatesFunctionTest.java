package io.autopilot.certificates;

import static io.autopilot.certificates.CloudEvents.binary;
import static io.autopilot.certificates.CloudEvents.ping;
import static io.autopilot.certificates.CloudEvents.secretEvent;
import static io.autopilot.certificates.CloudEvents.structured;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.autopilot.events.testing.CapturingSink;

/**
 * The function over HTTP in both CloudEvent modes against fabric8's mock Kubernetes API server in CRUD mode: no real
 * API server can run here, so {@link MockKubernetes} stands in for it. Every certificate issued here is verified
 * independently of Bouncy Castle ({@link IndependentVerifier}: the JDK and Node with @noble/post-quantum), and the last test checks that no key material reached a log
 * line, an event sent to the sink or a reply.
 */
@QuarkusTest
@QuarkusTestResource(value = MockKubernetes.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RotateCertificatesFunctionTest {

    private static final Map<String, String> WEB = Map.of(Annotations.ALGORITHM, "ML-DSA-65",
            Annotations.DNS_NAMES, "web.shop.svc", Annotations.SPIFFE_ID, "spiffe://cluster.local/ns/shop/sa/web");
    private static CapturedLogs logs;
    private static final List<String> replies = new ArrayList<>();
    private static final List<CloudEventEnvelope> sent = new ArrayList<>();
    private static CertificateAuthority ca;

    @BeforeAll
    static void cluster() throws Exception {
        logs = CapturedLogs.install();
        ca = CertificateAuthority.selfSigned(CertAlgorithm.ML_DSA_65, "autopilot test CA",
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)), Crypto.random());
        try (KubernetesClient k = MockKubernetes.client()) {
            k.secrets().inNamespace("autopilot").resource(Fixtures.caSecret(ca)).create();
            k.secrets().inNamespace("shop").resource(Fixtures.request("shop", "web", WEB)).create();
            k.secrets().inNamespace("shop").resource(Fixtures.request("shop", "api", Map.of(Annotations.ALGORITHM,
                    "MLDSA65-ECDSA-P256-SHA512", Annotations.DNS_NAMES, "api.shop.svc"))).create();
            k.secrets().inNamespace("shop").resource(Fixtures.classical("shop", "legacy", "RSA",
                    Instant.now().plus(Duration.ofDays(400)))).create();
        }
    }

    @AfterAll
    static void uninstall() {
        if (logs != null) {
            logs.uninstall();
        }
        ShiftedClock.offset = Duration.ZERO;
    }

    @BeforeEach
    void plain() {
        CloudEvents.plainContentTypes();
        sent.addAll(CapturingSink.RECEIVED);
        CapturingSink.RECEIVED.clear();
    }

    private static Secret secret(String namespace, String name) {
        try (KubernetesClient k = MockKubernetes.client()) {
            return k.secrets().inNamespace(namespace).withName(name).get();
        }
    }

    private static Response kept(Response response) {
        replies.add(response.asString());
        return response;
    }

    @Test
    @Order(1)
    void issuesIntoANewlyAddedSecretInStructuredModeAndAnswersWithTheRotation() {
        kept(structured(secretEvent(EventTypes.APISERVER_RESOURCE_ADD, "add-web-1", secret("shop", "web")))).then()
                .statusCode(200).contentType(containsString("application/cloudevents+json"))
                .body("type", equalTo(EventTypes.CERTIFICATE_ROTATED))
                .body("subject", equalTo("shop/web"))
                .body("data.algorithm", equalTo("ML-DSA-65"))
                .body("data.reason", equalTo(RenewalPolicy.MISSING_DATA))
                .body("data.keyEncoding", equalTo("seed"))
                .body("data.spiffeId", equalTo("spiffe://cluster.local/ns/shop/sa/web"));
        Secret written = secret("shop", "web");
        assertEquals("1", written.getMetadata().getAnnotations().get(Annotations.REVISION));
        assertTrue(written.getData().containsKey(Annotations.CA_CRT));
    }

    @Test
    @Order(2)
    void issuesACompositeCertificateInBinaryMode() {
        kept(binary(secretEvent(EventTypes.APISERVER_RESOURCE_UPDATE, "update-api-1", secret("shop", "api")))).then()
                .statusCode(200).header("ce-type", EventTypes.CERTIFICATE_ROTATED).header("ce-subject", "shop/api")
                .header("ce-id", notNullValue()).body("algorithm", equalTo("MLDSA65-ECDSA-P256-SHA512"))
                .body("keyEncoding", equalTo("composite"));
    }

    @Test
    @Order(3)
    void aRepeatedEventFindsTheCertificateCurrentAndChangesNothing() {
        String before = secret("shop", "web").getMetadata().getResourceVersion();
        structured(secretEvent(EventTypes.APISERVER_RESOURCE_ADD, "add-web-1", secret("shop", "web"))).then().statusCode(204);
        binary(secretEvent(EventTypes.APISERVER_RESOURCE_UPDATE, "update-web-2", secret("shop", "web"))).then().statusCode(204);
        assertEquals(before, secret("shop", "web").getMetadata().getResourceVersion());
    }

    @Test
    @Order(4)
    void staysSilentForSecretsThatDidNotOptInAndForDeletes() {
        structured(secretEvent(EventTypes.APISERVER_RESOURCE_ADD, "add-legacy", secret("shop", "legacy"))).then()
                .statusCode(204);
        binary(secretEvent(EventTypes.APISERVER_RESOURCE_DELETE, "delete-legacy", secret("shop", "legacy"))).then()
                .statusCode(204);
        Secret elsewhere = Fixtures.request("other", "x", WEB);
        structured(secretEvent(EventTypes.APISERVER_RESOURCE_ADD, "add-other", elsewhere)).then().statusCode(204);
    }

    @Test
    @Order(5)
    void refusesABadAnnotationNamingItInBothModes() {
        Secret bad = Fixtures.request("shop", "bad", Map.of(Annotations.ALGORITHM, "ML-DSA-65",
                Annotations.DNS_NAMES, "bad.shop.svc", Annotations.DURATION, "ninety days"));
        try (KubernetesClient k = MockKubernetes.client()) {
            k.secrets().inNamespace("shop").resource(bad).create();
        }
        for (Response r : List.of(structured(secretEvent(EventTypes.APISERVER_RESOURCE_ADD, "add-bad", bad)),
                binary(secretEvent(EventTypes.APISERVER_RESOURCE_ADD, "add-bad", bad)))) {
            r.then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("/metadata/annotations/certificates.autopilot.io~1duration"))
                    .body("detail", containsString("ninety days"));
        }
        try (KubernetesClient k = MockKubernetes.client()) {
            k.secrets().inNamespace("shop").withName("bad").delete();
        }
    }

    @TestFactory
    @Order(6)
    Iterable<DynamicTest> refusesTheFailingSecretAndPingSamplesInBothModes() {
        return SampleEvents.all().stream()
                .filter(s -> !s.valid() && !s.name().startsWith(SampleEvents.ENVELOPE_FAILURE))
                .filter(s -> s.type().equals(EventTypes.PING) || s.text().contains("\"Secret\""))
                .flatMap(s -> List.of(
                        DynamicTest.dynamicTest(s + " structured", () -> structured(sample(s)).then().statusCode(400)
                                .contentType("application/problem+json").body("field", notNullValue())),
                        DynamicTest.dynamicTest(s + " binary", () -> binary(sample(s)).then().statusCode(400)
                                .contentType("application/problem+json").body("field", notNullValue())))
                        .stream())
                .toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode sample(SampleEvents.Sample s) {
        try {
            return CloudEvents.MAPPER.readTree(s.bytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(7)
    void refusesAnObjectThatIsNotASecret() {
        ObjectNode event = secretEvent(EventTypes.APISERVER_RESOURCE_ADD, "add-cm", secret("shop", "web"));
        ((ObjectNode) event.get("data")).put("kind", "ConfigMap");
        structured(event).then().statusCode(400).body("field", equalTo("/kind"));
    }

    @Test
    @Order(8)
    void aPingAfterTheRenewalPointRotatesAndAnswersWithTheInventory() throws Exception {
        X509Certificate before = Fixtures.leaf(secret("shop", "web"));
        ShiftedClock.offset = Duration.ofDays(61);
        kept(structured(ping("ping-1"))).then().statusCode(200)
                .body("type", equalTo(EventTypes.CERTIFICATE_INVENTORY))
                .body("subject", equalTo("shop,payments"))
                .body("data.total", equalTo(3))
                .body("data.migrated", equalTo(2))
                .body("data.quantumVulnerable", equalTo(1))
                .body("data.migrationPercent", equalTo(66.7f));
        List<CloudEventEnvelope> rotated = CapturingSink.RECEIVED.stream()
                .filter(e -> e.type().equals(EventTypes.CERTIFICATE_ROTATED)).toList();
        assertEquals(List.of("shop/api", "shop/web"), rotated.stream().map(CloudEventEnvelope::subject).sorted().toList());
        X509Certificate after = Fixtures.leaf(secret("shop", "web"));
        assertFalse(before.getSerialNumber().equals(after.getSerialNumber()));
        // the same ping again (redelivery): nothing more is due, and the inventory has the same id
        String firstId = structured(ping("ping-1")).then().statusCode(200).extract().path("id");
        assertEquals(firstId, structured(ping("ping-1")).then().statusCode(200).extract().path("id"));
        assertEquals(2, CapturingSink.RECEIVED.stream().filter(e -> e.type().equals(EventTypes.CERTIFICATE_ROTATED)).count());
        binary(ping("ping-2")).then().statusCode(200).header("ce-type", EventTypes.CERTIFICATE_INVENTORY);
    }

    @Test
    @Order(9)
    void everyCertificateIssuedHereVerifiesIndependently() throws Exception {
        IndependentVerifier verifier = IndependentVerifier.forThisModule();
        Instant at = Instant.now().plus(ShiftedClock.offset).plusSeconds(60);
        for (String name : List.of("web", "api")) {
            Secret s = secret("shop", name);
            verifier.add(name, Fixtures.leaf(s), ca.certificate(), at, true);
            verifier.add(name + "-previous", Pem.readCertificates(new String(java.util.Base64.getDecoder().decode(
                    s.getData().get(Annotations.PREVIOUS_CRT)), StandardCharsets.UTF_8)).get(0), ca.certificate(),
                    Instant.now().plusSeconds(60), true);
            assertEquals(Pem.certificates(List.of(ca.certificate())), Fixtures.decode(s, Annotations.CA_CRT));
        }
        verifier.verifyAll();
    }

    @Test
    @Order(10)
    void noKeyMaterialReachedALogLineAnEventOrAReply() {
        sent.addAll(CapturingSink.RECEIVED);
        List<String> secretsOfKeys = new ArrayList<>();
        for (String name : List.of("web", "api")) {
            Secret s = secret("shop", name);
            for (String key : List.of(Annotations.TLS_KEY, Annotations.PREVIOUS_KEY)) {
                secretsOfKeys.add(s.getData().get(key).substring(0, 40));
                String pem = Fixtures.decode(s, key);
                String body = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
                secretsOfKeys.add(body.substring(Math.min(30, body.length() - 20)));
            }
        }
        Secret caSecret = secret("autopilot", "autopilot-pqc-ca");
        secretsOfKeys.add(Fixtures.decode(caSecret, Annotations.TLS_KEY).replaceAll("-----[A-Z ]+-----|\\s", "").substring(30));
        List<String> texts = new ArrayList<>(logs.lines);
        sent.forEach(e -> texts.add(e.toString() + " " + new String(e.data(), StandardCharsets.UTF_8)));
        texts.addAll(replies);
        assertTrue(logs.lines.stream().anyMatch(l -> l.contains("rotated shop/web")), "the capture works: " + logs.lines.size());
        assertTrue(sent.size() >= 2 && replies.size() >= 3);
        for (String text : texts) {
            assertFalse(text.contains("PRIVATE KEY"), text);
            for (String secret : secretsOfKeys) {
                assertFalse(text.contains(secret), "key material in: " + text);
            }
        }
    }

    @Test
    void refusesAnEventTypeItDoesNotHandle() {
        structured(CloudEvents.ping("x").put("type", EventTypes.ALERT_FIRING)).then().statusCode(400)
                .body("header", equalTo("ce-type"));
    }

    @TestFactory
    Iterable<DynamicTest> answersEveryMalformedCloudEventWithA4xxProblem() {
        return io.autopilot.events.testing.CloudEvents.malformedRequests("/");
    }

    @Test
    void reportsHealth() {
        RestAssured.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
