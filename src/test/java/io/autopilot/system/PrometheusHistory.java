package io.autopilot.system;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.autopilot.events.testing.PrometheusServer;
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
    private PrometheusServer server;

    @Override
    public Map<String, String> start() {
        if (!PrometheusServer.installed()) {
            return Map.of();
        }
        try {
            server = PrometheusServer.start(history(Instant.now().truncatedTo(ChronoUnit.MINUTES)));
            running = true;
            return Map.of("autopilot.score-anomaly.prometheus-url", server.url().toString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start Prometheus", e);
        }
    }

    private static String history(Instant now) {
        List<String> lines = new ArrayList<>();
        for (String service : List.of("checkout", "catalog")) {
            for (int i = HISTORY_MINUTES; i >= 1; i--) {
                double value = service.equals("checkout") && i <= 5 ? 0.9 : 0.2 + 0.01 * Math.sin(i / 7.0);
                lines.add(String.format(Locale.ROOT, "%s{service=\"%s\"} %.4f %d", METRIC, service, value,
                        now.minus(i, ChronoUnit.MINUTES).getEpochSecond()));
            }
        }
        return PrometheusServer.openMetrics(METRIC, lines);
    }

    @Override
    public void stop() {
        running = false;
        if (server != null) {
            server.close();
        }
    }
}
