package io.autopilot.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Prometheus (Debian's prometheus, installed by .ci/run) on a free loopback port, loaded by backfill
 * ({@code promtool tsdb create-blocks-from openmetrics}) with six hours of {@value #METRIC} up to a minute ago:
 * service checkout calm until its last five minutes, which are four times its usual latency; service catalog calm
 * throughout. The running system's score-anomaly is pointed at it. Not installed: nothing starts, and the test
 * skips (fails in CI).
 */
public class PrometheusHistory implements QuarkusTestResourceLifecycleManager {

    static final String METRIC = "autopilot_e2e_latency_seconds";
    /** As much as score-anomaly's default window (6h) fetches, so a detector's warm-up is long over at the spike. */
    static final int HISTORY_MINUTES = 359;
    static volatile boolean running;
    private Process process;

    @Override
    public Map<String, String> start() {
        String prometheus = AlertmanagerProcess.onPath("prometheus");
        String promtool = AlertmanagerProcess.onPath("promtool");
        if (prometheus == null || promtool == null) {
            return Map.of();
        }
        try {
            Path dir = Files.createTempDirectory("prometheus-e2e-");
            Path data = Files.createDirectories(dir.resolve("data"));
            Path input = dir.resolve("history.om");
            Files.writeString(input, history(Instant.now().truncatedTo(ChronoUnit.MINUTES)));
            Process backfill = new ProcessBuilder(promtool, "tsdb", "create-blocks-from", "openmetrics", input.toString(),
                    data.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("promtool.log").toFile()).start();
            if (!backfill.waitFor(120, TimeUnit.SECONDS) || backfill.exitValue() != 0) {
                throw new IllegalStateException("promtool: " + Files.readString(dir.resolve("promtool.log")));
            }
            Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1m\nscrape_configs: []\n");
            int port = AlertmanagerProcess.freePort();
            process = new ProcessBuilder(prometheus, "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=30d",
                    "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            URI url = URI.create("http://127.0.0.1:" + port);
            awaitReady(url);
            running = true;
            return Map.of("autopilot.score-anomaly.prometheus-url", url.toString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start Prometheus", e);
        }
    }

    private static String history(Instant now) {
        List<String> lines = new ArrayList<>(List.of("# TYPE " + METRIC + " gauge"));
        for (String service : List.of("checkout", "catalog")) {
            for (int i = HISTORY_MINUTES; i >= 1; i--) {
                double value = service.equals("checkout") && i <= 5 ? 0.9 : 0.2 + 0.01 * Math.sin(i / 7.0);
                lines.add(String.format(Locale.ROOT, "%s{service=\"%s\"} %.4f %d", METRIC, service, value,
                        now.minus(i, ChronoUnit.MINUTES).getEpochSecond()));
            }
        }
        lines.add("# EOF");
        return String.join("\n", lines) + "\n";
    }

    private void awaitReady(URI url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        stop();
        throw new IllegalStateException("Prometheus did not become ready");
    }

    @Override
    public void stop() {
        running = false;
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
