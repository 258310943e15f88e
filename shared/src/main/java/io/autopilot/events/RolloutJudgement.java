package io.autopilot.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;


/**
 * The payload of {@link EventTypes#ROLLOUT_JUDGED}: the run verdict (pass, marginal, fail, inconclusive) and
 * score, per metric the measured values behind its verdict (counts, means, medians, U, p-value, method, effect size,
 * Hodges-Lehmann shift and interval), the resolved queries and window, and the action taken.
 */
public record RolloutJudgement(String analysisId, RolloutAnalysisRequest.Workload rollout, String verdict, double score,
        String reason, List<Map<String, Object>> metrics, Map<String, Map<String, String>> queries,
        Map<String, Object> window, Map<String, Object> settings, Map<String, Object> action, Instant judgedAt) {
}
