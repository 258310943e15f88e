package io.autopilot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ForecasterTest {

    /** A 31-day month with weekday 100, weekend 40, 5% noise. */
    static double[] weeklySeasonalMonth(LocalDate first, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[first.lengthOfMonth()];
        for (int i = 0; i < v.length; i++) {
            DayOfWeek d = first.plusDays(i).getDayOfWeek();
            double base = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? 40 : 100;
            v[i] = base * (1 + rnd.nextGaussian() * 0.05);
        }
        return v;
    }

    static double errorAtDay(double[] month, LocalDate first, int day) {
        double[] known = Arrays.copyOf(month, day);
        Forecaster.Prediction p = Forecaster.predict(known, first, month.length);
        double actual = Arrays.stream(month).sum();
        double expected = Arrays.stream(known).sum() + p.remaining();
        return Math.abs(expected - actual) / actual;
    }

    @Test
    void noForecastBelowThreeDays() {
        assertNull(Forecaster.predict(new double[] { 1, 2 }, LocalDate.of(2026, 5, 1), 31));
    }

    @Test
    void runRateBeforeTwoWeeksThenTheDayOfWeekModel() {
        LocalDate first = LocalDate.of(2026, 5, 1);
        double[] m = weeklySeasonalMonth(first, 1);
        assertEquals("run-rate", Forecaster.predict(Arrays.copyOf(m, 13), first, 31).method());
        assertEquals("day-of-week", Forecaster.predict(Arrays.copyOf(m, 14), first, 31).method());
    }

    @Test
    void theDayOfWeekModelIsWithinTenPercentAtDayFourteenOfAWeeklySeasonalMonth() {
        LocalDate first = LocalDate.of(2026, 5, 1);
        for (long seed = 1; seed <= 20; seed++) {
            double err = errorAtDay(weeklySeasonalMonth(first, seed), first, 14);
            assertTrue(err <= 0.10, "seed " + seed + ": " + err);
        }
    }

    @Test
    void theIntervalContainsThePointAndWidensWithTheDaysLeft() {
        LocalDate first = LocalDate.of(2026, 5, 1);
        double[] m = weeklySeasonalMonth(first, 3);
        Forecaster.Prediction early = Forecaster.predict(Arrays.copyOf(m, 14), first, 31);
        Forecaster.Prediction late = Forecaster.predict(Arrays.copyOf(m, 28), first, 31);
        assertTrue(early.lower() < early.remaining() && early.remaining() < early.upper());
        assertTrue(early.upper() - early.lower() > late.upper() - late.lower());
    }
}
