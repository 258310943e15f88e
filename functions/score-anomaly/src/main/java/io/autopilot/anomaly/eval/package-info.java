/**
 * {@code ./autopilot eval-nab}: runs the shipped detector over a folder in Numenta Anomaly Benchmark layout and
 * writes NAB results files ({@code timestamp,anomaly_score}) for ../shared/tools/nab_score.py. It consumes CSV files
 * and emits CSV files; nothing here runs inside the function. Used by src/bench/nab_eval.sh and NabScoreTest.
 */
package io.autopilot.anomaly.eval;
