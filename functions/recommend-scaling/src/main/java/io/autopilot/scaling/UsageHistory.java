package io.autopilot.scaling;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Usage history from Prometheus: per-pod average CPU ({@code rate(container_cpu_usage_seconds_total[5m])}), per-pod
 * peak working set ({@code container_memory_working_set_bytes}) and, when the workload names one, its request rate.
 * Range queries over the history window at the configured step; one value per timestamp (the first series).
 */
public final class UsageHistory {

    /** Prometheus could not be asked. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI base;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public UsageHistory(String baseUrl, ObjectMapper mapper) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.mapper = mapper;
    }

    static String selector(Workload w) {
        return "namespace=\"" + w.namespace() + "\",pod=~\"" + w.name() + "-[a-z0-9]+-[a-z0-9]+\",container=\""
                + w.container() + "\"";
    }

    public static String cpuQuery(Workload w) {
        return "avg(rate(container_cpu_usage_seconds_total{" + selector(w) + "}[5m]))";
    }

    public static String memoryQuery(Workload w) {
        return "max(container_memory_working_set_bytes{" + selector(w) + "})";
    }

    /** Timestamp (epoch ms) to value. */
    public TreeMap<Long, Double> range(String query, Instant start, Instant end, Duration step) {
        String q = "api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start="
                + start.getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=" + step.toSeconds();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(q)).timeout(Duration.ofSeconds(20))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = mapper.readTree(r.body());
            if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new Unavailable("Prometheus answered HTTP " + r.statusCode() + " to " + query + ": "
                        + body.path("error").asText(), null);
            }
            TreeMap<Long, Double> out = new TreeMap<>();
            JsonNode series = body.path("data").path("result").path(0);
            for (JsonNode p : series.path("values")) {
                double v = Double.parseDouble(p.get(1).asText());
                if (Double.isFinite(v)) {
                    out.put(Math.round(p.get(0).asDouble() * 1000), v);
                }
            }
            return out;
        } catch (IOException e) {
            throw new Unavailable("Prometheus at " + base + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }
}
