package io.autopilot.scaling.rightsizing;

/**
 * VPA's decaying histogram ({@code util/decaying_histogram.go}): a sample at time t counts with weight
 * {@code w * 2^((t - ref) / halfLife)}, so older samples weigh exponentially less relative to new ones; when the
 * exponent would exceed 100 the reference time moves to t rounded to a whole number of half-lives and the stored
 * weights are scaled down by the same power of two.
 */
public final class DecayingHistogram {

    static final double MAX_DECAY_EXPONENT = 100;

    private final ExponentialHistogram histogram;
    private final long halfLifeMillis;
    private long referenceMillis;

    public DecayingHistogram(ExponentialHistogram histogram, long halfLifeMillis) {
        this.histogram = histogram;
        this.halfLifeMillis = halfLifeMillis;
        this.referenceMillis = 0;
    }

    public void add(double value, double weight, long timeMillis) {
        histogram.add(value, weight * decayFactor(timeMillis));
    }

    public void subtract(double value, double weight, long timeMillis) {
        histogram.subtract(value, weight * decayFactor(timeMillis));
    }

    public double percentile(double p) {
        return histogram.percentile(p);
    }

    public boolean isEmpty() {
        return histogram.isEmpty();
    }

    private double decayFactor(long timeMillis) {
        long maxAllowed = referenceMillis + halfLifeMillis * (long) MAX_DECAY_EXPONENT;
        if (timeMillis > maxAllowed) {
            shiftReference(timeMillis);
        }
        return Math.pow(2, (timeMillis - referenceMillis) / (double) halfLifeMillis);
    }

    private void shiftReference(long newReference) {
        long rounded = Math.round(newReference / (double) halfLifeMillis) * halfLifeMillis;
        long exponent = Math.round((referenceMillis - rounded) / (double) halfLifeMillis);
        histogram.scale(Math.scalb(1.0, (int) exponent));
        referenceMillis = rounded;
    }
}
