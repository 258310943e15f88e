package io.autopilot.events.testing;

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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's {@code prometheus} package, installed by .ci/run) on a free loopback port with its own
 * storage directory, loaded by backfill: {@code promtool tsdb create-blocks-from openmetrics} writes TSDB blocks from
 * an OpenMetrics text before the server starts, so hours of history exist at once and {@code query_range} answers
 * from them exactly as in production. No scraping, no waiting for samples to accumulate. Closing stops it and deletes
 * its directory. The one harness of every test that needs Prometheus history (score-anomaly's alert scoring, the
 * canary judge, the system's anomaly chain).
 */
public final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final URI url;
    private final Path dir;

    private PrometheusServer(Process process, URI url, Path dir) {
        this.process = process;
        this.url = url;
        this.dir = dir;
    }

    /** The binary's path, or null when it is not installed. */
    public static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    public static boolean installed() {
        return binary("prometheus") != null && binary("promtool") != null;
    }

    /** Backfills {@code openMetrics} (text ending in {@code # EOF}) and starts Prometheus over it. */
    public static PrometheusServer start(String openMetrics) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("prometheus-test-");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path input = dir.resolve("history.om");
        Files.writeString(input, openMetrics);
        Process backfill = new ProcessBuilder(binary("promtool"), "tsdb", "create-blocks-from", "openmetrics",
                input.toString(), data.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("promtool.log").toFile()).start();
        if (!backfill.waitFor(120, TimeUnit.SECONDS) || backfill.exitValue() != 0) {
            throw new IllegalStateException("promtool backfill failed: " + Files.readString(dir.resolve("promtool.log")));
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1m\nscrape_configs: []\n");
        int port = freePort();
        Process process = new ProcessBuilder(binary("prometheus"), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=30d",
                "--web.listen-address=127.0.0.1:" + port, "--web.enable-lifecycle")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), dir);
        server.awaitReady();
        return server;
    }

    public URI url() {
        return url;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("prometheus not ready within 60 s: " + Files.readString(dir.resolve("prometheus.log")));
    }

    /** The server's log, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** OpenMetrics text for gauges: one {@code name{labels} value timestamp} line per sample, then {@code # EOF}. */
    public static String openMetrics(String metric, List<String> lines) {
        return "# TYPE " + metric + " gauge\n" + String.join("\n", lines) + "\n# EOF\n";
    }
}
