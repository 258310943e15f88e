package io.autopilot.events;

import java.time.Instant;
import java.util.Map;

/**
 * The payload of {@link EventTypes#ANOMALY_DETECTED} as remediate reads it: the series, its labels (which name the
 * workload: namespace, deployment, pod, node), the score and the measured against the expected value. score-anomaly
 * owns this type; remediate reads only these fields and carries any other numeric or text field into its facts.
 */
public record AnomalyFinding(String series, Map<String, String> labels, double score, Double value, Double expected,
        Instant detectedAt) {
}
