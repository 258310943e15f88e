package io.autopilot.events.testing;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Prometheus (Debian package {@code prometheus}, installed by .ci/run) for the canary judge's end-to-end test:
 * history is written as OpenMetrics, turned into TSDB blocks by {@code promtool tsdb create-blocks-from openmetrics},
 * and Prometheus starts on that storage on a free loopback port ({@link PrometheusServer}), so 30 minutes of baseline
 * and canary samples exist the moment it is ready. Without the binaries it starts nothing
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
    private PrometheusServer server;

    public static boolean available() {
        return available;
    }

    @Override
    public Map<String, String> start() {
        if (!PrometheusServer.installed()) {
            available = false;
            return Map.of();
        }
        try {
            server = PrometheusServer.start(openMetrics());
            String url = server.url().toString();
            available = true;
            // a system property: the module's surefire configuration sets a dead URL the same way, and config a test
            // resource returns ranks below system properties
            previousUrl = System.getProperty(URL_PROPERTY);
            System.setProperty(URL_PROPERTY, url);
            return Map.of(URL_PROPERTY, url);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start Prometheus: " + e, e);
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

    @Override
    public void stop() {
        if (previousUrl != null) {
            System.setProperty(URL_PROPERTY, previousUrl);
        }
        if (server != null) {
            server.close();
        }
    }
}
