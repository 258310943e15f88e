/**
 * score-anomaly: how anomalous a metric series is, why, and whether it is worth an operator's attention.
 *
 * <p>Consumes {@code io.autopilot.alert.firing} (the alert's series history is fetched from Prometheus'
 * {@code query_range} API, the PromQL taken from the annotation {@code autopilot.io/query} or the alert's
 * generatorURL), {@code io.autopilot.metrics.samples} batches as CloudEvents (stateless: a batch carries its
 * history), and, when enabled, a Kafka topic of samples ({@link io.autopilot.anomaly.stream}, per-series state
 * kept in a compacted topic). Emits {@code io.autopilot.anomaly.scored} for every input, with the score, the
 * component that fired, the expected value and range and the observed value, and {@code io.autopilot.anomaly.detected}
 * as well when the score reaches {@code autopilot.score-anomaly.threshold}, with the anomaly kind.
 *
 * <p>Why two events: consumers that act (remediate, page a human) subscribe to {@code detected} only and are not
 * flooded; {@code scored} keeps the full record, a "nothing unusual" answer included. The detector itself lives in
 * {@link io.autopilot.anomaly.detect}, framework-free; this package only feeds it and reports what it says.
 */
package io.autopilot.anomaly;
