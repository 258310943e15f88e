package io.autopilot.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One budget, as read from the budgets file. Amount and currency go together: a budget only ever sums rows billed in
 * its own currency (no silent FX).
 *
 * @param metric which FOCUS cost column to sum: BilledCost (invoice/cash view), EffectiveCost (amortised, the default)
 *               or ListCost; never two of them, so purchases and their amortised usage cannot both count
 * @param basis  CHARGE: rows whose usage happened in the period; BILLING: rows invoiced in the period
 */
public record Budget(String name, Scope scope, Period period, LocalDate customStart, LocalDate customEnd,
        BigDecimal amount, String currency, Metric metric, Basis basis, List<Threshold> thresholds, Include include,
        OnBreach onBreach) {

    public enum Period { MONTH, WEEK, QUARTER, CUSTOM }

    public enum Metric {
        BILLED_COST("BilledCost"), EFFECTIVE_COST("EffectiveCost"), LIST_COST("ListCost");

        public final String column;

        Metric(String column) {
            this.column = column;
        }
    }

    public enum Basis { CHARGE, BILLING }

    /**
     * What the budget covers; every non-empty part must match (and within a part, any listed value). Kubernetes
     * namespace and labels are read from the row's tags, where cost allocation puts them.
     */
    public record Scope(List<String> billingAccounts, List<String> subAccounts, List<String> services,
            List<String> regions, Map<String, String> tags, List<String> namespaces, Map<String, String> labels) {

        public static final Scope ALL = new Scope(List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(),
                Map.of());
    }

    /** Which charge kinds count; all do unless switched off. */
    public record Include(boolean credits, boolean tax, boolean purchases, boolean corrections) {

        public static final Include ALL = new Include(true, true, true, true);
    }

    /** A level that fires once per period: on actual or forecast spend, as a percent of the amount or absolute. */
    public record Threshold(Kind kind, BigDecimal percent, BigDecimal absolute) {

        public enum Kind { ACTUAL, FORECAST }

        /** The spend at which it fires. */
        public BigDecimal level(BigDecimal amount) {
            return absolute != null ? absolute : amount.multiply(percent).movePointLeft(2);
        }

        /** A stable name for ids and payloads, e.g. {@code actual-80%} or {@code forecast-5000}. */
        public String key() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + "-"
                    + (absolute != null ? absolute.stripTrailingZeros().toPlainString()
                            : percent.stripTrailingZeros().toPlainString() + "%");
        }
    }

    /**
     * The policy on breach: {@code budget.exceeded} always; with {@code approval} also an
     * {@code approval.requested} for {@code action} (what the approver signs off, e.g. "continue-spend").
     */
    public record OnBreach(boolean approval, String action) {

        public static final OnBreach NOTIFY = new OnBreach(false, null);
    }
}
