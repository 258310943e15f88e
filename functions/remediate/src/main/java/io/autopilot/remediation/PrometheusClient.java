package io.autopilot.remediation;

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
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Prometheus HTTP API's range query ({@code GET /api/v1/query_range}), returning every sample of every series in
 * the result as one list (NaN and infinities dropped: they are not measurements). Errors are
 * {@link PrometheusException}s naming the query and what Prometheus said.
 */
public final class PrometheusClient {

    /** Prometheus could not be asked or refused the query. */
    public static final class PrometheusException extends RuntimeException {
        private final boolean badQuery;

        PrometheusException(String message, boolean badQuery, Throwable cause) {
            super(message, cause);
            this.badQuery = badQuery;
        }

        public boolean badQuery() {
            return badQuery;
        }
    }

    private final URI base;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Duration timeout;

    public PrometheusClient(String baseUrl, ObjectMapper mapper, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.mapper = mapper;
        this.timeout = timeout;
    }

    public String baseUrl() {
        return base.toString();
    }

    public double[] rangeValues(String query, Instant start, Instant end, Duration step) {
        String q = "api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start="
                + start.getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=" + Math.max(1, step.toSeconds());
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(base.resolve(q)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PrometheusException("Prometheus at " + base + " cannot be reached: " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusException("interrupted while asking Prometheus", false, e);
        }
        JsonNode body;
        try {
            body = mapper.readTree(response.body());
        } catch (IOException e) {
            throw new PrometheusException("Prometheus answered HTTP " + response.statusCode() + " with no JSON", false,
                    e);
        }
        if (response.statusCode() == 400 || response.statusCode() == 422) {
            throw new PrometheusException("Prometheus refused the query " + query + ": " + body.path("error").asText(),
                    true, null);
        }
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new PrometheusException("Prometheus answered HTTP " + response.statusCode() + ": "
                    + body.path("error").asText(), false, null);
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode series : body.path("data").path("result")) {
            for (JsonNode point : series.path("values")) {
                double v;
                try {
                    v = Double.parseDouble(point.get(1).asText());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (Double.isFinite(v)) {
                    values.add(v);
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
