package io.autopilot.certificates;

import static io.autopilot.certificates.CloudEvents.secretEvent;
import static io.autopilot.certificates.CloudEvents.structured;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.autopilot.events.EventTypes;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Conflicts and server errors of the Kubernetes API, scripted on fabric8's mock API server in expectation mode (no
 * real API server can run here): a 409 on the write makes the function re-read and decide again without clobbering
 * the other writer's change; 5xx are retried, then answered with a retryable 503 naming the API server.
 */
@QuarkusTest
@QuarkusTestResource(value = MockKubernetes.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "crud", value = "false"))
class ApiFailuresFunctionTest {

    private static final String WEB = "/api/v1/namespaces/shop/secrets/web";

    @BeforeAll
    static void ca() throws Exception {
        CertificateAuthority ca = CertificateAuthority.selfSigned(CertAlgorithm.ML_DSA_44, "failures CA",
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), Crypto.random());
        Secret caSecret = new SecretBuilder(Fixtures.caSecret(ca)).editMetadata().withResourceVersion("1").endMetadata()
                .build();
        MockKubernetes.server.expect().get().withPath("/api/v1/namespaces/autopilot/secrets/autopilot-pqc-ca")
                .andReturn(200, caSecret).always();
    }

    @BeforeEach
    void plain() {
        CloudEvents.plainContentTypes();
    }

    @Test
    void aConflictMakesItRereadAndIssueForTheSecretAsTheOtherWriterLeftIt() throws Exception {
        Map<String, String> asked = Map.of(Annotations.ALGORITHM, "ML-DSA-44", Annotations.DNS_NAMES, "web.shop.svc");
        Secret first = new SecretBuilder(Fixtures.request("shop", "web", asked)).editMetadata().withResourceVersion("7")
                .endMetadata().build();
        Secret changed = new SecretBuilder(first).editMetadata().withResourceVersion("8")
                .addToAnnotations(Annotations.DNS_NAMES, "web.shop.svc,www.shop.example").endMetadata().build();
        MockKubernetes.server.expect().get().withPath(WEB).andReturn(200, first).once();
        MockKubernetes.server.expect().get().withPath(WEB).andReturn(200, changed).once();
        MockKubernetes.server.expect().put().withPath(WEB).andReturn(409, new StatusBuilder().withCode(409)
                .withReason("Conflict").withMessage("the object has been modified").build()).once();
        MockKubernetes.server.expect().put().withPath(WEB).andReturn(200, changed).once();
        int before = MockKubernetes.server.getRequestCount();

        structured(secretEvent(EventTypes.APISERVER_RESOURCE_UPDATE, "conflict-1", first)).then().statusCode(200)
                .body("type", equalTo(EventTypes.CERTIFICATE_ROTATED))
                .body("data.dnsNames", hasItem("www.shop.example"));

        assertEquals(5, MockKubernetes.server.getRequestCount() - before, "get, CA get, put (409), get again, put");
        RecordedRequest put = null;
        for (int i = 0; i < 5 + before; i++) {
            RecordedRequest r = MockKubernetes.server.takeRequest();
            if ("PUT".equals(r.getMethod())) {
                put = r;
            }
        }
        assertTrue(put.getBody().readUtf8().contains("\"resourceVersion\":\"8\""),
                "the second write carries the version it re-read, so it too would be refused if changed again");
    }

    @Test
    void serverErrorsAreRetriedThenAnsweredWith503NamingTheApiServer() {
        MockKubernetes.server.expect().get().withPath("/api/v1/namespaces/shop/secrets/down")
                .andReturn(503, new StatusBuilder().withCode(503).withMessage("etcd leader changed").build()).always();
        int before = MockKubernetes.server.getRequestCount();
        Secret down = Fixtures.request("shop", "down", Map.of(Annotations.ALGORITHM, "ML-DSA-65"));
        structured(secretEvent(EventTypes.APISERVER_RESOURCE_ADD, "down-1", down)).then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("the Kubernetes API server http://localhost:"))
                .body("detail", containsString("HTTP 503"));
        assertEquals(3, MockKubernetes.server.getRequestCount() - before, "one attempt and two retries");
    }
}
