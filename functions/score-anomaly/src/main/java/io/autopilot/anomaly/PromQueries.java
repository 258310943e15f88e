package io.autopilot.anomaly;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.autopilot.events.Alert;

/**
 * Where an alert's PromQL comes from. The annotation {@code autopilot.io/query} wins (a rule author can point the
 * scorer at the raw series rather than the alert's comparison, e.g. {@code rate(http_errors_total[5m])} for an
 * alert on {@code rate(...) > 0.05}); otherwise the expression Prometheus put into the alert's generatorURL
 * ({@code /graph?g0.expr=...}).
 */
public final class PromQueries {

    public static final String ANNOTATION = "autopilot.io/query";

    private PromQueries() {
    }

    public static Optional<String> of(Alert alert) {
        String annotated = alert.annotations() == null ? null : alert.annotations().get(ANNOTATION);
        if (annotated != null && !annotated.isBlank()) {
            return Optional.of(annotated.trim());
        }
        return fromGeneratorUrl(alert.generatorURL());
    }

    /** The {@code g0.expr} parameter of a Prometheus graph link, decoded, or empty. */
    public static Optional<String> fromGeneratorUrl(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String query;
        try {
            query = URI.create(url.trim()).getRawQuery();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (query == null) {
            return Optional.empty();
        }
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).equals("g0.expr")) {
                try {
                    String expr = URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8).trim();
                    return expr.isEmpty() ? Optional.empty() : Optional.of(expr);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
