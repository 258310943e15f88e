package io.autopilot.budget;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Month-end (period-end) spend forecast from the daily series of the period so far. Below 3 complete days there is
 * no forecast (one or two days say nothing about a month); from 3 days a linear run-rate (OCI's published rule); from
 * 14 days, when every weekday has been seen twice, a level plus additive day-of-week model, because weekday/weekend
 * swings are the largest regular pattern in cloud spend. Both report an 80% prediction interval from the residual
 * spread: it widens with the days left and with the uncertainty of the level itself.
 *
 * <p>Works in doubles: a forecast is an estimate with an interval, not money to reconcile; the exact sums it starts
 * from stay BigDecimal in the evaluation.
 */
public final class Forecaster {

    /** Below this many complete days there is no forecast. */
    public static final int MIN_DAYS = 3;
    /** From this many complete days the day-of-week model is used. */
    public static final int SEASONAL_DAYS = 14;
    /** z for a two-sided 80% interval. */
    static final double Z80 = 1.2816;

    /**
     * @param method     "run-rate" or "day-of-week"
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
        int left = Math.max(0, totalDays - n);
        if (n < MIN_DAYS) {
            return null;
        }
        if (left == 0) {
            return new Prediction(n >= SEASONAL_DAYS ? "day-of-week" : "run-rate", 0, 0, 0, n);
        }
        double mean = mean(daily, 0, n);
        if (n < SEASONAL_DAYS) {
            double sd = sd(daily, mean);
            double point = mean * left;
            double half = Z80 * Math.sqrt(left * sd * sd + (double) left * left * sd * sd / n);
            return new Prediction("run-rate", point, point - half, point + half, n);
        }
        // additive weekday effects over every complete day so far
        double[] sum = new double[7];
        int[] count = new int[7];
        for (int i = 0; i < n; i++) {
            int w = dow(firstDay, i);
            sum[w] += daily[i];
            count[w]++;
        }
        double[] effect = new double[7];
        for (int w = 0; w < 7; w++) {
            effect[w] = count[w] == 0 ? 0 : sum[w] / count[w] - mean;
        }
        // the level of the last week, deseasonalised: recent enough to follow a trend, a whole week so no weekday
        // weighs twice
        double level = 0;
        for (int i = n - 7; i < n; i++) {
            level += daily[i] - effect[dow(firstDay, i)];
        }
        level /= 7;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double r = daily[i] - (mean + effect[dow(firstDay, i)]);
            ss += r * r;
        }
        double sd = Math.sqrt(ss / Math.max(1, n - 7));
        double point = 0;
        for (int i = n; i < totalDays; i++) {
            point += level + effect[dow(firstDay, i)];
        }
        double half = Z80 * Math.sqrt(left * sd * sd + (double) left * left * sd * sd / 7);
        return new Prediction("day-of-week", point, point - half, point + half, n);
    }

    private static int dow(LocalDate first, int offset) {
        DayOfWeek d = first.plusDays(offset).getDayOfWeek();
        return d.getValue() - 1;
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
