package io.autopilot.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager, installed by .ci/run) on a free loopback port, its webhook
 * receiver pointed at the running system's {@code /webhooks/alertmanager}. Outside CI a machine without it skips the
 * test that asks for one; in CI that is a failure.
 */
final class AlertmanagerProcess implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final String api;

    private AlertmanagerProcess(Process process, String api) {
        this.process = process;
        this.api = api;
    }

    /** Starts Alertmanager notifying {@code http://127.0.0.1:<appPort>/webhooks/alertmanager}, and waits until ready. */
    static AlertmanagerProcess start(int appPort, Duration wait) throws IOException {
        String binary = binary();
        int port = freePort();
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
                """.formatted(appPort));
        Process process = new ProcessBuilder(binary, "--config.file=" + config.toAbsolutePath(),
                "--storage.path=" + dir.resolve("data").toAbsolutePath(),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        AlertmanagerProcess alertmanager = new AlertmanagerProcess(process, "http://127.0.0.1:" + port);
        await().atMost(wait).pollInterval(Duration.ofMillis(200)).until(() -> alertmanager.status("/-/ready") == 200);
        return alertmanager;
    }

    /** Pushes alerts through Alertmanager's own API; resolved ones when {@code endsAt} is given. */
    void push(List<Map<String, String>> labels, Map<String, String> annotations, String generatorURL, Instant endsAt)
            throws Exception {
        List<Map<String, Object>> alerts = labels.stream().map(l -> {
            Map<String, Object> alert = new HashMap<>();
            alert.put("labels", l);
            alert.put("annotations", annotations);
            alert.put("generatorURL", generatorURL);
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String binary() {
        String found = onPath("prometheus-alertmanager", "alertmanager");
        if (found == null) {
            missing("prometheus-alertmanager");
        }
        return found;
    }

    /** The first of {@code names} that is an executable on PATH, or null. */
    static String onPath(String... names) {
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File candidate = new File(dir, name);
                if (candidate.canExecute()) {
                    return candidate.getAbsolutePath();
                }
            }
        }
        return null;
    }

    /** Skips the test outside CI; fails it in CI, where .ci/run installs the package. */
    static void missing(String debianPackage) {
        if (System.getenv("CI") != null) {
            throw new AssertionError(debianPackage + " is not installed; .ci/run installs it");
        }
        Assumptions.abort(debianPackage + " not installed (apt-get install " + debianPackage + ")");
    }

    private int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
