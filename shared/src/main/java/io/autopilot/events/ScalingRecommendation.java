package io.autopilot.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The payload of {@link EventTypes#SCALING_RECOMMENDED}: for one workload, the current and recommended requests
 * (Autopilot's recommender) next to the VPA baseline's, the evidence behind them, the replica plan from the load
 * forecast, the expected monthly saving at the configured prices, whether the workload opted in to automatic
 * application, and a ready-to-apply patch (strategic merge on the Deployment).
 */
public record ScalingRecommendation(String recommendationId, Map<String, String> workload,
        Map<String, Object> current, Map<String, Object> recommended, Map<String, Object> vpaBaseline,
        Map<String, Object> evidence, Map<String, Object> horizontal, Map<String, Object> savings, boolean autoApply,
        Map<String, Object> patch, Instant recommendedAt) {

    /** One forecast hour in the evidence. */
    public record ForecastPoint(Instant at, double value, double lower, double upper) {
    }
}
