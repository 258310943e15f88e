package io.autopilot.placement;

import static io.autopilot.events.testing.CloudEvents.binary;
import static io.autopilot.events.testing.CloudEvents.sample;
import static io.autopilot.events.testing.CloudEvents.structured;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.autopilot.events.testing.CloudEvents;

@QuarkusTest
class PlaceWorkloadsFunctionTest {

    @BeforeEach
    void plain() {
        CloudEvents.plainContentTypes();
    }

    @Test
    void placesABatchInStructuredModeAnsweringWithADecidedEvent() {
        Response response = structured(sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json"));
        response.then().statusCode(200).contentType(containsString("application/cloudevents+json"))
                .body("type", equalTo(EventTypes.PLACEMENT_DECIDED))
                .body("source", equalTo(EventSources.PLACE_WORKLOADS))
                .body("subject", equalTo("shop-release-42"))
                .body("data.status", equalTo("placed"));
        JsonPath data = response.jsonPath().setRootPath("data");
        assertBatchPlacedWithinItsConstraints(data);
    }

    @Test
    void placesTheSameBatchInBinaryModeWithTheSameAnswer() {
        Response response = binary(sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json"));
        response.then().statusCode(200).header("ce-type", EventTypes.PLACEMENT_DECIDED)
                .header("ce-subject", "shop-release-42").header("ce-id", notNullValue());
        assertBatchPlacedWithinItsConstraints(response.jsonPath());
    }

    private static void assertBatchPlacedWithinItsConstraints(JsonPath decision) {
        assertEquals(4, decision.getList("assignments").size());
        // orders-db lives only at eu-west-cloud, which also meets checkout's latency SLOs.
        assertEquals("eu-west-cloud", decision.getString("assignments.find { it.workload == 'checkout' }.site"));
        assertEquals("member-eu-west", decision.getString(
                "assignments.find { it.workload == 'checkout' }.propagationPolicy.spec.placement.clusterAffinity.clusterNames[0]"));
        // catalog needs eu-central within 20 ms: only the Frankfurt edge pool, a node pool, so a node-affinity patch.
        assertEquals("fra-edge", decision.getString("assignments.find { it.workload == 'catalog' }.site"));
        assertTrue(decision.getString("assignments.find { it.workload == 'catalog' }.nodeAffinityPatch").contains("fra-edge-1"));
        assertTrue(List.of("eu-west-cloud", "us-east-cloud", "us-west-cloud").contains(
                decision.getString("assignments.find { it.workload == 'recommender' }.site")), "a site with GPUs");
        assertTrue(List.of("us-east-cloud", "us-west-cloud").contains(
                decision.getString("assignments.find { it.workload == 'storefront-us' }.site")));
        assertTrue(decision.getDouble("total.costPerHour") > 0);
        assertTrue(decision.getDouble("total.carbonGramsPerHour") > 0);
        decision.getList("assignments.reason", String.class).forEach(reason -> assertTrue(!reason.isBlank()));
    }

    @Test
    void answersWithAnInfeasibleEventNamingTheUnmetConstraint() {
        ObjectNode event = (ObjectNode) sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json").deepCopy();
        ((ObjectNode) event.get("data").get("workloads").get(0)).putArray("residency").add("CH");
        structured(event).then().statusCode(200)
                .body("type", equalTo(EventTypes.PLACEMENT_INFEASIBLE))
                .body("data.status", equalTo("infeasible"))
                .body("data.assignments.size()", equalTo(0))
                .body("data.unmet[0]", containsString("shop/checkout: no site meets its constraints"))
                .body("data.unmet[0]", containsString("allowed [CH]"));
    }

    @Test
    void schedulesDeferrableWorkInTheGreenestWindowOfTheForecast() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        ObjectNode event = (ObjectNode) sample(EventTypes.PLACEMENT_REQUESTED, "valid-deferrable.json").deepCopy();
        ObjectNode deferrable = (ObjectNode) event.get("data").get("workloads").get(0).get("deferrable");
        deferrable.put("notBefore", start.toString()).put("notAfter", start.plus(Duration.ofHours(12)).toString());
        ObjectNode inventory = ((ObjectNode) event.get("data")).putObject("inventory");
        ObjectNode site = inventory.putArray("sites").addObject();
        site.put("name", "eu").put("cluster", "member-eu").put("jurisdiction", "EU").put("carbonIntensity", 300)
                .put("carbonLocation", "westeurope");
        site.putObject("capacity").put("cpu", "64").put("memory", "256Gi");
        site.putObject("prices").put("cpuHour", 0.03).put("memoryGiBHour", 0.004);
        ObjectNode forecast = inventory.putArray("carbonForecasts").addObject().put("location", "westeurope");
        ArrayNode points = forecast.putArray("forecastData");
        double[] values = { 300, 280, 250, 200, 90, 60, 50, 70, 150, 250, 300, 320 };
        for (int h = 0; h < values.length; h++) {
            points.addObject().put("location", "westeurope").put("timestamp", start.plus(Duration.ofHours(h)).toString())
                    .put("duration", 60).put("value", values[h]);
        }
        structured(event).then().statusCode(200)
                // three-hour windows: from hour 5 (60, 50, 70) averages 60, lower than the single dip's neighbours
                .body("data.assignments[0].schedule.start", equalTo(start.plus(Duration.ofHours(5)).toString()))
                .body("data.assignments[0].schedule.averageIntensity", closeTo(60.0, 1e-9))
                .body("data.assignments[0].schedule.intensityIfStartedNow", closeTo(830.0 / 3, 1e-9));
    }

    @Test
    void placesADeploymentThatOptsInOnceAndIgnoresARepeatOfTheSameGeneration() {
        JsonNode add = sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-deployment.json");
        structured(add).then().statusCode(200)
                .body("type", equalTo(EventTypes.PLACEMENT_DECIDED))
                .body("subject", equalTo("shop/search@1"))
                .body("data.assignments[0].workload", equalTo("search"))
                .body("data.assignments[0].replicas", equalTo(2))
                .body("data.assignments[0].site", org.hamcrest.Matchers.oneOf("fra-edge", "eu-west-cloud"));
        structured(add).then().statusCode(204);
        binary(add).then().statusCode(204);
    }

    @Test
    void placesAScaledDeploymentOnASiteWithItsGpus() {
        binary(sample(EventTypes.APISERVER_RESOURCE_UPDATE, "valid-deployment-scaled.json")).then().statusCode(200)
                .header("ce-type", EventTypes.PLACEMENT_DECIDED).header("ce-subject", "ml/embedder@7")
                .body("assignments[0].site", org.hamcrest.Matchers.oneOf("eu-west-cloud", "us-east-cloud", "us-west-cloud"));
    }

    @Test
    void staysSilentForADeploymentThatDidNotOptIn() {
        ObjectNode event = (ObjectNode) sample(EventTypes.APISERVER_RESOURCE_ADD, "valid-deployment.json").deepCopy();
        ((ObjectNode) event.get("data").get("metadata").get("labels")).remove("autopilot.io/placement");
        structured(event).then().statusCode(204);
    }

    @TestFactory
    Iterable<DynamicTest> refusesEveryFailingSampleInBothModesNamingTheField() {
        return SampleEvents.all().stream()
                .filter(s -> !s.valid() && !s.name().startsWith(SampleEvents.ENVELOPE_FAILURE))
                // Knative samples about other kinds (Secrets, pings) belong to other functions
                .filter(s -> s.type().startsWith("io.autopilot.placement.requested")
                        || (s.type().startsWith("dev.knative.apiserver") && s.text().contains("\"Deployment\"")))
                .flatMap(s -> List.of(
                        DynamicTest.dynamicTest(s + " structured", () -> structured(sample(s.type(), s.name())).then()
                                .statusCode(400).contentType("application/problem+json").body("field", notNullValue())),
                        DynamicTest.dynamicTest(s + " binary", () -> binary(sample(s.type(), s.name())).then()
                                .statusCode(400).contentType("application/problem+json").body("field", notNullValue())))
                        .stream())
                .toList();
    }

    @Test
    void namesTheAnnotationThatCannotBeRead() {
        structured(sample(EventTypes.APISERVER_RESOURCE_ADD, "fail-bad-annotation.json")).then().statusCode(400)
                .body("field", equalTo("/metadata/annotations/placement.autopilot.io~1latency-slos"))
                .body("detail", containsString("eu-central under 25ms"));
    }

    @Test
    void refusesAnEventTypeItDoesNotHandle() {
        structured(sample(EventTypes.ALERT_FIRING, "valid-full.json")).then().statusCode(400)
                .contentType("application/problem+json").body("header", equalTo("ce-type"));
    }

    @TestFactory
    Iterable<DynamicTest> answersEveryMalformedCloudEventWithA4xxProblem() {
        return CloudEvents.malformedRequests("/");
    }

    @Test
    void reportsHealth() {
        io.restassured.RestAssured.given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
