/**
 * The streaming anomaly detector of {@code score-anomaly}: consumes one series' samples (time, value) in time
 * order and emits a {@link io.autopilot.anomaly.detect.Verdict} per sample: a score in [0, 1], the component that
 * fired, and the expected value and range. The function compares the score with its one alerting threshold.
 *
 * <p>Why a hand-written detector: one configuration must serve every series, cost microseconds per sample, keep
 * bounded state that can be snapshotted (the stream path restores it after a restart), and explain itself.
 * {@link io.autopilot.anomaly.detect.EnsembleDetector} combines cheap forecasters (level, daily and weekly
 * Holt-Winters), context novelty, a level-shift test and a range-break test, each normalised as an anomaly
 * likelihood, with a rest period after each alarm. {@link io.autopilot.anomaly.detect.EwmaZScoreDetector} is the
 * baseline benchmarks compare it with. Design, parameters, NAB figures and ablation: docs/score-anomaly-detector.md.
 *
 * <p>No framework types and no dependencies beyond the JDK.
 */
package io.autopilot.anomaly.detect;
