package io.autopilot.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.autopilot.events.SiteInventory.CarbonForecast;
import io.autopilot.events.SiteInventory.DataPoint;

class CarbonWindowsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    /** Hourly points with the given values from T0. */
    private static CarbonForecast forecast(double... values) {
        List<DataPoint> points = new ArrayList<>();
        for (int h = 0; h < values.length; h++) {
            points.add(new DataPoint("loc", T0.plus(Duration.ofHours(h)).toString(), 60, values[h]));
        }
        return new CarbonForecast(null, null, "loc", null, null, 60, null, points);
    }

    @Test
    void picksTheStartWhoseWholeWindowIsGreenestNotTheSingleLowestPoint() {
        // One dip at hour 1 (10) next to a high hour; hours 4-5 are steadily low (40, 40).
        CarbonForecast f = forecast(300, 10, 400, 300, 40, 40, 300);
        CarbonWindows.Window w = CarbonWindows.greenest(f, T0, T0.plus(Duration.ofHours(7)), Duration.ofHours(2)).orElseThrow();
        assertEquals(T0.plus(Duration.ofHours(4)), w.start());
        assertEquals(40, w.average(), 1e-9);
        assertEquals(155, w.averageIfStartedNow(), 1e-9, "hours 0-1: (300 + 10) / 2");
    }

    @Test
    void keepsTheWindowInsideEarliestStartAndLatestEnd() {
        CarbonForecast f = forecast(300, 10, 400, 300, 40, 40, 300);
        CarbonWindows.Window w = CarbonWindows.greenest(f, T0.plus(Duration.ofMinutes(30)),
                T0.plus(Duration.ofHours(4)), Duration.ofHours(1)).orElseThrow();
        assertEquals(T0.plus(Duration.ofHours(1)), w.start());
        assertEquals(10, w.average(), 1e-9);
        CarbonWindows.Window partial = CarbonWindows.greenest(f, T0.plus(Duration.ofMinutes(30)),
                T0.plus(Duration.ofMinutes(90)), Duration.ofHours(1)).orElseThrow();
        assertEquals(T0.plus(Duration.ofMinutes(30)), partial.start(), "starts mid-point when that is allowed");
        assertEquals(155, partial.average(), 1e-9, "half of 300 and half of 10");
    }

    @Test
    void findsNothingWhenTheForecastDoesNotCoverTheWork() {
        Optional<CarbonWindows.Window> none = CarbonWindows.greenest(forecast(100, 100), T0, T0.plus(Duration.ofHours(5)),
                Duration.ofHours(3));
        assertTrue(none.isEmpty());
        assertTrue(CarbonWindows.greenest(null, T0, T0.plus(Duration.ofHours(5)), Duration.ofHours(1)).isEmpty());
    }
}
