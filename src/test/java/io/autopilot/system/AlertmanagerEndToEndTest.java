package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

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
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process alertmanager;

    @AfterEach
    void stopAlertmanager() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void turnsAlertsPushedThroughARealAlertmanagerIntoFiringThenResolvedEvents() throws Exception {
        int port = freePort();
        alertmanager = start(binary(), port);
        String api = "http://127.0.0.1:" + port;
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> status(api + "/-/ready") == 200);

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, String>> labels = List.of(
                Map.of("alertname", "AutopilotE2E", "instance", "node-1:9100", "severity", "critical", "run", run),
                Map.of("alertname", "AutopilotE2E", "instance", "node-2:9100", "severity", "critical", "run", run));
        Set<String> fingerprints = labels.stream().map(LabelFingerprint::of).collect(Collectors.toSet());

        push(api, labels, null);
        await().atMost(WAIT).until(() -> subjects(EventTypes.ALERT_FIRING).containsAll(fingerprints));

        push(api, labels, Instant.now().minusSeconds(1));
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

    private void push(String api, List<Map<String, String>> labels, Instant endsAt) throws Exception {
        List<Map<String, Object>> alerts = labels.stream().map(l -> {
            Map<String, Object> alert = new java.util.HashMap<>();
            alert.put("labels", l);
            alert.put("annotations", Map.of("summary", "end-to-end test alert"));
            alert.put("generatorURL", "http://prometheus.invalid/graph?g0.expr=up+%3D%3D+0");
            if (endsAt != null) {
                alert.put("endsAt", endsAt.truncatedTo(ChronoUnit.SECONDS).toString());
            }
            return alert;
        }).toList();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v2/alerts"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(alerts))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private Process start(String binary, int port) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "alertmanager-e2e-" + port));
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: autopilot
                  group_by: [alertname, instance]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: autopilot
                    webhook_configs:
                      - url: http://127.0.0.1:%d/webhooks/alertmanager
                        send_resolved: true
                """.formatted(RestAssured.port));
        return new ProcessBuilder(binary, "--config.file=" + config.toAbsolutePath(),
                "--storage.path=" + dir.resolve("data").toAbsolutePath(),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    }

    private static String binary() {
        for (String name : List.of("prometheus-alertmanager", "alertmanager")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File candidate = new File(dir, name);
                if (candidate.canExecute()) {
                    return candidate.getAbsolutePath();
                }
            }
        }
        boolean ci = System.getenv("CI") != null;
        if (ci) {
            throw new AssertionError("prometheus-alertmanager is not installed; .ci/run installs it");
        }
        Assumptions.abort("prometheus-alertmanager not installed (apt-get install prometheus-alertmanager)");
        return null;
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
