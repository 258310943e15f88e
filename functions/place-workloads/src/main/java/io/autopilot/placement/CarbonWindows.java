package io.autopilot.placement;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.autopilot.events.SiteInventory.CarbonForecast;
import io.autopilot.events.SiteInventory.DataPoint;

/**
 * Finds the greenest window for deferrable work in a Carbon Aware SDK forecast: the start, on a forecast point
 * boundary, whose window of the work's duration has the lowest time-weighted average intensity, within the work's
 * earliest start and latest end. The SDK computes the same thing as {@code optimalDataPoint} for its own
 * {@code windowSize}; ours follows the workload's duration instead.
 */
final class CarbonWindows {

    /** A window and its average intensity, and the average had the work started as early as allowed. */
    record Window(Instant start, Instant end, double average, double averageIfStartedNow) {
    }

    private record Point(Instant start, Instant end, double value) {
    }

    private CarbonWindows() {
    }

    static Optional<Window> greenest(CarbonForecast forecast, Instant notBefore, Instant notAfter, Duration duration) {
        List<Point> points = points(forecast);
        Window best = null;
        Double now = null;
        for (Point candidate : points) {
            Instant start = candidate.start().isBefore(notBefore) ? notBefore : candidate.start();
            Instant end = start.plus(duration);
            if (end.isAfter(notAfter)) {
                continue;
            }
            Double average = average(points, start, end);
            if (average == null) {
                continue;
            }
            if (now == null) {
                now = average;
            }
            if (best == null || average < best.average()) {
                best = new Window(start, end, average, now);
            }
        }
        Double first = now;
        return Optional.ofNullable(best).map(w -> new Window(w.start(), w.end(), w.average(), first));
    }

    /** Time-weighted mean over [start, end), or null when the forecast does not cover all of it. */
    private static Double average(List<Point> points, Instant start, Instant end) {
        double weighted = 0;
        long covered = 0;
        for (Point p : points) {
            Instant from = p.start().isAfter(start) ? p.start() : start;
            Instant to = p.end().isBefore(end) ? p.end() : end;
            long seconds = Duration.between(from, to).getSeconds();
            if (seconds > 0) {
                weighted += p.value() * seconds;
                covered += seconds;
            }
        }
        return covered >= Duration.between(start, end).getSeconds() && covered > 0 ? weighted / covered : null;
    }

    private static List<Point> points(CarbonForecast forecast) {
        List<Point> points = new ArrayList<>();
        if (forecast == null || forecast.forecastData() == null) {
            return points;
        }
        for (DataPoint p : forecast.forecastData()) {
            if (p == null || p.timestamp() == null || p.value() == null || p.duration() == null || p.duration() <= 0) {
                continue;
            }
            Instant start = OffsetDateTime.parse(p.timestamp()).toInstant();
            points.add(new Point(start, start.plus(Duration.ofMinutes(p.duration())), p.value()));
        }
        points.sort(Comparator.comparing(Point::start));
        return points;
    }
}
