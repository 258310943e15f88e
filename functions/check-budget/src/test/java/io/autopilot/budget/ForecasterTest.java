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
        return weeklySeasonalMonth(first, seed, 0);
    }

    /** The same with spend growing by {@code trend} (a fraction of the first day's level) per day. */
    static double[] weeklySeasonalMonth(LocalDate first, long seed, double trend) {
        Random rnd = new Random(seed);
        double[] v = new double[first.lengthOfMonth()];
        for (int i = 0; i < v.length; i++) {
            DayOfWeek d = first.plusDays(i).getDayOfWeek();
            double base = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? 40 : 100;
            v[i] = base * (1 + trend * i) * (1 + rnd.nextGaussian() * 0.05);
        }
        return v;
    }

    /** How many of seeds 1..n the condition holds for. */
    static long seedsWhere(int n, java.util.function.LongPredicate condition) {
        return java.util.stream.LongStream.rangeClosed(1, n).filter(condition).count();
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

    @Test
    void keepsATrendWhenSpendGrowsThroughTheMonth() {
        LocalDate first = LocalDate.of(2026, 5, 1);
        for (long seed = 1; seed <= 10; seed++) {
            double[] m = weeklySeasonalMonth(first, seed, 0.02);
            assertEquals("day-of-week+trend", Forecaster.predict(Arrays.copyOf(m, 21), first, 31).method(),
                    "seed " + seed);
            assertTrue(errorAtDay(m, first, 21) <= 0.05, "seed " + seed + ": " + errorAtDay(m, first, 21));
        }
    }

    @Test
    void rarelyFitsATrendToASteadyMonth() {
        LocalDate first = LocalDate.of(2026, 5, 1);
        long trended = seedsWhere(40, seed -> Forecaster.predict(Arrays.copyOf(weeklySeasonalMonth(first, seed), 14),
                first, 31).method().endsWith("+trend"));
        // a 5% test: about 2 of 40 steady months show a trend by chance; 6 would mean the test is not doing its job
        assertTrue(trended <= 5, trended + " of 40 steady months got a trend");
    }

    @Test
    void theEightyPercentIntervalCoversTheMonthEndInMostMonths() {
        LocalDate first = LocalDate.of(2026, 5, 1);
        long covered = seedsWhere(50, seed -> {
            double[] m = weeklySeasonalMonth(first, seed);
            Forecaster.Prediction p = Forecaster.predict(Arrays.copyOf(m, 14), first, 31);
            double rest = Arrays.stream(m, 14, 31).sum();
            return rest >= p.lower() && rest <= p.upper();
        });
        assertTrue(covered >= 35 && covered <= 48, covered + " of 50: an 80% interval should miss sometimes");
    }

    @Test
    void aPerfectlyFlatSeriesHasNoTrendAndNoSpread() {
        LocalDate first = LocalDate.of(2026, 5, 1);
        double[] flat = new double[20];
        Arrays.fill(flat, 10);
        Forecaster.Prediction p = Forecaster.predict(flat, first, 31);
        assertEquals("day-of-week", p.method());
        assertEquals(110, p.remaining(), 1e-6);
        assertEquals(p.lower(), p.upper(), 1e-6);
    }
}
