package io.autopilot.anomaly.detect;

/** Makes detectors of one configuration; the same parameters serve every series. */
public interface DetectorFactory {

    /** A short stable name, reported in verdicts and benchmarks. */
    String name();

    SeriesDetector create();

    /** Rebuilds a detector from {@link SeriesDetector#snapshot()}; refuses a snapshot of another configuration. */
    SeriesDetector restore(byte[] snapshot);
}
