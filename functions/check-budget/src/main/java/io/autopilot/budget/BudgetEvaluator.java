package io.autopilot.budget;

import io.autopilot.events.BudgetEvaluation;
import io.autopilot.events.CostAnomaly;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one budget over the latest picture of every export (a full recompute each time: exports are restated,
 * so nothing is ever added up incrementally). Pure: same cubes and budget, same result.
 */
public final class BudgetEvaluator {

    private static final int TOP = 5;

    private BudgetEvaluator() {
    }

    public static BudgetEvaluation evaluate(Budget b, List<SpendCube> cubes, LocalDateTime asOf) {
        BudgetPeriod period = BudgetPeriod.of(b, asOf);
        // complete days: those that ended by asOf; the day asOf falls in (if not at midnight) is partial
        LocalDate firstIncomplete = asOf.toLocalDate();
        int complete = (int) Math.max(0, Math.min(period.days(), ChronoUnit.DAYS.between(period.start(),
                firstIncomplete)));
        double[] daily = new double[complete];
        BigDecimal actual = BigDecimal.ZERO;
        BigDecimal series = BigDecimal.ZERO;
        long rows = 0;
        Map<String, BigDecimal> services = new HashMap<>();
        Map<String, BigDecimal> subs = new HashMap<>();
        for (SpendCube cube : cubes) {
            for (SpendCube.Cell c : cube.cells()) {
                if (!c.currency().equals(b.currency()) || !inPeriod(b, period, c)) {
                    continue;
                }
                BigDecimal v = c.budgets().getOrDefault(b.name(), BigDecimal.ZERO);
                switch (c.dimension()) {
                    case NONE -> {
                        actual = actual.add(v);
                        rows += c.rows();
                        // corrections belong to the past: counted in actual (when included) but never in the trend
                        if (!c.correction() && period.contains(c.day())) {
                            int i = (int) ChronoUnit.DAYS.between(period.start(), c.day());
                            if (i < complete) {
                                daily[i] += v.doubleValue();
                                series = series.add(v);
                            }
                        }
                    }
                    case SERVICE -> services.merge(label(c.value()), v, BigDecimal::add);
                    case SUB_ACCOUNT -> subs.merge(label(c.value()), v, BigDecimal::add);
                    default -> {
                    }
                }
            }
        }
        Forecaster.Prediction p = Forecaster.predict(daily, period.start(), period.days());
        BudgetEvaluation.Forecast forecast = null;
        String note = null;
        BigDecimal expected = null;
        if (p == null) {
            note = "no forecast before " + Forecaster.MIN_DAYS + " complete days of data (have " + complete + ")";
        } else {
            // what is known and outside the trend (corrections, the partial day, late rows) is kept as is; the
            // partial day is then predicted in full, so it is not counted twice
            BigDecimal partialAndOther = actual.subtract(series);
            BigDecimal partialDay = partialDay(b, cubes, period, complete);
            BigDecimal base = series.add(partialAndOther.subtract(partialDay));
            expected = base.add(est(p.remaining()));
            forecast = new BudgetEvaluation.Forecast(p.method(), money(expected),
                    money(base.add(est(p.lower()))), money(base.add(est(p.upper()))),
                    "0.8", p.daysOfData());
        }
        List<BudgetEvaluation.Crossed> crossed = new ArrayList<>();
        for (Budget.Threshold t : b.thresholds()) {
            BigDecimal level = t.level(b.amount());
            BigDecimal value = t.kind() == Budget.Threshold.Kind.ACTUAL ? actual : expected;
            if (value != null && value.compareTo(level) >= 0) {
                crossed.add(new BudgetEvaluation.Crossed(t.key(), t.kind().name().toLowerCase(java.util.Locale.ROOT),
                        money(level), money(value)));
            }
        }
        BigDecimal pct = actual.multiply(BigDecimal.valueOf(100)).divide(b.amount(), 2, RoundingMode.HALF_UP);
        return new BudgetEvaluation(b.name(), b.currency(), b.metric().column, b.basis().name().toLowerCase(
                java.util.Locale.ROOT), period.start().toString(), period.end().toString(), money(b.amount()),
                money(actual), ExportSummary.decimal(pct), forecast, note, List.copyOf(crossed), null,
                asOf.toString() + "Z", new BudgetEvaluation.Contributors(top(services), top(subs)), rows);
    }

    /** Non-correction spend on days from {@code complete} on (the partial day): replaced by its prediction. */
    private static BigDecimal partialDay(Budget b, List<SpendCube> cubes, BudgetPeriod period, int complete) {
        BigDecimal sum = BigDecimal.ZERO;
        for (SpendCube cube : cubes) {
            for (SpendCube.Cell c : cube.cells()) {
                if (c.dimension() == SpendCube.Dimension.NONE && !c.correction() && c.currency().equals(b.currency())
                        && inPeriod(b, period, c) && period.contains(c.day())
                        && ChronoUnit.DAYS.between(period.start(), c.day()) >= complete) {
                    sum = sum.add(c.budgets().getOrDefault(b.name(), BigDecimal.ZERO));
                }
            }
        }
        return sum;
    }

    static boolean inPeriod(Budget b, BudgetPeriod period, SpendCube.Cell c) {
        return b.basis() == Budget.Basis.BILLING ? period.contains(c.billingStart()) : period.contains(c.day());
    }

    private static List<BudgetEvaluation.Contributor> top(Map<String, BigDecimal> m) {
        return m.entrySet().stream().filter(e -> e.getValue().signum() != 0)
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(e -> new BudgetEvaluation.Contributor(e.getKey(), money(e.getValue()))).toList();
    }

    private static String label(String v) {
        return v == null ? ExportSummary.NONE : v;
    }

    /** An estimate to 6 decimals: more would be false precision. */
    static BigDecimal est(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP);
    }

    /** Money text: exact sums as they are (trailing zeros dropped); estimates to 6 significant decimals. */
    static String money(BigDecimal v) {
        return ExportSummary.decimal(v.scale() > 18 ? v.round(new MathContext(24)) : v);
    }
}
