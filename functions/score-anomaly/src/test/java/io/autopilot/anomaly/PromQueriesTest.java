package io.autopilot.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.autopilot.events.Alert;

class PromQueriesTest {

    private static Alert alert(Map<String, String> annotations, String generatorURL) {
        return new Alert("firing", "0123456789abcdef", Map.of("alertname", "X"), annotations, Instant.EPOCH, null,
                generatorURL, null, null, null);
    }

    @Test
    void decodesTheExpressionOfAPrometheusGraphLink() {
        assertEquals(Optional.of("rate(http_requests_total{code=~\"5..\"}[5m]) > 0.1"), PromQueries.fromGeneratorUrl(
                "http://prometheus:9090/graph?g0.expr=rate%28http_requests_total%7Bcode%3D~%225..%22%7D%5B5m%5D%29+%3E+0.1&g0.tab=1"));
        assertEquals(Optional.of("up == 0"), PromQueries.fromGeneratorUrl("http://p/graph?g0.tab=1&g0.expr=up%20%3D%3D%200"));
    }

    @Test
    void findsNoExpressionInLinksWithoutOne() {
        assertEquals(Optional.empty(), PromQueries.fromGeneratorUrl(null));
        assertEquals(Optional.empty(), PromQueries.fromGeneratorUrl("http://p/graph"));
        assertEquals(Optional.empty(), PromQueries.fromGeneratorUrl("http://p/graph?g0.expr="));
        assertEquals(Optional.empty(), PromQueries.fromGeneratorUrl("http://p/graph?g1.expr=up"));
        assertEquals(Optional.empty(), PromQueries.fromGeneratorUrl("not a url at all ::"));
        assertEquals(Optional.empty(), PromQueries.fromGeneratorUrl("http://p/graph?g0.expr=%zz"));
    }

    @Test
    void preferstheAnnotationOverTheGeneratorUrl() {
        assertEquals(Optional.of("rate(errors_total[5m])"), PromQueries.of(alert(
                Map.of(PromQueries.ANNOTATION, " rate(errors_total[5m]) "), "http://p/graph?g0.expr=rate%28errors_total%5B5m%5D%29+%3E+1")));
        assertEquals(Optional.of("up"), PromQueries.of(alert(Map.of(), "http://p/graph?g0.expr=up")));
        assertEquals(Optional.of("up"), PromQueries.of(alert(null, "http://p/graph?g0.expr=up")));
    }
}
