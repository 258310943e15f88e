package io.autopilot.anomaly;

import static io.autopilot.events.testing.CloudEvents.binary;
import static io.autopilot.events.testing.CloudEvents.data;
import static io.autopilot.events.testing.CloudEvents.sample;
import static io.autopilot.events.testing.CloudEvents.structured;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.SampleEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.autopilot.events.testing.CapturingSink;
import io.autopilot.events.testing.CloudEvents;

/** The function over HTTP, as the broker delivers to it, with no Prometheus configured and Kafka off. */
@QuarkusTest
class ScoreAnomalyFunctionTest {

    private static final Map<String, String> PROBLEM_FIELDS = Map.of(
            "fail-nan-value.json", "/samples/4/1",
            "fail-out-of-order.json", "/samples/7/0",
            "fail-duplicate-timestamp.json", "/samples/3/0",
            "fail-missing-timestamp.json", "/samples/5/0",
            "fail-empty-series.json", "/samples",
            "fail-no-series-id.json", "/seriesId",
            "fail-unknown-kind.json", "/kind",
            "fail-no-labels.json", "/labels");

    @BeforeEach
    void reset() {
        CloudEvents.plainContentTypes();
        CapturingSink.reset();
    }

    @Test
    void scoresASampleBatchInStructuredModeFlaggingTheSpikeAtItsEnd() {
        structured(sample(EventTypes.METRICS_SAMPLES, "valid-cpu-spike.json")).then().statusCode(204);
        CloudEventEnvelope scored = CapturingSink.ofType(EventTypes.ANOMALY_SCORED).get(0);
        assertEquals(EventSources.SCORE_ANOMALY, scored.source());
        assertEquals("container_cpu_usage_seconds:rate5m{namespace=\"shop\",pod=\"web-7d9c5\"}", scored.subject());
        assertEquals("capacity", scored.extensions().get("kind"), "a CPU series is a capacity anomaly");
        JsonNode score = data(scored);
        assertEquals(360, score.get("samples").asInt());
        assertEquals(360, score.get("points").size(), "every sample of a batch is judged");
        assertTrue(score.get("score").asDouble() >= score.get("threshold").asDouble(), score.toString());
        double spike = score.at("/explanation/observed").asDouble();
        assertTrue(spike >= 0.9, "the spike at the end fired, not the calm start: " + score.get("explanation"));
        assertTrue(score.at("/explanation/summary").asText().contains("outside the expected range"));
        assertEquals(1, CapturingSink.ofType(EventTypes.ANOMALY_DETECTED).size());
    }

    @Test
    void scoresTheSameBatchInBinaryModeWithTheSameScore() {
        structured(sample(EventTypes.METRICS_SAMPLES, "valid-cpu-spike.json")).then().statusCode(204);
        binary(sample(EventTypes.METRICS_SAMPLES, "valid-cpu-spike.json")).then().statusCode(204);
        List<CloudEventEnvelope> scored = CapturingSink.ofType(EventTypes.ANOMALY_SCORED);
        assertEquals(2, scored.size());
        assertEquals(data(scored.get(0)).get("score"), data(scored.get(1)).get("score"));
        assertEquals(scored.get(0).id(), scored.get(1).id(), "one input, one id, however often it is delivered");
    }

    @Test
    void readsRfc3339TimesAndStringValuesAndHonoursTheStatedKind() {
        binary(sample(EventTypes.METRICS_SAMPLES, "valid-rfc3339-string-values.json")).then().statusCode(204);
        CloudEventEnvelope scored = CapturingSink.ofType(EventTypes.ANOMALY_SCORED).get(0);
        assertEquals("cost", scored.extensions().get("kind"));
        JsonNode score = data(scored);
        assertEquals("2026-08-20T10:00:00Z", score.get("from").asText());
        assertEquals("2026-08-20T10:19:00Z", score.get("to").asText());
        assertEquals(20, score.get("points").size());
        assertEquals(121.0, score.at("/points/1/observed").asDouble(), "\"121.000\" read as a number");
    }

    @TestFactory
    Iterable<DynamicTest> refusesEveryFailingSampleInBothModesNamingTheSample() {
        return SampleEvents.all().stream()
                .filter(s -> !s.valid() && !s.name().startsWith(SampleEvents.ENVELOPE_FAILURE))
                .filter(s -> s.type().equals(EventTypes.METRICS_SAMPLES) || s.type().equals(EventTypes.ALERT_FIRING))
                .flatMap(s -> List.of(
                        DynamicTest.dynamicTest(s + " structured", () -> structured(sample(s.type(), s.name())).then()
                                .statusCode(400).contentType("application/problem+json")
                                .body("field", equalTo(PROBLEM_FIELDS.get(s.name())))),
                        DynamicTest.dynamicTest(s + " binary", () -> {
                            binary(sample(s.type(), s.name())).then().statusCode(400)
                                    .contentType("application/problem+json")
                                    .body("field", equalTo(PROBLEM_FIELDS.get(s.name())))
                                    .body("detail", notNullValue());
                            assertTrue(CapturingSink.RECEIVED.isEmpty(), "nothing is emitted for a refused batch");
                        })).stream())
                .toList();
    }

    @Test
    void namesTheNaNSampleAndWhatToDoInstead() {
        structured(sample(EventTypes.METRICS_SAMPLES, "fail-nan-value.json")).then().statusCode(400)
                .body("detail", containsString("sample 4 is NaN"));
    }

    @Test
    void answersAnAlertWithAScoredNoDataEventWhenNoPrometheusIsConfigured() {
        structured(sample(EventTypes.ALERT_FIRING, "valid-full.json")).then().statusCode(204);
        List<CloudEventEnvelope> scored = CapturingSink.ofType(EventTypes.ANOMALY_SCORED);
        assertEquals(1, scored.size());
        JsonNode score = data(scored.get(0));
        assertTrue(score.get("noData").asText().contains("no Prometheus configured"));
        assertTrue(score.get("query").asText().startsWith("max_over_time(kube_pod_container_status_waiting_reason"),
                "the query was read from the generatorURL: " + score.get("query"));
        assertEquals("24ad9e973e22bdce", scored.get(0).subject());
        assertTrue(CapturingSink.ofType(EventTypes.ANOMALY_DETECTED).isEmpty());
    }

    @Test
    void answersAnAlertWithoutAQueryWithAScoredNoDataEvent() {
        ObjectNode event = (ObjectNode) sample(EventTypes.ALERT_FIRING, "valid-full.json");
        ((ObjectNode) event.get("data")).remove("generatorURL");
        binary(event).then().statusCode(204);
        assertTrue(data(CapturingSink.ofType(EventTypes.ANOMALY_SCORED).get(0)).get("noData").asText()
                .contains("names no query"));
    }

    @Test
    void answers503WhileTheSinkIsDownSoTheBrokerRetries() {
        CapturingSink.unavailable = true;
        structured(sample(EventTypes.METRICS_SAMPLES, "valid-cpu-spike.json")).then().statusCode(503)
                .contentType("application/problem+json").body("type", equalTo("urn:autopilot:problem:unavailable"));
    }

    @Test
    void refusesAnEventTypeItDoesNotHandle() {
        structured(sample(EventTypes.PLACEMENT_REQUESTED, "valid-batch.json")).then().statusCode(400)
                .contentType("application/problem+json").body("header", equalTo("ce-type"));
    }

    @TestFactory
    Iterable<DynamicTest> answersEveryMalformedCloudEventWithA4xxProblem() {
        return CloudEvents.malformedRequests("/");
    }

    @Test
    void startsWithoutKafkaAndReportsHealth() {
        RestAssured.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
