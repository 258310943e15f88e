package io.autopilot.events;

import java.time.Instant;
import java.util.List;

/**
 * The payload of {@link EventTypes#ROLLOUT_ANALYSIS_REQUESTED}: which rollout, how to select the baseline's and
 * the canary's series (PromQL label matchers substituted for {@code ${selector}} in each metric's query), which
 * metrics, over which window.
 *
 * @param rollout the Argo Rollout (kind Rollout) or Deployment the verdict acts on
 * @param end the window's end (default: now); the window is {@code windowMinutes} before it
 * @param noDataPolicy inconclusive (default) | fail | ignore
 * @param onFail abort (default: abort the Rollout, roll back a Deployment) | none
 * @param onPass promote | none (default)
 */
public record RolloutAnalysisRequest(String analysisId, Workload rollout, String baseline, String canary,
        Integer windowMinutes, Integer stepSeconds, Instant end, List<Metric> metrics, String noDataPolicy,
        String onFail, String onPass, Double confidence) {

    /** The rollout target. */
    public record Workload(String namespace, String name, String kind) {
    }

    /** One metric: a PromQL query with {@code ${selector}}, the harmful direction, weight, criticality. */
    public record Metric(String name, String query, String direction, Double weight, Boolean critical,
            Boolean mustHaveData) {
    }
}
