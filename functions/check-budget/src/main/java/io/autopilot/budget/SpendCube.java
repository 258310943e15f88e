package io.autopilot.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

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
        NONE, SERVICE, SUB_ACCOUNT, REGION, SKU;

        /** The payload/subject spelling, e.g. {@code ServiceName}. */
        public String focusColumn() {
            return switch (this) {
                case NONE -> "";
                case SERVICE -> "ServiceName";
                case SUB_ACCOUNT -> "SubAccountId";
                case REGION -> "RegionId";
                case SKU -> "SkuId";
            };
        }
    }

    /**
     * One aggregate. {@code day} is the UTC day of ChargePeriodStart, {@code billingStart} the day of
     * BillingPeriodStart; either may be null for rows without it. {@code budgets} maps budget name to its sum.
     */
    public record Cell(Dimension dimension, String value, String currency, LocalDate day, LocalDate billingStart,
            boolean correction, long rows, BigDecimal billed, BigDecimal effective, BigDecimal list,
            LocalDateTime latestChargeEnd, Map<String, BigDecimal> budgets) {
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
