package io.autopilot.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a budget evaluation needs from one export, aggregated by the scan: daily sums per currency (the base
 * cells) and per dimension value (service, sub-account, region, SKU), with one extra sum per budget. Its size grows
 * with days x dimension values, never with rows.
 *
 * @param format       the detected layout
 * @param focusVersion the FOCUS version for FOCUS files, else null
 * @param cells        the aggregates
 */
public record SpendCube(String source, ExportFormat format, String focusVersion, List<Cell> cells) {

    /** Which grouping a cell belongs to. */
    public enum Dimension {
        NONE, SERVICE, SUB_ACCOUNT, REGION, SKU,
        /** A tag some budget scopes on; the cell's value is {@code key=value}. */
        TAG;

        /** The payload/subject spelling, e.g. {@code ServiceName}. */
        public String focusColumn() {
            return switch (this) {
                case NONE -> "";
                case SERVICE -> "ServiceName";
                case SUB_ACCOUNT -> "SubAccountId";
                case REGION -> "RegionId";
                case SKU -> "SkuId";
                case TAG -> "Tags";
            };
        }
    }

    /**
     * One aggregate. {@code day} is the UTC day of ChargePeriodStart, {@code billingStart} the day of
     * BillingPeriodStart; either may be null for rows without it. {@code billingAccount} is the BillingAccountId (null
     * when the export has none). {@code budgets} maps budget name to its sum.
     */
    public record Cell(Dimension dimension, String value, String currency, String billingAccount, LocalDate day,
            LocalDate billingStart, boolean correction, long rows, BigDecimal billed, BigDecimal effective,
            BigDecimal list, LocalDateTime latestChargeEnd, Map<String, BigDecimal> budgets) {

        Coverage coverage() {
            return new Coverage(billingAccount, billingStart);
        }
    }

    /** What a cumulative export restates: one billing account's one billing period. */
    public record Coverage(String billingAccount, LocalDate billingStart) {
    }

    /** The billing account x billing period pairs this export has rows for. */
    public Set<Coverage> coverage() {
        Set<Coverage> out = new LinkedHashSet<>();
        for (Cell c : cells) {
            // without an account there is nothing to say what a restatement restates: such rows only add up
            if (c.dimension() == Dimension.NONE && c.billingStart() != null && c.billingAccount() != null) {
                out.add(c.coverage());
            }
        }
        return out;
    }

    /** The same export without the cells of the given pairs (superseded by a newer export of them). */
    public SpendCube without(Set<Coverage> superseded) {
        return new SpendCube(source, format, focusVersion,
                cells.stream().filter(c -> !superseded.contains(c.coverage())).toList());
    }

    /**
     * The latest ChargePeriodEnd of a usage-like row (at most a day long) seen: how fresh the data is. Files with
     * only long rows (purchases, monthly fees) fall back to the day after their latest charge start day.
     */
    public LocalDateTime latestChargeEnd() {
        return cells.stream().filter(c -> c.dimension() == Dimension.NONE).map(Cell::latestChargeEnd)
                .filter(java.util.Objects::nonNull).max(LocalDateTime::compareTo)
                .orElseGet(() -> cells.stream().filter(c -> c.dimension() == Dimension.NONE && !c.correction())
                        .map(Cell::day).filter(java.util.Objects::nonNull).max(java.time.LocalDate::compareTo)
                        .map(d -> d.plusDays(1).atStartOfDay()).orElse(null));
    }
}
