package io.autopilot.remediation.judge;

import java.util.Arrays;

/**
 * The two-sided Mann-Whitney U test, with the same rules as {@code scipy.stats.mannwhitneyu(x, y,
 * alternative='two-sided', use_continuity=True, method='auto')}:
 * <ul>
 * <li>{@code u} is U of the first sample: R1 - n1(n1+1)/2, ranks of the pooled data with ties given their mid-rank;
 * <li>method: <b>exact</b> when there are no ties and the smaller sample has at most 8 values, else
 * <b>asymptotic</b> (scipy's {@code 'auto'});
 * <li>exact: p = 2 P(U >= max(U1, U2)) under the null distribution of U (all C(n1+n2, n1) rank splits equally
 * likely), counted with the Mann-Whitney recurrence, capped at 1;
 * <li>asymptotic: z = (max(U1,U2) - n1 n2 / 2 - 0.5) / sigma with the tie-corrected
 * sigma = sqrt(n1 n2 / 12 ((n + 1) - sum(t^3 - t) / (n (n - 1)))), p = 2 P(Z > z), capped at 1.
 * </ul>
 * Also the Hodges-Lehmann shift (median of all pairwise differences y - x... here first minus second) and its
 * distribution-free confidence interval, which Kayenta's classifier reads.
 */
public final class MannWhitney {

    /** Up to this many values in the smaller sample (and no ties) the p-value is exact, as in scipy. */
    public static final int EXACT_MAX_SMALLER = 8;

    private MannWhitney() {
    }

    /** The outcome. {@code method} is "exact" or "asymptotic". */
    public record Result(double u, double u2, double pValue, String method, double z, boolean ties) {
    }

    /** The test of sample {@code x} against sample {@code y}. Both need at least one value. */
    public static Result test(double[] x, double[] y) {
        int n1 = x.length, n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need at least one value (got " + n1 + " and " + n2 + ")");
        }
        for (double v : x) {
            requireFinite(v);
        }
        for (double v : y) {
            requireFinite(v);
        }
        int n = n1 + n2;
        double[] pooled = new double[n];
        System.arraycopy(x, 0, pooled, 0, n1);
        System.arraycopy(y, 0, pooled, n1, n2);
        Ranks ranks = Ranks.of(pooled);
        double r1 = 0;
        for (int i = 0; i < n1; i++) {
            r1 += ranks.rank[i];
        }
        double u1 = r1 - n1 * (n1 + 1) / 2.0;
        double u2 = (double) n1 * n2 - u1;
        double big = Math.max(u1, u2);
        boolean ties = ranks.tieTerm > 0;
        if (!ties && Math.min(n1, n2) <= EXACT_MAX_SMALLER) {
            double p = Math.min(1.0, 2.0 * exactSf((int) Math.round(big), n1, n2));
            return new Result(u1, u2, p, "exact", Double.NaN, false);
        }
        double mu = n1 * (double) n2 / 2.0;
        double sigma = Math.sqrt(n1 * (double) n2 / 12.0 * ((n + 1) - ranks.tieTerm / ((double) n * (n - 1))));
        double z = sigma == 0 ? 0.0 : (big - mu - 0.5) / sigma;
        double p = sigma == 0 ? 1.0 : Math.min(1.0, 2.0 * Normal.sf(z));
        return new Result(u1, u2, p, "asymptotic", z, ties);
    }

    /**
     * P(U >= k) for sample sizes m and n with no ties: the number of rank splits with U >= k over C(m+n, m). Counts
     * with the recurrence f(u; m, n) = f(u - n; m - 1, n) + f(u; m, n - 1) over a table of m*n + 1 counts.
     */
    static double exactSf(int k, int m, int n) {
        double[] counts = exactCounts(m, n);
        double total = 0, tail = 0;
        for (int u = 0; u < counts.length; u++) {
            total += counts[u];
            if (u >= k) {
                tail += counts[u];
            }
        }
        return tail / total;
    }

    /** counts[u] = the number of arrangements of m x's and n y's whose U (pairs x > y) is u. */
    static double[] exactCounts(int m, int n) {
        // f[j][u] for i x's and j y's, built up in i; f(0, j) and f(i, 0) have the single value u = 0.
        double[][] prev = new double[n + 1][];
        for (int j = 0; j <= n; j++) {
            prev[j] = new double[] { 1.0 };
        }
        for (int i = 1; i <= m; i++) {
            double[][] cur = new double[n + 1][];
            cur[0] = new double[] { 1.0 };
            for (int j = 1; j <= n; j++) {
                double[] f = new double[i * j + 1];
                // the largest value is an x: it beats all j y's -> U shifts by j, from (i-1, j)
                double[] a = prev[j];
                for (int u = 0; u < a.length; u++) {
                    f[u + j] += a[u];
                }
                // the largest value is a y: it adds nothing, from (i, j-1)
                double[] b = cur[j - 1];
                for (int u = 0; u < b.length; u++) {
                    f[u] += b[u];
                }
                cur[j] = f;
            }
            prev = cur;
        }
        return prev[n];
    }

    /**
     * The Hodges-Lehmann estimate of the shift of {@code x} over {@code y} (median of x_i - y_j) and the
     * distribution-free confidence interval at {@code confidence}: the k-th smallest and k-th largest pairwise
     * difference, k = floor(n1 n2 / 2 - z_{(1+c)/2} sqrt(n1 n2 (n1 + n2 + 1) / 12)) (normal approximation of U's
     * critical value), at least 1.
     */
    public static Shift shift(double[] x, double[] y, double confidence) {
        int n1 = x.length, n2 = y.length;
        double[] d = new double[n1 * n2];
        int k = 0;
        for (double a : x) {
            for (double b : y) {
                d[k++] = a - b;
            }
        }
        Arrays.sort(d);
        double median = d.length % 2 == 1 ? d[d.length / 2] : 0.5 * (d[d.length / 2 - 1] + d[d.length / 2]);
        double zc = Normal.quantile(0.5 + confidence / 2.0);
        int c = (int) Math.floor(n1 * (double) n2 / 2.0 - zc * Math.sqrt(n1 * (double) n2 * (n1 + n2 + 1) / 12.0));
        c = Math.max(1, Math.min(c, d.length));
        return new Shift(median, d[c - 1], d[d.length - c], confidence);
    }

    /** A shift estimate and its interval. */
    public record Shift(double estimate, double lower, double upper, double confidence) {
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("samples must be finite numbers, got " + v);
        }
    }

    /** Mid-ranks (1-based) of a sample and the tie term sum(t^3 - t) over groups of equal values. */
    static final class Ranks {
        final double[] rank;
        final double tieTerm;

        private Ranks(double[] rank, double tieTerm) {
            this.rank = rank;
            this.tieTerm = tieTerm;
        }

        static Ranks of(double[] values) {
            int n = values.length;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
            double[] rank = new double[n];
            double tie = 0;
            int i = 0;
            while (i < n) {
                int j = i;
                while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                    j++;
                }
                double mid = (i + j) / 2.0 + 1.0;
                for (int k = i; k <= j; k++) {
                    rank[order[k]] = mid;
                }
                double t = j - i + 1;
                tie += t * t * t - t;
                i = j + 1;
            }
            return new Ranks(rank, tie);
        }
    }
}
