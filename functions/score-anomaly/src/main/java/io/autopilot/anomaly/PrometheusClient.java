package io.autopilot.anomaly;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Reads history from Prometheus' HTTP API ({@code GET /api/v1/query_range}). Framework-free so tests can point it at
 * any server.
 *
 * <p>Policies: Prometheus unreachable, timing out or answering 5xx is a {@link ProblemException} with status 503,
 * so the broker retries the alert later; a query Prometheus refuses (400/422: bad PromQL, too many points) is a
 * {@link QueryRefused}, because retrying the same query cannot help. Samples whose value is NaN or infinite
 * (a division by zero in the query, a staleness marker) are dropped from the series and counted.
 */
public final class PrometheusClient {

    private final URI base;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final HttpClient http;

    /** A query Prometheus refused; its reason, in Prometheus' words. */
    public static final class QueryRefused extends RuntimeException {
        public QueryRefused(String message) {
            super(message);
        }
    }

    /**
     * The matrix a range query returned.
     *
     * @param series every series with at least one finite sample
     * @param droppedSamples NaN or infinite samples left out
     * @param emptySeries series that had no finite sample at all
     */
    public record Matrix(List<Series> series, int droppedSamples, int emptySeries) {
    }

    public PrometheusClient(URI base, Duration timeout, ObjectMapper mapper) {
        this.base = base;
        this.timeout = timeout;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Matrix queryRange(String query, Instant start, Instant end, Duration step) {
        String path = base.toString().replaceAll("/+$", "") + "/api/v1/query_range?query=" + encode(query)
                + "&start=" + seconds(start) + "&end=" + seconds(end) + "&step=" + step.toMillis() / 1000.0;
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(path)).timeout(timeout).GET()
                    .header("accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable("Prometheus at " + base + " is unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking Prometheus at " + base);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status == 400 || status == 422) {
            throw new QueryRefused(body == null ? "HTTP " + status
                    : body.path("errorType").asText("error") + ": " + body.path("error").asText(""));
        }
        if (status / 100 != 2 || body == null || !"success".equals(body.path("status").asText())) {
            throw unavailable("Prometheus at " + base + " answered " + status
                    + (body == null ? "" : ": " + body.path("error").asText("")));
        }
        return matrix(body.path("data"));
    }

    private Matrix matrix(JsonNode data) {
        if (!"matrix".equals(data.path("resultType").asText())) {
            throw new QueryRefused("a range query should yield a matrix, got " + data.path("resultType").asText());
        }
        List<Series> series = new ArrayList<>();
        int dropped = 0;
        int empty = 0;
        for (JsonNode result : data.path("result")) {
            Map<String, String> labels = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = result.path("metric").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> label = it.next();
                labels.put(label.getKey(), label.getValue().asText());
            }
            JsonNode values = result.path("values");
            long[] times = new long[values.size()];
            double[] numbers = new double[values.size()];
            int n = 0;
            long last = Long.MIN_VALUE;
            for (JsonNode pair : values) {
                long t = Math.round(pair.path(0).asDouble() * 1000);
                double v = parseValue(pair.path(1).asText());
                if (!Double.isFinite(v) || t <= last) {
                    dropped++;
                    continue;
                }
                times[n] = t;
                numbers[n] = v;
                last = t;
                n++;
            }
            if (n == 0) {
                empty++;
                continue;
            }
            series.add(new Series(Series.selector(labels), labels, java.util.Arrays.copyOf(times, n),
                    java.util.Arrays.copyOf(numbers, n)));
        }
        return new Matrix(series, dropped, empty);
    }

    private static double parseValue(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(ProblemTypes.unavailable(detail));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant instant) {
        return String.valueOf(instant.toEpochMilli() / 1000.0);
    }
}
