package io.autopilot.budget.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.autopilot.budget.ExportScanner;
import io.autopilot.budget.Forecaster;

/**
 * Month-end forecast error at day 7, 14 and 21: on the daily EffectiveCost and BilledCost series of the real FOCUS
 * 1.0 sample (September 2024, with the error of a hindsight oracle as the floor of any steady-rate forecast) and on
 * synthetic months with weekly seasonality (weekday 100, weekend 40, 5% / 15% noise, and one
 * with a 1%/day trend), averaged over seeds. Run by src/bench/check-budget-bench.sh.
 */
public final class ForecastAccuracy {

    private ForecastAccuracy() {
    }

    public static void main(String[] args) {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        Path sample = shared.resolve("datasets/focus/focus-sample-data/FOCUS-1.0/focus_sample.csv");
        LocalDate sept = LocalDate.of(2024, 9, 1);
        for (String metric : List.of("EffectiveCost", "BilledCost")) {
            double[] daily = sampleSeries(sample, metric);
            String name = "FOCUS 1.0 sample, Sept 2024 (1,000-row cut, USD " + metric + ")";
            report(name, List.of(daily), sept);
            hindsightFloor(name, daily);
        }
        report("synthetic weekly month, 5% noise, 50 seeds", months(LocalDate.of(2026, 5, 1), 0.05, 0, 50),
                LocalDate.of(2026, 5, 1));
        report("synthetic weekly month, 15% noise, 50 seeds", months(LocalDate.of(2026, 5, 1), 0.15, 0, 50),
                LocalDate.of(2026, 5, 1));
        report("synthetic weekly month, 5% noise, +1%/day trend, 50 seeds", months(LocalDate.of(2026, 5, 1), 0.05,
                0.01, 50), LocalDate.of(2026, 5, 1));
    }

    static double[] sampleSeries(Path sample, String metric) {
        return new ExportScanner("256MB", 1).query(sample,
                "SELECT CAST(ChargePeriodStart AS DATE) AS d, sum(" + metric + ") AS v FROM n WHERE "
                        + "BillingCurrency = 'USD' AND ChargePeriodStart >= DATE '2024-09-01' AND ChargePeriodStart < "
                        + "DATE '2024-10-01' AND coalesce(ChargeClass, '') <> 'Correction' GROUP BY 1 ORDER BY 1",
                rs -> {
                    double[] v = new double[30];
                    while (rs.next()) {
                        v[rs.getDate(1).toLocalDate().getDayOfMonth() - 1] = rs.getDouble(2);
                    }
                    return v;
                });
    }

    /**
     * What no forecaster that assumes a steady daily rate can beat on this series: the error of one that knows, in
     * hindsight, the month's true mean daily spend and adds it for every day left. When the first days run below the
     * month's average (a random 1,000-row cut of a month does), even this oracle misses.
     */
    static void hindsightFloor(String name, double[] m) {
        double actual = Arrays.stream(m).sum();
        double rate = actual / m.length;
        StringBuilder sb = new StringBuilder(name).append(", hindsight floor (true mean daily rate):");
        for (int day : new int[] { 7, 14, 21 }) {
            double known = Arrays.stream(Arrays.copyOf(m, day)).sum();
            double err = Math.abs(known + rate * (m.length - day) - actual) / Math.abs(actual);
            sb.append(String.format("  day %d: error %.1f%%;", day, 100 * err));
        }
        System.out.println(sb);
    }

    static List<double[]> months(LocalDate first, double noise, double trend, int seeds) {
        return java.util.stream.LongStream.rangeClosed(1, seeds).mapToObj(seed -> {
            Random rnd = new Random(seed);
            double[] v = new double[first.lengthOfMonth()];
            for (int i = 0; i < v.length; i++) {
                int dow = first.plusDays(i).getDayOfWeek().getValue();
                v[i] = (dow >= 6 ? 40 : 100) * (1 + trend * i) * (1 + rnd.nextGaussian() * noise);
            }
            return v;
        }).toList();
    }

    static void report(String name, List<double[]> series, LocalDate first) {
        StringBuilder sb = new StringBuilder(name).append(":");
        for (int day : new int[] { 7, 14, 21 }) {
            double sum = 0;
            double max = 0;
            java.util.Map<String, Integer> methods = new java.util.TreeMap<>();
            int covered = 0;
            for (double[] m : series) {
                double[] known = Arrays.copyOf(m, day);
                Forecaster.Prediction p = Forecaster.predict(known, first, m.length);
                double actual = Arrays.stream(m).sum();
                double expected = Arrays.stream(known).sum() + p.remaining();
                double err = Math.abs(expected - actual) / Math.abs(actual);
                sum += err;
                max = Math.max(max, err);
                methods.merge(p.method(), 1, Integer::sum);
                if (actual >= Arrays.stream(known).sum() + p.lower() && actual <= Arrays.stream(known).sum()
                        + p.upper()) {
                    covered++;
                }
            }
            sb.append(String.format("  day %d (%s): mean error %.1f%%, max %.1f%%, 80%% interval covers %d/%d;", day,
                    methods, 100 * sum / series.size(), 100 * max, covered, series.size()));
        }
        System.out.println(sb);
    }
}
