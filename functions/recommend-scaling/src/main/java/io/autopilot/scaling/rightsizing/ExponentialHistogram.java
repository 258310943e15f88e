package io.autopilot.scaling.rightsizing;

/**
 * The VPA recommender's histogram ({@code pkg/recommender/util/histogram.go} with exponential bucket options):
 * bucket i starts at {@code first * (ratio^i - 1) / (ratio - 1)}, the last bucket is open-ended, and
 * {@link #percentile(double)} returns the <em>upper end</em> of the bucket in which the cumulative weight reaches
 * p times the total (the start of the last bucket when it is that one). Weights below epsilon count as empty.
 */
public final class ExponentialHistogram {

    private final double firstBucketSize;
    private final double ratio;
    private final double epsilon;
    private final int numBuckets;
    private final double[] weight;
    private double totalWeight;
    private int minBucket;
    private int maxBucket;

    public ExponentialHistogram(double maxValue, double firstBucketSize, double ratio, double epsilon) {
        if (!(maxValue > 0 && firstBucketSize > 0 && ratio > 1 && epsilon > 0)) {
            throw new IllegalArgumentException("maxValue, firstBucketSize, epsilon > 0 and ratio > 1 required");
        }
        this.firstBucketSize = firstBucketSize;
        this.ratio = ratio;
        this.epsilon = epsilon;
        this.numBuckets = (int) Math.ceil(log(ratio, maxValue * (ratio - 1) / firstBucketSize + 1)) + 1;
        this.weight = new double[numBuckets];
        this.minBucket = numBuckets - 1;
        this.maxBucket = 0;
    }

    /** VPA's CPU histogram: cores, up to 1000, first bucket 0.001 core (current code), 5 % growth. */
    public static ExponentialHistogram cpu() {
        return new ExponentialHistogram(1000.0, 0.001, 1.05, 0.0001);
    }

    /** VPA's memory histogram: bytes, up to 1 TB, first bucket 10 MB, 5 % growth. */
    public static ExponentialHistogram memory() {
        return new ExponentialHistogram(1e12, 1e7, 1.05, 0.0001);
    }

    public int numBuckets() {
        return numBuckets;
    }

    public int findBucket(double value) {
        if (value < firstBucketSize) {
            return 0;
        }
        int bucket = (int) log(ratio, value * (ratio - 1) / firstBucketSize + 1);
        return Math.min(bucket, numBuckets - 1);
    }

    public double bucketStart(int bucket) {
        if (bucket == 0) {
            return 0.0;
        }
        return firstBucketSize * (Math.pow(ratio, bucket) - 1) / (ratio - 1);
    }

    public void add(double value, double w) {
        if (w < 0) {
            throw new IllegalArgumentException("sample weight must be non-negative");
        }
        int b = findBucket(value);
        weight[b] += w;
        totalWeight += w;
        if (b < minBucket && weight[b] >= epsilon) {
            minBucket = b;
        }
        if (b > maxBucket && weight[b] >= epsilon) {
            maxBucket = b;
        }
    }

    public void subtract(double value, double w) {
        if (w < 0) {
            throw new IllegalArgumentException("sample weight must be non-negative");
        }
        int b = findBucket(value);
        weight[b] -= w;
        if (weight[b] < 0) {
            weight[b] = 0;
        }
        totalWeight -= w;
        if (totalWeight < 0) {
            totalWeight = 0;
        }
        if (weight[b] < epsilon && (b == minBucket || b == maxBucket)) {
            updateMinAndMaxBucket();
        }
    }

    /** Multiplies every weight (the decaying histogram's renormalisation). */
    public void scale(double factor) {
        for (int i = 0; i < numBuckets; i++) {
            weight[i] *= factor;
        }
        totalWeight *= factor;
        updateMinAndMaxBucket();
    }

    public boolean isEmpty() {
        return weight[minBucket] < epsilon;
    }

    public double totalWeight() {
        return totalWeight;
    }

    public double percentile(double p) {
        if (isEmpty()) {
            return 0.0;
        }
        double partial = 0;
        double threshold = p * totalWeight;
        int bucket = minBucket;
        for (; bucket < maxBucket; bucket++) {
            partial += weight[bucket];
            if (partial >= threshold) {
                break;
            }
        }
        if (bucket < numBuckets - 1) {
            return bucketStart(bucket + 1);
        }
        return bucketStart(bucket);
    }

    private void updateMinAndMaxBucket() {
        int lastBucket = numBuckets - 1;
        minBucket = 0;
        while (minBucket < lastBucket && weight[minBucket] < epsilon) {
            minBucket++;
        }
        maxBucket = lastBucket;
        while (maxBucket > 0 && weight[maxBucket] < epsilon) {
            maxBucket--;
        }
    }

    private static double log(double base, double x) {
        return Math.log(x) / Math.log(base);
    }
}
