package io.autopilot.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.autopilot.anomaly.detect.DetectorFactory;
import io.autopilot.anomaly.detect.SeriesDetector;
import io.autopilot.anomaly.detect.Verdict;
import io.autopilot.events.AnomalyScore;

/**
 * Replays a series through a detector and keeps the verdicts worth reporting. History before {@code judgeFrom} only
 * teaches the detector what is normal; the samples from {@code judgeFrom} on are the ones judged, and the highest
 * of their scores is the series' score, explained by the verdict that produced it.
 */
public final class SeriesScorer {

    private SeriesScorer() {
    }

    /**
     * What scoring one series yielded.
     *
     * @param series the series
     * @param top the verdict with the highest score among those judged, or null when none was judged
     * @param points the judged samples' scores, oldest first
     */
    public record Result(Series series, Verdict top, List<AnomalyScore.Point> points) {

        public double score() {
            return top == null ? 0.0 : top.score();
        }
    }

    /** Scores {@code series} with a fresh detector of {@code factory}, judging samples at or after judgeFrom. */
    public static Result score(DetectorFactory factory, Series series, long judgeFromMillis) {
        return score(factory.create(), series, judgeFromMillis);
    }

    /** Feeds {@code series} to {@code detector} (which it advances), judging samples at or after judgeFrom. */
    public static Result score(SeriesDetector detector, Series series, long judgeFromMillis) {
        Verdict top = null;
        List<AnomalyScore.Point> points = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Verdict verdict = detector.update(series.times()[i], series.values()[i]);
            if (series.times()[i] >= judgeFromMillis) {
                points.add(new AnomalyScore.Point(Instant.ofEpochMilli(verdict.epochMillis()), verdict.observed(),
                        verdict.score()));
                if (top == null || verdict.score() > top.score()) {
                    top = verdict;
                }
            }
        }
        return new Result(series, top, points);
    }

    /** The explanation a human reads next to the score. */
    public static AnomalyScore.Explanation explain(Verdict verdict) {
        Double expected = finite(verdict.expected());
        Double lower = finite(verdict.lower());
        Double upper = finite(verdict.upper());
        Instant at = Instant.ofEpochMilli(verdict.epochMillis());
        String summary = lower != null && upper != null
                ? String.format(java.util.Locale.ROOT, "%s at %s %s the expected range %s .. %s (expected %s); %s scored it %.3f",
                        number(verdict.observed()), at, verdict.observed() < lower || verdict.observed() > upper
                                ? "is outside" : "is within", number(lower), number(upper), number(expected),
                        verdict.component(), verdict.score())
                : String.format(java.util.Locale.ROOT, "%s at %s; %s had no expectation yet and scored it %.3f",
                        number(verdict.observed()), at, verdict.component(), verdict.score());
        return new AnomalyScore.Explanation(verdict.component(), at, verdict.observed(), expected, lower, upper, summary);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String number(double value) {
        return String.format(java.util.Locale.ROOT, "%.6g", value).replaceAll("\\.?0+(e|$)", "$1");
    }
}
