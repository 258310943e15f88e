package io.autopilot.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#BUDGET_EVALUATED} (and, with {@code breached} set, of
 * {@code io.autopilot.budget.exceeded}). Money is decimal text in the budget's currency, so no consumer rounds it
 * through a double.
 *
 * @param freshness     the latest ChargePeriodEnd seen in the data (ISO-8601 UTC): how current {@code actual} is
 * @param forecast      null below three complete days of data (then {@code forecastNote} says why)
 * @param crossed       every threshold at or above its level now
 * @param breached      for budget.exceeded: the one threshold this event is about
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BudgetEvaluation(String budget, String currency, String metric, String basis, String periodStart,
        String periodEnd, String amount, String actual, String percentUsed, Forecast forecast, String forecastNote,
        List<Crossed> crossed, Crossed breached, String freshness, Contributors topContributors, long rows) {

    /** Expected period-end spend with its 80% prediction interval. */
    public record Forecast(String method, String expected, String lower, String upper, String confidence,
            int daysOfData) {
    }

    /** A threshold at or above its level: which, at what level, and the value that crossed it. */
    public record Crossed(String threshold, String kind, String level, String value) {
    }

    /** Who drives the spend: the largest services and sub-accounts within the budget's scope this period. */
    public record Contributors(List<Contributor> services, List<Contributor> subAccounts) {
    }

    public record Contributor(String value, String amount) {
    }

    public BudgetEvaluation withBreached(Crossed c) {
        return new BudgetEvaluation(budget, currency, metric, basis, periodStart, periodEnd, amount, actual,
                percentUsed, forecast, forecastNote, crossed, c, freshness, topContributors, rows);
    }
}
