package io.autopilot.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#ANOMALY_SCORED} and {@link EventTypes#ANOMALY_DETECTED}: how anomalous a series is
 * and why, enriched with the alert it was asked about.
 *
 * @param seriesId the series scored: the id a sample producer gave, or the label set of the Prometheus series
 * @param labels that series' labels
 * @param kind {@code performance}, {@code capacity}, {@code cost} or {@code security}
 * @param score the highest anomaly score in [0, 1] over the samples judged (for an alert, those of its recent
 *        window; for samples, every sample in the batch or record)
 * @param threshold the alerting threshold the score was compared with
 * @param detected true when {@code score >= threshold}; only then is a {@code detected} event emitted as well
 * @param detector the detector configuration that scored it
 * @param explanation why: the sample with the highest score, the component that fired, what was expected there
 * @param points the score of every sample judged, oldest first
 * @param samples how many samples were fed to the detector (history included)
 * @param from the first sample's time
 * @param to the last sample's time
 * @param query the PromQL fetched from Prometheus (alert path only)
 * @param alert the alert this score answers (alert path only)
 * @param noData why nothing could be scored (no query, no samples in the window), or null when scored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnomalyScore(
        String seriesId,
        Map<String, String> labels,
        String kind,
        double score,
        double threshold,
        boolean detected,
        String detector,
        Explanation explanation,
        List<Point> points,
        int samples,
        Instant from,
        Instant to,
        String query,
        Alert alert,
        String noData) {

    public static final String PERFORMANCE = "performance";
    public static final String CAPACITY = "capacity";
    public static final String COST = "cost";
    public static final String SECURITY = "security";
    public static final List<String> KINDS = List.of(PERFORMANCE, CAPACITY, COST, SECURITY);

    /**
     * The reason for a score.
     *
     * @param component the detector component that contributed most
     * @param at the time of the sample
     * @param observed its value
     * @param expected what the detector expected there (null when it had no expectation yet)
     * @param lower lower bound of the expected range (null likewise)
     * @param upper upper bound of the expected range (null likewise)
     * @param summary the same in one sentence, for a human
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Explanation(String component, Instant at, double observed, Double expected, Double lower,
            Double upper, String summary) {
    }

    /** One sample's score. */
    public record Point(Instant at, double observed, double score) {
    }
}
