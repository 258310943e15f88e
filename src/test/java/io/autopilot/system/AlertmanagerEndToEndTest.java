package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.autopilot.alerts.LabelFingerprint;
import io.autopilot.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager, installed by .ci/run) on loopback, its webhook receiver
 * pointed at the running system: alerts pushed through Alertmanager's own API must come out of the broker as
 * alert events, firing and then resolved. Outside CI a machine without Alertmanager skips this test; in CI it fails.
 */
@QuarkusTest
class AlertmanagerEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private AlertmanagerProcess alertmanager;

    @AfterEach
    void stopAlertmanager() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void turnsAlertsPushedThroughARealAlertmanagerIntoFiringThenResolvedEvents() throws Exception {
        alertmanager = AlertmanagerProcess.start(RestAssured.port, WAIT);

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, String>> labels = List.of(
                Map.of("alertname", "AutopilotE2E", "instance", "node-1:9100", "severity", "critical", "run", run),
                Map.of("alertname", "AutopilotE2E", "instance", "node-2:9100", "severity", "critical", "run", run));
        Set<String> fingerprints = labels.stream().map(LabelFingerprint::of).collect(Collectors.toSet());
        Map<String, String> annotations = Map.of("summary", "end-to-end test alert");
        String generatorURL = "http://prometheus.invalid/graph?g0.expr=up+%3D%3D+0";

        alertmanager.push(labels, annotations, generatorURL, null);
        await().atMost(WAIT).until(() -> subjects(EventTypes.ALERT_FIRING).containsAll(fingerprints));

        alertmanager.push(labels, annotations, generatorURL, Instant.now().minusSeconds(1));
        await().atMost(WAIT).until(() -> subjects(EventTypes.ALERT_RESOLVED).containsAll(fingerprints));

        // Alertmanager computed these fingerprints itself; our subjects carry them unchanged.
        Map<String, Object> firing = BrokerEvents.ofType(EventTypes.ALERT_FIRING).stream()
                .filter(e -> fingerprints.contains(e.get("subject"))).findFirst().orElseThrow();
        assertEquals("/autopilot/functions/ingest-alerts", firing.get("source"));
        assertTrue(((Map<?, ?>) firing.get("extensions")).get("alertname").equals("AutopilotE2E"));
    }

    private Set<Object> subjects(String type) {
        return BrokerEvents.ofType(type).stream().map(e -> e.get("subject")).collect(Collectors.toSet());
    }
}
