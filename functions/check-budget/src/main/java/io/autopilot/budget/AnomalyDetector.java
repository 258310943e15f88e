package io.autopilot.budget;

import io.autopilot.events.BudgetEvaluation;
import io.autopilot.events.CostAnomaly;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Daily cost anomalies per dimension value (service, sub-account, region, SKU, and the tags budgets scope on, as
 * {@code key=value}): the last complete day against the mean of the days before it. Uses EffectiveCost without
 * corrections, so a restatement of last month never reads as today's spike and amortised commitments do not jump on
 * purchase day. Only increases are reported (drops are not
 * what anyone pays for), and only when they pass an absolute and a relative bar and stand out from the day-to-day
 * noise (more than 3 standard deviations).
 */
public final class AnomalyDetector {

    /** Days of history before the checked day needed to judge it. */
    public static final int MIN_BASELINE = 7;
    static final int MAX_BASELINE = 28;

    private final BigDecimal minAbsolute;
    private final BigDecimal minPercent;

    public AnomalyDetector(BigDecimal minAbsolute, BigDecimal minPercent) {
        this.minAbsolute = minAbsolute;
        this.minPercent = minPercent;
    }

    private record Key(SpendCube.Dimension dimension, String value, String currency) {
    }

    /** @param day the last complete day */
    public List<CostAnomaly> detect(List<SpendCube> cubes, LocalDate day) {
        Map<Key, TreeMap<LocalDate, BigDecimal>> series = new java.util.HashMap<>();
        for (SpendCube cube : cubes) {
            for (SpendCube.Cell c : cube.cells()) {
                if (c.dimension() == SpendCube.Dimension.NONE || c.correction() || c.day() == null
                        || c.day().isAfter(day) || c.value() == null) {
                    continue;
                }
                series.computeIfAbsent(new Key(c.dimension(), c.value(), c.currency()), k -> new TreeMap<>())
                        .merge(c.day(), c.effective(), BigDecimal::add);
            }
        }
        List<CostAnomaly> found = new ArrayList<>();
        Map<Key, BigDecimal> impacts = new java.util.HashMap<>();
        Map<Key, Stats> stats = new java.util.HashMap<>();
        series.forEach((key, s) -> {
            Stats st = stats(s, day);
            if (st != null) {
                stats.put(key, st);
                impacts.put(key, st.actual.subtract(st.expected));
            }
        });
        stats.forEach((key, st) -> {
            BigDecimal impact = st.actual.subtract(st.expected);
            if (impact.compareTo(minAbsolute) < 0) {
                return;
            }
            BigDecimal pct = st.expected.signum() > 0
                    ? impact.multiply(BigDecimal.valueOf(100)).divide(st.expected, 2, RoundingMode.HALF_UP) : null;
            if (pct != null && pct.compareTo(minPercent) < 0) {
                return;
            }
            if (impact.doubleValue() <= 3 * st.sd) {
                return;
            }
            List<CostAnomaly.RootCause> causes = impacts.entrySet().stream()
                    .filter(e -> e.getKey().dimension() != key.dimension() && e.getKey().currency().equals(key.currency())
                            && e.getValue().signum() > 0)
                    .sorted(Map.Entry.<Key, BigDecimal>comparingByValue(Comparator.reverseOrder()))
                    .limit(3).map(e -> new CostAnomaly.RootCause(e.getKey().dimension().focusColumn(),
                            e.getKey().value(), ExportSummary.decimal(e.getValue().setScale(6, RoundingMode.HALF_UP))))
                    .toList();
            found.add(new CostAnomaly(key.dimension().focusColumn(), key.value(), key.currency(), "EffectiveCost",
                    day.toString(), ExportSummary.decimal(st.expected.setScale(6, RoundingMode.HALF_UP)),
                    ExportSummary.decimal(st.actual), ExportSummary.decimal(impact.setScale(6, RoundingMode.HALF_UP)),
                    pct == null ? null : ExportSummary.decimal(pct), st.days, causes));
        });
        found.sort(Comparator.comparing(CostAnomaly::dimension).thenComparing(CostAnomaly::value));
        return found;
    }

    private record Stats(BigDecimal expected, BigDecimal actual, double sd, int days) {
    }

    /** Baseline: the days from the value's first appearance (at most 28) before {@code day}; missing days are 0. */
    private static Stats stats(TreeMap<LocalDate, BigDecimal> s, LocalDate day) {
        LocalDate first = s.firstKey();
        LocalDate from = first.isBefore(day.minusDays(MAX_BASELINE)) ? day.minusDays(MAX_BASELINE) : first;
        int days = (int) ChronoUnit.DAYS.between(from, day);
        if (days < MIN_BASELINE) {
            return null;
        }
        double[] v = new double[days];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < days; i++) {
            BigDecimal x = s.getOrDefault(from.plusDays(i), BigDecimal.ZERO);
            v[i] = x.doubleValue();
            sum = sum.add(x);
        }
        BigDecimal expected = sum.divide(BigDecimal.valueOf(days), 18, RoundingMode.HALF_UP);
        double sd = Forecaster.sd(v, expected.doubleValue());
        return new Stats(expected, s.getOrDefault(day, BigDecimal.ZERO), sd, days);
    }
}
