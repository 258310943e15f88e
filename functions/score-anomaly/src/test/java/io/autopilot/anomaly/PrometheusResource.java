package io.autopilot.anomaly;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.autopilot.events.testing.PrometheusServer;

/**
 * Starts a real Prometheus holding six hours of {@value #METRIC}, up to a minute ago, for two services: checkout,
 * calm until its last five minutes, which are four times its usual latency; and catalog, calm throughout. Points the
 * function at it through {@code autopilot.score-anomaly.prometheus-url}. Where Prometheus is not installed nothing
 * starts and the tests that need it skip (or fail, in CI).
 */
public class PrometheusResource implements QuarkusTestResourceLifecycleManager {

    static final String METRIC = "autopilot_test_latency_seconds";
    /** As much as the function's default window (6h) fetches, so a detector's warm-up is long over at the spike. */
    static final int HISTORY_MINUTES = 359;
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    static volatile PrometheusServer server;

    @Override
    public Map<String, String> start() {
        if (!PrometheusServer.installed()) {
            return Map.of();
        }
        try {
            server = PrometheusServer.start(history());
        } catch (Exception e) {
            throw new IllegalStateException("could not start Prometheus", e);
        }
        return Map.of("autopilot.score-anomaly.prometheus-url", server.url().toString());
    }

    static String history() {
        List<String> lines = new ArrayList<>();
        for (String service : List.of("checkout", "catalog")) {
            for (int i = HISTORY_MINUTES; i >= 1; i--) {
                Instant t = NOW.minus(i, ChronoUnit.MINUTES);
                double value = 0.2 + 0.01 * Math.sin(i / 7.0);
                if (service.equals("checkout") && i <= 5) {
                    value = 0.9;
                }
                lines.add(String.format(Locale.ROOT, "%s{service=\"%s\"} %.4f %d", METRIC, service, value,
                        t.getEpochSecond()));
            }
        }
        return PrometheusServer.openMetrics(METRIC, lines);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
