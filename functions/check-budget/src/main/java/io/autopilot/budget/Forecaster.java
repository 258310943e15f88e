package io.autopilot.budget;

import java.time.LocalDate;

/**
 * Month-end (period-end) spend forecast from the daily series of the period so far.
 *
 * <ul>
 * <li>Below 3 complete days there is no forecast: one or two days say nothing about a month.</li>
 * <li>From 3 days: a run-rate (OCI's published rule: mean daily spend times the days left). A trend is not tried
 * yet: in the first two weeks a weekend at one end of the window looks like a trend.</li>
 * <li>From 14 days, when every weekday has been seen twice: an ordinary least-squares fit of daily spend on day-of-week
 * effects, because weekday/weekend swings are the largest regular pattern in cloud spend, continued from the level of
 * the last whole week (spend moves in steps that a mean over all days would smear).</li>
 * <li>A linear trend joins that fit only when the data support it: its slope must pass a two-sided 5% t-test.
 * Growth is common (workloads ramp during a month), but a trend fitted to noise and extrapolated over the rest of
 * the month costs more than it saves, so it has to earn its place.</li>
 * </ul>
 *
 * <p>The 80% interval is the least-squares prediction interval of the sum of the remaining days with Student's t for
 * the residual degrees of freedom: it covers the day-to-day noise and the uncertainty of the fitted level, trend and
 * effects, so it is wide while the series is short or spiky and narrows as the month fills.
 *
 * <p>Works in doubles: a forecast is an estimate with an interval, not money to reconcile; the exact sums it starts
 * from stay BigDecimal in the evaluation.
 */
public final class Forecaster {

    /** Below this many complete days there is no forecast. */
    public static final int MIN_DAYS = 3;
    /** From this many complete days the day-of-week model is used. */
    public static final int SEASONAL_DAYS = 14;
    /** z for a two-sided 80% interval (the t quantile's limit). */
    static final double Z80 = 1.2816;
    /** Student's t for a two-sided 80% interval, by degrees of freedom 1..30. */
    private static final double[] T80 = { 3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372,
            1.363, 1.356, 1.350, 1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316,
            1.315, 1.314, 1.313, 1.311, 1.310 };

    /**
     * @param method     "run-rate" or "day-of-week", with "+trend" when a trend was kept
     * @param remaining  predicted spend of the days not yet complete
     * @param lower      lower end of the 80% interval of {@code remaining}
     * @param upper      upper end
     */
    public record Prediction(String method, double remaining, double lower, double upper, int daysOfData) {
    }

    private Forecaster() {
    }

    /**
     * @param daily     spend of each complete day, index 0 = first day of the period
     * @param firstDay  the date of index 0
     * @param totalDays days in the period
     * @return the prediction for days {@code daily.length .. totalDays-1}, or null below {@link #MIN_DAYS}
     */
    public static Prediction predict(double[] daily, LocalDate firstDay, int totalDays) {
        int n = daily.length;
        if (n < MIN_DAYS) {
            return null;
        }
        boolean seasonal = n >= SEASONAL_DAYS;
        String name = seasonal ? "day-of-week" : "run-rate";
        int weekday0 = firstDay.getDayOfWeek().getValue() - 1;
        Fit flat = Fit.of(daily, weekday0, seasonal, false);
        Fit chosen = flat;
        if (seasonal) {
            Fit trended = Fit.of(daily, weekday0, seasonal, true);
            if (trended != null && Math.abs(trended.trendT()) >= t975(trended.dof())) {
                chosen = trended;
                name += "+trend";
            }
        }
        if (totalDays <= n) {
            return new Prediction(name, 0, 0, 0, n);
        }
        return chosen.predict(n, totalDays, name);
    }

