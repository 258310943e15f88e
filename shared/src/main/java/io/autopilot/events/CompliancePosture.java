package io.autopilot.events;

import java.time.Instant;
import java.util.Map;

/**
 * The payload of {@code io.autopilot.compliance.posture}: the whole cluster evaluated at once (the daily ping).
 *
 * @param cluster the cluster's name (the event subject)
 * @param generatedAt when the listing was taken
 * @param evaluator what judged it, with the rule version
 * @param resources how many objects of each kind were evaluated
 * @param levels per Pod Security Standards level: workloads evaluated, passing, score (percent passing)
 * @param frameworks per framework: scopes evaluated, passing, score, and the controls failing with how many scopes
 * @param findingsByCheck open findings per check id
 * @param openFindings all open findings
 */
public record CompliancePosture(String cluster, Instant generatedAt, String evaluator, Map<String, Integer> resources,
        Map<String, Score> levels, Map<String, Score> frameworks, Map<String, Integer> findingsByCheck,
        int openFindings) {

    /** {@code score} = 100 × passing / evaluated, one decimal; 100 when nothing was evaluated. */
    public record Score(int evaluated, int passing, double score, Map<String, Integer> failingControls) {
        public static Score of(int evaluated, int passing, Map<String, Integer> failingControls) {
            double score = evaluated == 0 ? 100.0 : Math.round(1000.0 * passing / evaluated) / 10.0;
            return new Score(evaluated, passing, score, failingControls);
        }
    }
}
