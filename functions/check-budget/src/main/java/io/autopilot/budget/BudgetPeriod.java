package io.autopilot.budget;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The period [start, end) a budget evaluates at a given moment; UTC dates, end exclusive like FOCUS periods. */
public record BudgetPeriod(LocalDate start, LocalDate end) {

    public static BudgetPeriod of(Budget b, LocalDateTime asOf) {
        // asOf is an exclusive end (the latest ChargePeriodEnd): the last instant with data is just before it
        LocalDate day = asOf.minusNanos(1).toLocalDate();
        return switch (b.period()) {
            case MONTH -> new BudgetPeriod(day.withDayOfMonth(1), day.withDayOfMonth(1).plusMonths(1));
            case WEEK -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new BudgetPeriod(monday, monday.plusWeeks(1));
            }
            case QUARTER -> {
                LocalDate q = day.withDayOfMonth(1).withMonth(((day.getMonthValue() - 1) / 3) * 3 + 1);
                yield new BudgetPeriod(q, q.plusMonths(3));
            }
            case CUSTOM -> new BudgetPeriod(b.customStart(), b.customEnd());
        };
    }

    public boolean contains(LocalDate d) {
        return d != null && !d.isBefore(start) && d.isBefore(end);
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(start, end);
    }
}
