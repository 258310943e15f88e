package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.autopilot.alerts.LabelFingerprint;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The anomaly chain end to end, every part real: a real Alertmanager posts to ingest-alerts' webhook; the alert event
 * travels through the broker, by knative/score-anomaly's Trigger, to score-anomaly, which fetches the series'
 * history from a real Prometheus ({@link PrometheusHistory}); {@code io.autopilot.anomaly.scored} (and, for the spike,
 * {@code io.autopilot.anomaly.detected}) come back through the broker. Skipped where Alertmanager or Prometheus are
 * not installed; failed in CI.
 */
@QuarkusTest
@TestProfile(AnomalyChainTest.WithPrometheus.class)
class AnomalyChainTest {

    public static class WithPrometheus implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrometheusHistory.class));
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private AlertmanagerProcess alertmanager;

    @BeforeEach
    void prometheusRuns() {
        if (!PrometheusHistory.running) {
            AlertmanagerProcess.missing("prometheus");
        }
    }

    @AfterEach
    void stopAlertmanager() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void scoresAnAlertFromARealAlertmanagerAgainstARealPrometheusAndFlagsOnlyTheSpike() throws Exception {
        alertmanager = AlertmanagerProcess.start(RestAssured.port, WAIT);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> slow = Map.of("alertname", "AutopilotLatencyE2E", "service", "checkout", "run", run);
        Map<String, String> calm = Map.of("alertname", "AutopilotLatencyE2E", "service", "catalog", "run", run);
        String generatorURL = "http://prometheus.monitoring:9090/graph?g0.expr="
                + URLEncoder.encode(PrometheusHistory.METRIC, StandardCharsets.UTF_8) + "&g0.tab=1";
        alertmanager.push(List.of(slow, calm), Map.of("summary", "latency"), generatorURL, null);

        String slowFingerprint = LabelFingerprint.of(slow);
        String calmFingerprint = LabelFingerprint.of(calm);
        await().atMost(WAIT).until(() -> of(EventTypes.ANOMALY_SCORED, slowFingerprint).isPresent()
                && of(EventTypes.ANOMALY_SCORED, calmFingerprint).isPresent());
        await().atMost(WAIT).until(() -> of(EventTypes.ANOMALY_DETECTED, slowFingerprint).isPresent());

        Map<String, Object> scored = of(EventTypes.ANOMALY_SCORED, slowFingerprint).orElseThrow();
        assertEquals(EventSources.SCORE_ANOMALY, scored.get("source"));
        Map<?, ?> extensions = (Map<?, ?>) scored.get("extensions");
        assertEquals("AutopilotLatencyE2E", extensions.get("alertname"));
        assertEquals("performance", extensions.get("kind"));
        // The alert event reached score-anomaly through its Trigger and was delivered, not retried or dead-lettered.
        Map<String, Object> firing = of(EventTypes.ALERT_FIRING, slowFingerprint).orElseThrow();
        assertTrue(BrokerEvents.deliveries(firing).stream().anyMatch(d -> "score-anomaly".equals(d.get("subscriber"))
                && "delivered".equals(d.get("outcome"))), firing.toString());
        // catalog was calm: scored, never detected.
        assertTrue(of(EventTypes.ANOMALY_DETECTED, calmFingerprint).isEmpty(), "the calm series is not flagged");
    }

    private static Optional<Map<String, Object>> of(String type, String subject) {
        return BrokerEvents.ofType(type).stream().filter(e -> subject.equals(e.get("subject"))).findFirst();
    }
}
