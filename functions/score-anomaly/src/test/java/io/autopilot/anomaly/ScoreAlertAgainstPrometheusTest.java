package io.autopilot.anomaly;

import static io.autopilot.events.testing.CloudEvents.binary;
import static io.autopilot.events.testing.CloudEvents.data;
import static io.autopilot.events.testing.CloudEvents.structured;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.autopilot.events.testing.CapturingSink;
import io.autopilot.events.testing.CloudEvents;

/**
 * Firing alerts scored against a real Prometheus ({@link PrometheusResource}: Debian's prometheus, loaded by
 * promtool backfill, on a free loopback port): the function takes the query from the alert, fetches the series'
 * history with {@code query_range}, and reports the score with its explanation.
 */
@QuarkusTest
@TestProfile(ScoreAlertAgainstPrometheusTest.WithPrometheus.class)
class ScoreAlertAgainstPrometheusTest {

    public static class WithPrometheus implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrometheusResource.class));
        }
    }

    @BeforeEach
    void prometheusRuns() {
        CloudEvents.plainContentTypes();
        CapturingSink.reset();
        if (PrometheusResource.server == null) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("prometheus and promtool are not installed; .ci/run installs them");
            }
            Assumptions.abort("prometheus not installed (apt-get install prometheus)");
        }
    }

    private static ObjectNode alert(String service, String expr, Map<String, String> annotations) {
        ObjectNode event = (ObjectNode) CloudEvents.sample(EventTypes.ALERT_FIRING, "valid-full.json");
        event.put("id", UUID.randomUUID().toString());
        ObjectNode data = (ObjectNode) event.get("data");
        data.putObject("labels").put("alertname", "HighLatency").put("service", service).put("severity", "warning");
        ObjectNode notes = data.putObject("annotations").put("summary", service + " is slow");
        annotations.forEach(notes::put);
        data.put("startsAt", PrometheusResource.NOW.minus(4, ChronoUnit.MINUTES).toString());
        data.put("generatorURL", "http://prometheus.monitoring:9090/graph?g0.expr="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g0.tab=1");
        return event;
    }

    @Test
    void scoresALatencySpikeTakenFromTheGeneratorUrlAsAnomalousAndExplainsIt() {
        structured(alert("checkout", PrometheusResource.METRIC, Map.of())).then().statusCode(204);
        CloudEventEnvelope scored = CapturingSink.ofType(EventTypes.ANOMALY_SCORED).get(0);
        assertEquals(EventSources.SCORE_ANOMALY, scored.source());
        assertEquals("24ad9e973e22bdce", scored.subject(), "the alert fingerprint");
        assertEquals("HighLatency", scored.extensions().get("alertname"));
        assertEquals("performance", scored.extensions().get("kind"), "latency is a performance anomaly");
        JsonNode score = data(scored);
        assertEquals("checkout", score.at("/labels/service").asText(), "the alert's own series, not catalog's");
        assertTrue(score.get("score").asDouble() >= score.get("threshold").asDouble(), "four times the usual latency: " + score);
        assertTrue(score.get("detected").asBoolean());
        assertEquals(PrometheusResource.METRIC, score.get("query").asText());
        assertTrue(score.get("samples").asInt() >= 350, "six hours at one sample a minute: " + score.get("samples"));
        JsonNode why = score.get("explanation");
        assertEquals(0.9, why.get("observed").asDouble(), 1e-9, "the spike is what fired");
        assertTrue(why.get("upper").asDouble() < 0.9 && why.get("expected").asDouble() < 0.5,
                "the expected range is the calm level: " + why);
        assertFalse(why.get("component").asText().isBlank());
        assertEquals("HighLatency", score.at("/alert/labels/alertname").asText(), "the enriched alert travels along");

        List<CloudEventEnvelope> detected = CapturingSink.ofType(EventTypes.ANOMALY_DETECTED);
        assertEquals(1, detected.size());
        assertEquals(scored.subject(), detected.get(0).subject());
        assertFalse(scored.id().equals(detected.get(0).id()));
    }

    @Test
    void scoresACalmSeriesNamedByTheQueryAnnotationBelowTheThreshold() {
        binary(alert("catalog", PrometheusResource.METRIC + " > 0.5",
                Map.of("autopilot.io/query", PrometheusResource.METRIC + "{service=\"catalog\"}"))).then().statusCode(204);
        List<CloudEventEnvelope> scored = CapturingSink.ofType(EventTypes.ANOMALY_SCORED);
        assertEquals(1, scored.size());
        JsonNode score = data(scored.get(0));
        assertEquals(PrometheusResource.METRIC + "{service=\"catalog\"}", score.get("query").asText(), "the annotation wins");
        assertTrue(score.get("score").asDouble() < score.get("threshold").asDouble(), "nothing unusual in catalog: " + score);
        assertFalse(score.get("detected").asBoolean());
        assertTrue(score.get("points").size() >= 15, "the recent window is judged point by point");
        assertTrue(CapturingSink.ofType(EventTypes.ANOMALY_DETECTED).isEmpty(), "no detected event below the threshold");
    }

    @Test
    void answersAQueryWithoutSamplesWithAScoredEventSayingSo() {
        structured(alert("checkout", "autopilot_test_metric_nobody_writes", Map.of())).then().statusCode(204);
        JsonNode score = data(CapturingSink.ofType(EventTypes.ANOMALY_SCORED).get(0));
        assertNotNull(score.get("noData"));
        assertTrue(score.get("noData").asText().contains("no samples"), score.get("noData").asText());
        assertEquals(0.0, score.get("score").asDouble());
        assertTrue(CapturingSink.ofType(EventTypes.ANOMALY_DETECTED).isEmpty());
    }

    @Test
    void answersAQueryPrometheusRefusesWithAScoredEventNamingItsError() {
        structured(alert("checkout", "rate(autopilot_test_latency_seconds[5m]", Map.of())).then().statusCode(204);
        JsonNode score = data(CapturingSink.ofType(EventTypes.ANOMALY_SCORED).get(0));
        assertTrue(score.get("noData").asText().startsWith("Prometheus refused the query: bad_data"), score.toString());
    }

    @Test
    void givesARedeliveredAlertTheSameEventIds() {
        ObjectNode event = alert("checkout", PrometheusResource.METRIC, Map.of());
        structured(event).then().statusCode(204);
        binary(event).then().statusCode(204);
        List<String> ids = CapturingSink.RECEIVED.stream().map(CloudEventEnvelope::id).toList();
        assertEquals(4, ids.size());
        assertEquals(ids.subList(0, 2), ids.subList(2, 4));
    }
}
