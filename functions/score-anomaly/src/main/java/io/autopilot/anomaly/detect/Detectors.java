package io.autopilot.anomaly.detect;

/** The detector configurations Autopilot ships. */
public final class Detectors {

    private Detectors() {
    }

    /** The configuration every function uses (replaced by the tuned ensemble when it lands). */
    public static DetectorFactory standard() {
        return baseline();
    }

    /** The EWMA z-score baseline benchmarks compare against. */
    public static DetectorFactory baseline() {
        return EwmaZScoreDetector.factory(0.05);
    }
}
