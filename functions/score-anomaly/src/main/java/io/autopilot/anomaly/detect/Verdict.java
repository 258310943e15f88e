package io.autopilot.anomaly.detect;

/**
 * A detector's answer for one sample, with its reason.
 *
 * @param epochMillis the sample's time
 * @param observed the sample's value
 * @param score anomaly likelihood in [0, 1]; compared with the configured alerting threshold
 * @param component the detector component that contributed most to the score (for example {@code "ewma-zscore"})
 * @param expected the value the detector expected at this time
 * @param lower lower bound of the expected range
 * @param upper upper bound of the expected range
 */
public record Verdict(long epochMillis, double observed, double score, String component, double expected,
        double lower, double upper) {

    public Verdict {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }
}
