package io.autopilot.scaling.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SeasonalForecastTest {

    static double truth(int hour) {
        return 10 + 5 * Math.sin(hour / 24.0 * 2 * Math.PI);
    }

    @Test
    void followsADailyCycleAndItsIntervalHoldsTheTruth() {
        Random r = new Random(1);
        double[] h = new double[24 * 7];
        for (int i = 0; i < h.length; i++) {
            h[i] = truth(i) + 0.3 * r.nextGaussian();
        }
        List<SeasonalForecast.Point> f = SeasonalForecast.daily().forecast(h, 24);
        int inside = 0;
        for (SeasonalForecast.Point p : f) {
            double actual = truth(h.length + p.hoursAhead() - 1);
            assertEquals(actual, p.value(), 1.5, "hour " + p.hoursAhead());
            if (p.lower() <= actual && actual <= p.upper()) {
                inside++;
            }
            assertTrue(p.lower() <= p.value() && p.value() <= p.upper());
        }
        assertTrue(inside >= 18, inside + " of 24 inside the interval");
    }

    @Test
    void plansMinimumReplicasForTheNextHoursAndMaximumForThePeak() {
        List<SeasonalForecast.Point> f = List.of(new SeasonalForecast.Point(1, 4, 3, 5),
                new SeasonalForecast.Point(2, 8, 6, 10), new SeasonalForecast.Point(3, 2, 1, 3));
        ReplicaPlan p = ReplicaPlan.of(f, 2.0, 1, 0.2, 1, 20);
        assertEquals(3, p.minReplicas(), "ceil(5 / 2)");
        assertEquals(6, p.maxReplicas(), "ceil(10 x 1.2 / 2)");
        assertEquals(2, p.peakHoursAhead());
        ReplicaPlan ahead = ReplicaPlan.of(f, 2.0, 2, 0.2, 1, 20);
        assertEquals(5, ahead.minReplicas(), "a two-hour lead covers the peak's upper bound 10");
    }
}
