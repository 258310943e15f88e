package io.autopilot.anomaly.detect;

/**
 * The streaming detector of one series. One instance per series, fed in strictly increasing time order; each
 * verdict uses only the samples up to and including the one it scores (causal). Not thread-safe.
 */
public interface SeriesDetector {

    /**
     * Scores one sample.
     *
     * @throws IllegalArgumentException when the value is NaN or infinite, or when epochMillis is not after
     *         {@link #lastTimestamp()}; callers decide the policy for such samples before calling
     */
    Verdict update(long epochMillis, double value);

    /** The time of the last sample scored, {@link Long#MIN_VALUE} before the first. */
    long lastTimestamp();

    /** The whole state, so that {@link DetectorFactory#restore(byte[])} continues exactly where this left off. */
    byte[] snapshot();

    /** The contract of {@link #update}: refuses a non-finite value or a sample not after the last one. */
    static void checkSample(long last, long epochMillis, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        if (epochMillis <= last) {
            throw new IllegalArgumentException("sample at " + epochMillis + " is not after the last one at " + last);
        }
    }
}
