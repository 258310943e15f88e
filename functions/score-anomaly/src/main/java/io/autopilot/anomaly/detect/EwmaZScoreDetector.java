package io.autopilot.anomaly.detect;

import java.nio.ByteBuffer;

/**
 * The baseline: an exponentially weighted mean and variance, scored by the z-score of each new sample against the
 * state before it. Benchmarks compare the shipped detector with this one.
 */
public final class EwmaZScoreDetector implements SeriesDetector {

    static final String NAME = "ewma-zscore";
    private static final int SNAPSHOT_BYTES = 1 + 8 * 4;
    private static final byte VERSION = 1;

    private final double alpha;
    private long last = Long.MIN_VALUE;
    private long count;
    private double mean;
    private double variance;

    public EwmaZScoreDetector(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        this.alpha = alpha;
    }

    public static DetectorFactory factory(double alpha) {
        return DetectorFactory.of(NAME, () -> new EwmaZScoreDetector(alpha),
                snapshot -> EwmaZScoreDetector.restore(alpha, snapshot));
    }

    @Override
    public Verdict update(long epochMillis, double value) {
        SeriesDetector.checkSample(last, epochMillis, value);
        double sd = Math.sqrt(variance);
        double score = 0.0;
        if (count >= 2 && sd > 0) {
            double z = Math.abs(value - mean) / sd;
            score = 1.0 - Math.exp(-z * z / 8.0); // z = 3 scores about 0.68, z = 5 about 0.96
        }
        Verdict verdict = new Verdict(epochMillis, value, score, NAME, mean, mean - 3 * sd, mean + 3 * sd);
        if (count == 0) {
            mean = value;
        } else {
            double diff = value - mean;
            double incr = alpha * diff;
            mean += incr;
            variance = (1 - alpha) * (variance + diff * incr);
        }
        count++;
        last = epochMillis;
        return verdict;
    }

    @Override
    public long lastTimestamp() {
        return last;
    }

    @Override
    public byte[] snapshot() {
        return ByteBuffer.allocate(SNAPSHOT_BYTES).put(VERSION).putLong(last).putLong(count).putDouble(mean)
                .putDouble(variance).array();
    }

    static EwmaZScoreDetector restore(double alpha, byte[] snapshot) {
        if (snapshot == null || snapshot.length != SNAPSHOT_BYTES || snapshot[0] != VERSION) {
            throw new IllegalArgumentException("not a " + NAME + " snapshot");
        }
        ByteBuffer in = ByteBuffer.wrap(snapshot, 1, SNAPSHOT_BYTES - 1);
        EwmaZScoreDetector detector = new EwmaZScoreDetector(alpha);
        detector.last = in.getLong();
        detector.count = in.getLong();
        detector.mean = in.getDouble();
        detector.variance = in.getDouble();
        return detector;
    }
}
