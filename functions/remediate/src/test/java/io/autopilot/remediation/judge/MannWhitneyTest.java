package io.autopilot.remediation.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Checks the p-values against values computed independently: the example in SciPy's {@code mannwhitneyu}
 * documentation (published figures), a brute-force enumeration of every split of the pooled ranks (exact method)
 * and of the pooled mid-ranks (the tie-corrected variance of the asymptotic method), and standard normal tail values
 * from printed tables.
 */
class MannWhitneyTest {

    @Test
    void reproducesTheScipyDocumentationExampleExactly() {
        // scipy.stats.mannwhitneyu docs: males vs females; U1 = 17, exact p = 1/9, asymptotic p = 0.11134688653314041
        double[] males = { 19, 22, 16, 29, 24 };
        double[] females = { 20, 11, 17, 12 };
        MannWhitney.Result r = MannWhitney.test(males, females);
        assertEquals(17.0, r.u());
        assertEquals("exact", r.method());
        assertEquals(0.1111111111111111, r.pValue(), 1e-15);
    }

    @Test
    void reproducesTheScipyDocumentationAsymptoticValue() {
        double[] males = { 19, 22, 16, 29, 24 };
        double[] females = { 20, 11, 17, 12 };
        // the same data through the normal approximation (forced by adding a tie-free copy is not possible, so the
        // formula is applied directly with the test's own sigma): z = (17 - 10 - 0.5) / sqrt(5*4/12*10)
        double z = (17 - 10 - 0.5) / Math.sqrt(5 * 4 / 12.0 * 10);
        assertEquals(0.11134688653314041, 2 * Normal.sf(z), 1e-14);
    }

    @Test
    void normalTailMatchesPrintedTables() {
        assertEquals(0.5, Normal.sf(0), 1e-16);
        assertEquals(0.15865525393145707, Normal.sf(1), 1e-15);
        assertEquals(0.024997895148220435, Normal.sf(1.96), 1e-15);
        assertEquals(0.0013498980316300933, Normal.sf(3), 1e-15);
        assertEquals(2.866515718791939e-7, Normal.sf(5), 1e-15 * 1e-3);
        assertEquals(0.9750021048517795, Normal.cdf(1.96), 1e-15);
        assertEquals(2.3263478740408408, Normal.quantile(0.99), 1e-9);
    }

