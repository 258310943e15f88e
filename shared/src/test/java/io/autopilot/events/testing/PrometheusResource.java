package io.autopilot.events.testing;

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
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Prometheus (Debian package {@code prometheus}, installed by .ci/run) for the canary judge's end-to-end test:
 * history is written as OpenMetrics, turned into TSDB blocks by {@code promtool tsdb create-blocks-from openmetrics},
 * and Prometheus starts on that storage on a free loopback port, so 30 minutes of baseline and canary samples exist
 * the moment it is ready. Stopped by PID and its directory deleted afterwards. Without the binaries it starts nothing
 * and {@link #available()} says so (the test then skips locally and fails in CI).
 *
 * <p>Series (15 s apart, 30 minutes ending {@link #END}): {@code checkout_error_ratio} - stable about 1 %, canary about
 * 5 %; {@code checkout_latency_seconds} - both about 0.2 s from the same distribution.
 */
public class PrometheusResource implements QuarkusTestResourceLifecycleManager {

    /** The end of the backfilled window: two hours ago, on a whole minute. */
    public static final Instant END = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);

    private static final String URL_PROPERTY = "autopilot.remediate.prometheus-url";
    private static volatile boolean available;
    private String previousUrl;
    private Process process;
    private Path dir;

    public static boolean available() {
        return available;
    }

    static Path binary(String name) {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(p, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public Map<String, String> start() {
        Path prometheus = binary("prometheus"), promtool = binary("promtool");
        if (prometheus == null || promtool == null) {
            available = false;
            return Map.of();
        }
        try {
            dir = Files.createTempDirectory("autopilot-prometheus-");
            Path data = Files.createDirectories(dir.resolve("data"));
            Path metrics = dir.resolve("history.om");
            Files.writeString(metrics, openMetrics());
            run(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics", metrics.toString(), data.toString());
            Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1m\n");
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            process = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=30d",
                    "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            String url = "http://127.0.0.1:" + port;
            waitReady(url);
            available = true;
            // a system property: the module's surefire configuration sets a dead URL the same way, and config a test
            // resource returns ranks below system properties
            previousUrl = System.getProperty(URL_PROPERTY);
            System.setProperty(URL_PROPERTY, url);
            return Map.of(URL_PROPERTY, url);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start Prometheus: " + e + log(), e);
        }
    }

    static String openMetrics() {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(42);
        Instant start = END.minus(30, ChronoUnit.MINUTES);
        sb.append("# TYPE checkout_error_ratio gauge\n");
        for (String track : new String[] { "stable", "canary" }) {
            for (Instant t = start; !t.isAfter(END); t = t.plusSeconds(15)) {
                double v = ("stable".equals(track) ? 0.01 : 0.05) + 0.003 * random.nextGaussian();
                sb.append(String.format(Locale.ROOT, "checkout_error_ratio{app=\"checkout\",track=\"%s\"} %.6f %d%n",
                        track, Math.max(0, v), t.getEpochSecond()));
            }
        }
        sb.append("# TYPE checkout_latency_seconds gauge\n");
        for (String track : new String[] { "stable", "canary" }) {
            for (Instant t = start; !t.isAfter(END); t = t.plusSeconds(15)) {
                double v = 0.2 + 0.02 * random.nextGaussian();
                sb.append(String.format(Locale.ROOT,
                        "checkout_latency_seconds{app=\"checkout\",track=\"%s\"} %.6f %d%n", track, v,
                        t.getEpochSecond()));
            }
        }
        return sb.append("# EOF\n").toString();
    }

    private void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private void waitReady(String url) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 150; i++) {
            if (!process.isAlive()) {
                throw new IOException("Prometheus exited: " + log());
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("Prometheus not ready after 30 s: " + log());
    }

    private String log() {
        try {
            return dir == null ? "" : Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void stop() {
        if (previousUrl != null) {
            System.setProperty(URL_PROPERTY, previousUrl);
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is harmless
            }
        }
    }
}
