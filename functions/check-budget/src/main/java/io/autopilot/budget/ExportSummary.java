package io.autopilot.budget;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-currency totals of one or more exports, and the same split by service and by sub-account: what
 * {@code ./autopilot check-budget} prints and what tests compare with an independent sum. Never adds two currencies.
 */
public record ExportSummary(Map<String, Totals> byCurrency, Map<String, Map<String, Totals>> byService,
        Map<String, Map<String, Totals>> bySubAccount) {

    /** Currency key for rows without a BillingCurrency (ISO 4217 "XXX": no currency). */
    public static final String NO_CURRENCY = "XXX";

    /** Key for rows without a service or sub-account. */
    public static final String NONE = "(none)";

    public record Totals(long rows, BigDecimal billed, BigDecimal effective, BigDecimal list) {

        static final Totals ZERO = new Totals(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        Totals plus(SpendCube.Cell c) {
            return new Totals(rows + c.rows(), billed.add(c.billed()), effective.add(c.effective()),
                    list.add(c.list()));
        }
    }

    public static ExportSummary of(Iterable<SpendCube> cubes) {
        Map<String, Totals> totals = new TreeMap<>();
        Map<String, Map<String, Totals>> services = new TreeMap<>();
        Map<String, Map<String, Totals>> subs = new TreeMap<>();
        for (SpendCube cube : cubes) {
            for (SpendCube.Cell c : cube.cells()) {
                switch (c.dimension()) {
                    case NONE -> totals.merge(c.currency(), Totals.ZERO.plus(c), ExportSummary::add);
                    case SERVICE -> services.computeIfAbsent(c.currency(), k -> new TreeMap<>())
                            .merge(key(c.value()), Totals.ZERO.plus(c), ExportSummary::add);
                    case SUB_ACCOUNT -> subs.computeIfAbsent(c.currency(), k -> new TreeMap<>())
                            .merge(key(c.value()), Totals.ZERO.plus(c), ExportSummary::add);
                    default -> {
                    }
                }
            }
        }
        return new ExportSummary(totals, services, subs);
    }

    private static String key(String v) {
        return v == null ? NONE : v;
    }

    private static Totals add(Totals a, Totals b) {
        return new Totals(a.rows + b.rows, a.billed.add(b.billed), a.effective.add(b.effective), a.list.add(b.list));
    }

    /** Plain decimal text without trailing zeros ("12.5", "0"): the totals line's number format. */
    public static String decimal(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.signum() == 0 ? BigDecimal.ZERO : s).toPlainString();
    }
}
