package io.autopilot.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.autopilot.events.Alert;

class AlertScoringTest {

    private static Series series(Map<String, String> labels) {
        return new Series(Series.selector(labels), labels, new long[] { 1 }, new double[] { 1 });
    }

    @Test
    void picksTheSeriesWhoseSharedLabelsAgreeWithTheAlert() {
        Alert alert = new Alert("firing", "0123456789abcdef",
                Map.of("alertname", "HighLatency", "service", "checkout", "severity", "page"), Map.of(), Instant.EPOCH,
                null, null, null, null, null);
        Series checkout = series(Map.of("__name__", "latency", "service", "checkout", "instance", "a:9100"));
        Series catalog = series(Map.of("__name__", "latency", "service", "catalog", "instance", "b:9100"));
        assertEquals(List.of(checkout), AlertScoring.belongingTo(alert, List.of(checkout, catalog)));
        Series unrelated = series(Map.of("job", "node"));
        assertEquals(List.of(unrelated), AlertScoring.belongingTo(alert, List.of(unrelated)), "labels it does not share");
        Series other = series(Map.of("service", "search"));
        assertEquals(List.of(other, catalog), AlertScoring.belongingTo(alert, List.of(other, catalog)),
                "none belongs: all are scored");
    }

    @Test
    void writesASeriesAsPrometheusDoes() {
        assertEquals("up{instance=\"a:9100\",job=\"node\"}",
                Series.selector(Map.of("job", "node", "__name__", "up", "instance", "a:9100")));
        assertEquals("{path=\"say \\\"hi\\\"\"}", Series.selector(Map.of("path", "say \"hi\"")));
    }
}
