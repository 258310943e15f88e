package io.autopilot.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AnomalyKindsTest {

    private static String kind(String explicit, Map<String, String> labels, String... names) {
        return AnomalyKinds.classify(explicit, labels, List.of(names));
    }

    @Test
    void anExplicitKindWinsOverEverythingTheNamesSuggest() {
        assertEquals("cost", kind("cost", Map.of("alertname", "HighCpu")));
        assertEquals("security", kind(null, Map.of("alertname", "HighCpu", AnomalyKinds.LABEL, "security")));
        assertEquals("capacity", kind("weather", Map.of("alertname", "HighCpu")), "an unknown kind is ignored");
    }

    @Test
    void readsTheKindFromAlertAndMetricNames() {
        assertEquals("security", kind(null, Map.of("alertname", "FalcoUnauthorizedShell")));
        assertEquals("security", kind(null, Map.of("alertname", "X", "category", "security")));
        assertEquals("cost", kind(null, Map.of("__name__", "billing_daily_cost_usd")));
        assertEquals("cost", kind(null, Map.of("alertname", "BudgetBurn")));
        assertEquals("capacity", kind(null, Map.of("alertname", "KubeMemoryOvercommit")));
        assertEquals("capacity", kind(null, Map.of("alertname", "X"), "node_filesystem_avail_bytes < 1e9"));
        assertEquals("capacity", kind(null, Map.of("alertname", "CPUThrottlingHigh")));
        assertEquals("performance", kind(null, Map.of("alertname", "HighLatency"), "histogram_quantile(0.99, rate(x[5m]))"));
        assertEquals("performance", kind(null, Map.of()));
    }
}
