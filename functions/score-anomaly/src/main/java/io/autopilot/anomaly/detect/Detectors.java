package io.autopilot.anomaly.detect;

/** The detector configurations Autopilot ships. */
public final class Detectors {

    private Detectors() {
    }

    /** The configuration every function uses: the tuned ensemble (docs/score-anomaly-detector.md). */
    public static DetectorFactory standard() {
        return EnsembleDetector.factory(EnsembleParams.tuned());
    }

    /** The EWMA z-score baseline benchmarks compare against. */
    public static DetectorFactory baseline() {
        return EwmaZScoreDetector.factory(0.05);
    }
}
