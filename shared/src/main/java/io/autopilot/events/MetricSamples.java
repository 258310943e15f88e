package io.autopilot.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#METRICS_SAMPLES}: samples of one metric series, oldest first, from a producer that
 * has no Prometheus to be asked (an agent, a bridge, a Kafka producer).
 *
 * @param seriesId stable identity of the series (for example the Prometheus series selector); also the subject
 * @param labels the series' labels ({@code __name__} names the metric); read to decide the anomaly kind
 * @param kind optional: {@code performance}, {@code capacity}, {@code cost} or {@code security}; when absent the
 *        consumer derives it from the labels
 * @param samples {@code [timestamp, value]} pairs in strictly increasing time order: the timestamp in epoch
 *        seconds (a JSON number, fractions allowed) or RFC 3339 (a string); the value a JSON number, or a string as
 *        Prometheus' HTTP API writes values ({@code "0.25"})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricSamples(
        String seriesId,
        Map<String, String> labels,
        String kind,
        List<List<Object>> samples) {
}
