package io.autopilot.remediation.judge;

/**
 * The standard normal distribution to double precision, in plain Java (the judge runs as a bare {@code java -cp}
 * command too, so no statistics library). erfc uses the all-positive series of erf for small arguments (no
 * cancellation) and the Laplace continued fraction beyond 2, both accurate to about 1e-15.
 */
public final class Normal {

    private static final double SQRT_PI = Math.sqrt(Math.PI);

    private Normal() {
    }

    /** P(Z > z). */
    public static double sf(double z) {
        return 0.5 * erfc(z / Math.sqrt(2.0));
    }

    /** P(Z <= z). */
    public static double cdf(double z) {
        return sf(-z);
    }

    /** The quantile: the z with cdf(z) = p, by bisection on cdf (exact enough for critical values). */
    public static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0,1): " + p);
        }
        double lo = -40, hi = 40;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The complementary error function. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        if (x < 2.0) {
            return 1.0 - erfSeries(x);
        }
        if (x > 27) {
            return 0.0;
        }
        // Laplace's continued fraction erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
        // evaluated bottom-up with enough terms for x >= 2.
        double f = x;
        for (int k = 120; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return Math.exp(-x * x) / SQRT_PI / f;
    }

    /** erf(x) = 2/sqrt(pi) exp(-x^2) sum_n (2x^2)^n x / (1*3*...*(2n+1)); every term positive. */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        double x2 = 2 * x * x;
        for (int n = 1; n < 200; n++) {
            term *= x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return 2.0 / SQRT_PI * Math.exp(-x * x) * sum;
    }
}
