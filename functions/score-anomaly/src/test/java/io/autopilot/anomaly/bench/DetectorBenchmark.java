package io.autopilot.anomaly.bench;

import io.autopilot.anomaly.detect.DetectorFactory;
import io.autopilot.anomaly.detect.Detectors;
import io.autopilot.anomaly.detect.SeriesDetector;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Samples scored per second on one thread (= per core) by the shipped detector and by the EWMA z-score baseline,
 * in the same run: each invocation feeds a block of samples (a noisy daily cycle with spikes, 5-minute steps) to
 * one long-lived detector, as the streaming path does. Run by src/bench/score-anomaly-jmh.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectorBenchmark {

    static final int BLOCK = 4096;

    @Param({"standard", "baseline"})
    public String detector;

    private double[] values;
    private SeriesDetector series;
    private long time;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        values = new double[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            values[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian()
                    + (random.nextInt(500) == 0 ? 40 : 0);
        }
        DetectorFactory factory = "standard".equals(detector) ? Detectors.standard() : Detectors.baseline();
        series = factory.create();
        time = 1_396_310_400_000L;
        for (int i = 0; i < 2 * BLOCK; i++) { // past the warm-up, so every component runs
            series.update(time += 300_000L, values[i % BLOCK]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public void score(Blackhole sink) {
        SeriesDetector d = series;
        long t = time;
        for (int i = 0; i < BLOCK; i++) {
            sink.consume(d.update(t += 300_000L, values[i]));
        }
        time = t;
    }
}