    @Test
    void exactPValueEqualsBruteForceEnumerationOfEveryRankSplit() {
        Random random = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            int n1 = 1 + random.nextInt(8), n2 = 1 + random.nextInt(9);
            double[] x = new double[n1], y = new double[n2];
            // distinct values: a random permutation of 1..n
            int[] perm = shuffled(n1 + n2, random);
            for (int i = 0; i < n1; i++) {
                x[i] = perm[i] + random.nextDouble() * 0.5;
            }
            for (int j = 0; j < n2; j++) {
                y[j] = perm[n1 + j] + random.nextDouble() * 0.5;
            }
            MannWhitney.Result r = MannWhitney.test(x, y);
            assertEquals("exact", r.method());
            assertEquals(bruteForceU(x, y), r.u(), 0);
            assertEquals(bruteForceTwoSidedP(x, y), r.pValue(), 1e-12, "n1=" + n1 + " n2=" + n2);
        }
    }

    @Test
    void tieCorrectedVarianceEqualsThePermutationVarianceOfMidRanks() {
        // Under the null every split of the pooled values is equally likely; the variance of U over all splits is
        // what the tie correction approximates exactly. Enumerate it and compare with the sigma the test uses.
        double[] x = { 1, 2, 2, 3, 3, 3, 5, 8, 8 };
        double[] y = { 2, 3, 4, 4, 5, 5, 5, 9, 9, 9 };
        MannWhitney.Result r = MannWhitney.test(x, y);
        assertEquals("asymptotic", r.method());
        assertTrue(r.ties());
        double[] pooled = concat(x, y);
        MannWhitney.Ranks ranks = MannWhitney.Ranks.of(pooled);
        double[] moments = permutationMomentsOfU(ranks.rank, x.length);
        int n1 = x.length, n2 = y.length;
        assertEquals(n1 * n2 / 2.0, moments[0], 1e-9);
        double sigma = (Math.max(r.u(), r.u2()) - n1 * n2 / 2.0 - 0.5) / r.z();
        assertEquals(Math.sqrt(moments[1]), sigma, 1e-9);
        assertEquals(Math.min(1, 2 * Normal.sf((Math.max(r.u(), r.u2()) - moments[0] - 0.5) / Math.sqrt(moments[1]))),
                r.pValue(), 1e-12);
    }

    @Test
    void tiesOrLargerSamplesUseTheNormalApproximationAsScipyAutoDoes() {
        assertEquals("asymptotic", MannWhitney.test(new double[] { 1, 2, 2 }, new double[] { 3, 4 }).method());
        double[] nine = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        double[] nine2 = { 11, 12, 13, 14, 15, 16, 17, 18, 19 };
        assertEquals("asymptotic", MannWhitney.test(nine, nine2).method());
        assertEquals("exact", MannWhitney.test(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, nine2).method());
    }

    @Test
    void completelySeparatedSamplesOfNineGiveTheAsymptoticTail() {
        double[] a = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        double[] b = { 11, 12, 13, 14, 15, 16, 17, 18, 19 };
        MannWhitney.Result r = MannWhitney.test(a, b);
        assertEquals(0.0, r.u());
        double z = (81 - 40.5 - 0.5) / Math.sqrt(81 / 12.0 * 19);
        assertEquals(2 * Normal.sf(z), r.pValue(), 1e-15);
        assertTrue(r.pValue() < 0.001);
    }

    @Test
    void identicalSamplesGivePOne() {
        MannWhitney.Result r = MannWhitney.test(new double[] { 4, 4, 4 }, new double[] { 4, 4 });
        assertEquals(1.0, r.pValue());
        assertFalse(Double.isNaN(r.u()));
    }

    @Test
    void hodgesLehmannShiftIsTheMedianPairwiseDifference() {
        MannWhitney.Shift s = MannWhitney.shift(new double[] { 10, 11, 12 }, new double[] { 1, 2 }, 0.98);
        // differences: 9, 8, 10, 9, 11, 10 -> median of 8,9,9,10,10,11 = 9.5
        assertEquals(9.5, s.estimate());
        assertTrue(s.lower() <= s.estimate() && s.estimate() <= s.upper());
    }

    @Test
    void rejectsEmptyAndNonFiniteSamples() {
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[] { 1 }));
        assertThrows(IllegalArgumentException.class,
                () -> MannWhitney.test(new double[] { Double.NaN }, new double[] { 1 }));
    }

    // --- independent brute force ---------------------------------------------------------------------

    static double bruteForceU(double[] x, double[] y) {
        double u = 0;
        for (double a : x) {
            for (double b : y) {
                u += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        return u;
    }

    /** 2 * P(U >= max(U1, U2)) over all C(n, n1) placements of ranks 1..n, capped at 1. */
    static double bruteForceTwoSidedP(double[] x, double[] y) {
        int n1 = x.length, n = n1 + y.length;
        double u1 = bruteForceU(x, y);
        double big = Math.max(u1, n1 * (double) y.length - u1);
        long[] counts = new long[2];
        enumerate(n, n1, 0, 0, 0, (mask) -> {
            double r = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1L << i)) != 0) {
                    r += i + 1;
                }
            }
            double u = r - n1 * (n1 + 1) / 2.0;
            counts[0]++;
            if (u >= big - 1e-9) {
                counts[1]++;
            }
        });
        return Math.min(1.0, 2.0 * counts[1] / counts[0]);
    }

    /** Mean and variance of U over every split of the given mid-ranks into n1 and the rest. */
    static double[] permutationMomentsOfU(double[] ranks, int n1) {
        int n = ranks.length;
        double[] acc = new double[3];
        enumerate(n, n1, 0, 0, 0, mask -> {
            double r = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1L << i)) != 0) {
                    r += ranks[i];
                }
            }
            double u = r - n1 * (n1 + 1) / 2.0;
            acc[0]++;
            acc[1] += u;
            acc[2] += u * u;
        });
        double mean = acc[1] / acc[0];
        return new double[] { mean, acc[2] / acc[0] - mean * mean };
    }

    interface MaskVisitor {
        void visit(long mask);
    }

    static void enumerate(int n, int k, int from, int chosen, long mask, MaskVisitor v) {
        if (chosen == k) {
            v.visit(mask);
            return;
        }
        for (int i = from; i <= n - (k - chosen); i++) {
            enumerate(n, k, i + 1, chosen + 1, mask | (1L << i), v);
        }
    }

    static int[] shuffled(int n, Random random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
