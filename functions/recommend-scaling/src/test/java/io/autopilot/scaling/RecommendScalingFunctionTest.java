package io.autopilot.scaling;

import static io.autopilot.events.testing.CloudEvents.binary;
import static io.autopilot.events.testing.CloudEvents.sample;
import static io.autopilot.events.testing.CloudEvents.structured;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.autopilot.events.testing.CapturingSink;

/** recommend-scaling against a stand-in Prometheus ({@link FakePrometheusResource}); events read from the sink. */
@QuarkusTest
@QuarkusTestResource(value = FakePrometheusResource.class, restrictToAnnotatedClass = true)
class RecommendScalingFunctionTest {

    @BeforeEach
    void reset() {
        CapturingSink.reset();
        FakePrometheusResource.down = false;
        CloudEvents.plainContentTypes();
    }

    static JsonNode data(CloudEventEnvelope e) {
        try {
            return CloudEvents.MAPPER.readTree(e.data());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    static ObjectNode deployment(String id, String name) {
        ObjectNode e = (ObjectNode) sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-deployment-rightsizing.json")
                .deepCopy();
        e.put("id", id);
        ((ObjectNode) e.get("data").get("metadata")).put("name", name);
        ((ObjectNode) e.get("data").get("spec").get("template").get("spec").get("containers").get(0)).put("name", name);
        return e;
    }

    @Test
    void recommendsRequestsReplicasAndASavingWhenADeploymentOptsIn() {
        structured(deployment("dep-search-1", "search")).then().statusCode(204);
        assertEquals(1, CapturingSink.RECEIVED.size());
        CloudEventEnvelope e = CapturingSink.RECEIVED.get(0);
        assertEquals(EventTypes.SCALING_RECOMMENDED, e.type());
        assertEquals(EventSources.RECOMMEND_SCALING, e.source());
        assertEquals("shop/Deployment/search", e.subject());
        JsonNode r = data(e);
        double cpu = r.at("/recommended/cpuCores").asDouble();
        assertTrue(cpu > 0.2 && cpu < 2.0, "between the usage and the 2-core request: " + cpu);
        assertTrue(r.at("/recommended/memoryBytes").asDouble() >= 600e6, "at least the working set");
        assertTrue(r.at("/vpaBaseline/cpuCores").asDouble() > 0);
        assertTrue(r.at("/savings/monthly").asDouble() > 0, "2 cores / 2 GiB requested for ~1 core / 0.8 GB used");
        assertEquals("USD", r.at("/savings/currency").asText());
        assertEquals("search", r.at("/patch/body/spec/template/spec/containers/0/name").asText());
        assertTrue(r.at("/patch/body/spec/template/spec/containers/0/resources/requests/cpu").asText().endsWith("m"));
        assertTrue(r.at("/horizontal/maxReplicas").asInt() >= r.at("/horizontal/minReplicas").asInt());
        assertEquals(24, r.at("/horizontal/forecast").size());
        assertTrue(r.at("/horizontal/scaledObjectPatch/spec/maxReplicaCount").isInt());
        assertTrue(r.at("/evidence/samples").asInt() > 1000, "7 days at 5 minutes");
        assertTrue(FakePrometheusResource.QUERIES.stream().anyMatch(q -> q.contains(
                "container_cpu_usage_seconds_total{namespace=\"shop\",pod=~\"search-")));
    }

    @Test
    void anHourlyPingRecommendsForEveryOptedInWorkload() {
        binary(deployment("dep-cart-1", "cart")).then().statusCode(204);
        CapturingSink.reset();
        binary(sample(EventTypes.PING, "valid-hourly-scaling.json")).then().statusCode(204);
        assertTrue(CapturingSink.RECEIVED.stream().anyMatch(e -> e.subject().equals("shop/Deployment/cart")));
        CapturingSink.RECEIVED.forEach(e -> assertEquals(EventTypes.SCALING_RECOMMENDED, e.type()));
    }

    @Test
    void forgetsAWorkloadThatOptsOut() {
        structured(deployment("dep-old-1", "old")).then().statusCode(204);
        ObjectNode out = deployment("dep-old-2", "old");
        out.put("type", EventTypes.APISERVER_RESOURCE_UPDATE);
        ((ObjectNode) out.get("data").get("metadata").get("annotations")).remove("scaling.autopilot.io/recommend");
        structured(out).then().statusCode(204);
        CapturingSink.reset();
        structured(sample(EventTypes.PING, "valid-hourly-scaling.json")).then().statusCode(204);
        assertTrue(CapturingSink.RECEIVED.stream().noneMatch(e -> e.subject().equals("shop/Deployment/old")));
    }

    @Test
    void refusesABadAnnotationNamingIt() {
        ObjectNode bad = deployment("dep-bad", "bad");
        ((ObjectNode) bad.get("data").get("metadata").get("annotations"))
                .put("scaling.autopilot.io/requests-per-replica", "lots");
        structured(bad).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("/metadata/annotations/scaling.autopilot.io~1requests-per-replica"));
        structured(sample(EventTypes.ALERT_FIRING, "valid-full.json")).then().statusCode(400)
                .body("header", equalTo("ce-type"));
    }

    @Test
    void answers503WhenPrometheusIsDown() {
        FakePrometheusResource.down = true;
        structured(deployment("dep-down", "down")).then().statusCode(503)
                .contentType("application/problem+json").body("detail", containsString("503"));
    }
}
