/**
 * The Kafka sample stream of score-anomaly: {@code io.autopilot.metrics.samples} CloudEvents on a topic, consumed
 * through SmallRye Reactive Messaging's Kafka connector, scored with per-series detector state.
 *
 * <p>Why state here and not on the CloudEvent path: a stream sends each sample once, so the detector must remember
 * the series between records. The state survives restarts in a compacted Kafka topic keyed by series
 * ({@link io.autopilot.anomaly.stream.DetectorStateStore}), written before the record's offset is committed and read
 * back on every partition assignment; samples at or before a series' restored last timestamp are skipped, which is
 * what keeps a redelivery from scoring anything twice ({@link io.autopilot.anomaly.stream.StreamScorer}).
 *
 * <p>Off unless {@code autopilot.score-anomaly.kafka.enabled=true}, so the one-process runtime starts without Kafka.
 */
package io.autopilot.anomaly.stream;
