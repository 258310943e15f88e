package io.autopilot.anomaly.detect;

import java.nio.ByteBuffer;

/**
 * Turns a stream of raw scores into a tail probability, as HTM's anomaly likelihood does: a short moving average of
 * the raw score is compared with the long-run distribution of that average (exponentially weighted mean and
 * variance), and the Gaussian upper-tail probability q is mapped to {@code -log10(q) / 10} (so 0.5 is q = 1e-5 and
 * 1.0 is q = 1e-10). The distribution used is the one before the current sample, so a sample never explains itself.
 * Why: raw residuals differ in scale and noise between series; the tail probability makes one threshold fit all.
 */
final class Likelihood {

    static final int BYTES = 8 * 5;

    private final double shortAlpha;
    private final double longAlpha;
    private final double minSd;
    private final long warmup;
    private final double peakDecay;
    private final double peakPower;

    private long count;
    private double shortAvg;
    private double mean;
    private double variance;
    private double peak;

    Likelihood(double shortAlpha, double longAlpha, double minSd, long warmup, double peakDecay, double peakPower) {
        this.peakDecay = peakDecay;
        this.peakPower = peakPower;
        this.shortAlpha = shortAlpha;
        this.longAlpha = longAlpha;
        this.minSd = minSd;
        this.warmup = warmup;
    }

    /** Scores one raw value in [0, 1] and learns it. */
    double update(double raw) {
        shortAvg = count == 0 ? raw : shortAvg + shortAlpha * (raw - shortAvg);
        double score = 0.0;
        if (count >= warmup) {
            double sd = Math.max(Math.sqrt(variance), minSd);
            double t = (shortAvg - mean) / sd;
            // Evidence weaker than the strongest seen lately is discounted: what already happened (and decayed
            // less than peakDecay allows) is the series' normal, not news.
            if (t > 0 && peakPower > 0 && t < peak) {
                t *= Math.pow(t / peak, peakPower);
            }
            score = logTail(t);
            peak = Math.max(peak * peakDecay, (shortAvg - mean) / sd);
        }
        if (count == 0) {
            mean = shortAvg;
        } else {
            // the plain mean and variance until the window is full, so early estimates are not biased to the
            // first value
            double alpha = Math.max(longAlpha, 1.0 / (count + 1));
            double diff = shortAvg - mean;
            double incr = alpha * diff;
            mean += incr;
            variance = (1 - alpha) * (variance + diff * incr);
        }
        count++;
        return score;
    }

    /** The short average the last score was computed from. */
    double shortAverage() {
        return shortAvg;
    }

    /** {@code -log10(Q(t)) / 10} clamped to [0, 1], with Q the standard normal upper tail. */
    static double logTail(double t) {
        if (t <= 0) {
            return 0.0;
        }
        double q = 0.5 * erfc(t / Math.sqrt(2.0));
        if (q <= 1e-10) {
            return 1.0;
        }
        return Math.min(1.0, -Math.log10(q) / 10.0);
    }

    /** Complementary error function, fractional error below 1.2e-7 everywhere (Numerical Recipes erfcc). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }

    void write(ByteBuffer out) {
        out.putLong(count).putDouble(shortAvg).putDouble(mean).putDouble(variance).putDouble(peak);
    }

    void read(ByteBuffer in) {
        count = in.getLong();
        shortAvg = in.getDouble();
        mean = in.getDouble();
        variance = in.getDouble();
        peak = in.getDouble();
    }
}