    /** One least-squares fit: coefficients, residual variance and (X'X)^-1 for the prediction interval. */
    private record Fit(double[] beta, double sigma2, double[][] inverse, int dof, boolean seasonal, boolean trend,
            int weekday0, double[] y) {

        static Fit of(double[] y, int weekday0, boolean seasonal, boolean trend) {
            int n = y.length;
            int p = columns(seasonal, trend);
            double[][] xtx = new double[p][p];
            double[] xty = new double[p];
            for (int i = 0; i < n; i++) {
                double[] x = row(i, weekday0, seasonal, trend, p);
                for (int a = 0; a < p; a++) {
                    xty[a] += x[a] * y[i];
                    for (int b = 0; b < p; b++) {
                        xtx[a][b] += x[a] * x[b];
                    }
                }
            }
            double[][] inv = invert(xtx);
            if (inv == null) {
                return null;
            }
            double[] beta = new double[p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    beta[a] += inv[a][b] * xty[b];
                }
            }
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i] - dot(beta, row(i, weekday0, seasonal, trend, p));
                ss += r * r;
            }
            int dof = n - p;
            // with no residual degrees of freedom the noise is unknown: fall back to the spread of the data
            double sigma2 = dof > 0 ? ss / dof : variance(y);
            return new Fit(beta, sigma2, inv, Math.max(1, dof), seasonal, trend, weekday0, y);
        }

        double trendT() {
            double se = Math.sqrt(sigma2 * inverse[1][1]);
            double scale = 1e-9 * (Math.abs(beta[0]) + 1);
            if (se <= scale) {
                // a perfect fit: the slope is real if it is more than rounding
                return Math.abs(beta[1]) <= scale ? 0 : Double.POSITIVE_INFINITY;
            }
            return beta[1] / se;
        }

        Prediction predict(int n, int totalDays, String name) {
            int p = beta.length;
            double[] s = new double[p];
            for (int i = n; i < totalDays; i++) {
                double[] x = row(i, weekday0, seasonal, trend, p);
                for (int a = 0; a < p; a++) {
                    s[a] += x[a];
                }
            }
            int left = totalDays - n;
            double point = dot(beta, s);
            double quad = 0;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    quad += s[a] * inverse[a][b] * s[b];
                }
            }
            double extra = 0;
            if (seasonal) {
                // the level the rest of the month continues from is the last whole week's, not the period's mean:
                // spend moves in steps (a workload added, a cluster deleted) that a mean over all days would smear
                double shift = 0;
                for (int i = n - 7; i < n; i++) {
                    shift += y[i] - dot(beta, row(i, weekday0, seasonal, trend, p));
                }
                point += shift / 7 * left;
                extra = (double) left * left / 7;
            }
            double half = t80(dof) * Math.sqrt(sigma2 * (left + quad + extra));
            return new Prediction(name, point, point - half, point + half, n);
        }

        static int columns(boolean seasonal, boolean trend) {
            return 1 + (trend ? 1 : 0) + (seasonal ? 6 : 0);
        }

        /** Level, trend (day index), then sum-to-zero coded weekday effects (Sunday = minus the six others). */
        static double[] row(int i, int weekday0, boolean seasonal, boolean trend, int p) {
            double[] x = new double[p];
            x[0] = 1;
            int c = 1;
            if (trend) {
                x[c++] = i;
            }
            if (seasonal) {
                int w = (weekday0 + i) % 7;
                for (int k = 0; k < 6; k++) {
                    x[c + k] = w == 6 ? -1 : (w == k ? 1 : 0);
                }
            }
            return x;
        }
    }

    private static final double[] T975 = { 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042 };

    static double t975(int dof) {
        return dof >= 1 && dof <= T975.length ? T975[dof - 1] : 1.96;
    }

    static double t80(int dof) {
        return dof >= 1 && dof <= T80.length ? T80[dof - 1] : Z80;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double variance(double[] v) {
        double m = mean(v, 0, v.length);
        return v.length < 2 ? 0 : Math.pow(sd(v, m), 2);
    }

    /** Gauss-Jordan with partial pivoting; null when singular. */
    static double[][] invert(double[][] m) {
        int p = m.length;
        double[][] a = new double[p][2 * p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(m[i], 0, a[i], 0, p);
            a[i][p + i] = 1;
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double d = a[col][col];
            for (int k = 0; k < 2 * p; k++) {
                a[col][k] /= d;
            }
            for (int r = 0; r < p; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int k = 0; k < 2 * p; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[][] inv = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(a[i], p, inv[i], 0, p);
        }
        return inv;
    }

    static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return to > from ? s / (to - from) : 0;
    }

    static double sd(double[] v, double mean) {
        if (v.length < 2) {
            return 0;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
