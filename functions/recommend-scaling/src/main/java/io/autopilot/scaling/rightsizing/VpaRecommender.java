package io.autopilot.scaling.rightsizing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubernetes VPA recommender's arithmetic for one container, reproduced as the baseline
 * ({@code vertical-pod-autoscaler/pkg/recommender}: {@code logic/recommender.go}, {@code logic/estimator.go},
 * {@code model/container.go}, {@code model/aggregate_container_state.go}, {@code util/*histogram.go}):
 * <ol>
 * <li>CPU samples go into a decaying histogram with weight {@code max(request cores, 0.1)};
 * <li>memory goes in as one peak per 24 h aggregation window (a higher sample in the window replaces the peak:
 * subtract the old, add the new, both stamped with the window end), weight 1;
 * <li>both histograms decay with a 24 h half-life;
 * <li>target = P90, lower bound = P50, upper bound = P95, each x (1 + 0.15 safety margin);
 * <li>upper bound x (1 + 1/confidence), lower bound x (1 + 0.001/confidence)^-2 with
 * confidence = min(lifespan days, samples / 1440);
 * <li>minimums 25 millicores and 250 MiB per pod (one container per pod here); CPU rounded up to a millicore;
 * <li>OOM bump-up: on an OOM kill the sample {@code max(used + 100 MiB, used x 1.2)}, used = max(request, the
 * window's peak), enters as a memory peak; an OOM older than one aggregation interval before the window end is
 * discarded.
 * </ol>
 */
public class VpaRecommender implements Recommender {

    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;
    public static final double MIN_SAMPLE_WEIGHT = 0.1;
    public static final double SAFETY_MARGIN = 0.15;
    public static final double MIN_CPU_CORES = 0.025;
    public static final double MIN_MEMORY_BYTES = 250.0 * 1024 * 1024;
    public static final double OOM_MIN_BUMP_BYTES = 100.0 * 1024 * 1024;
    public static final double OOM_BUMP_RATIO = 1.2;

    private final DecayingHistogram cpu = new DecayingHistogram(ExponentialHistogram.cpu(), DAY);
    private final DecayingHistogram memory = new DecayingHistogram(ExponentialHistogram.memory(), DAY);
    private final double targetPercentile;
    private final double margin;

    private long windowEnd = Long.MIN_VALUE;
    private long lastMemorySample = Long.MIN_VALUE;
    private double memoryPeak;
    private double oomPeak;
    private long firstSample = Long.MIN_VALUE;
    private long lastSample = Long.MIN_VALUE;
    private long samples;

    /** The VPA with its defaults: P90 target, 15 % margin. */
    public VpaRecommender() {
        this(0.9, SAFETY_MARGIN);
    }

    /** The flags {@code target-cpu-percentile} (= memory here) and {@code recommendation-margin-fraction}. */
    public VpaRecommender(double targetPercentile, double margin) {
        this.targetPercentile = targetPercentile;
        this.margin = margin;
    }

    @Override
    public String name() {
        return "vpa";
    }

    @Override
    public void observe(long t, double cpuCores, double memoryBytes, double cpuRequest, double memoryRequest) {
        if (firstSample == Long.MIN_VALUE) {
            firstSample = t;
        }
        lastSample = Math.max(lastSample, t);
        samples++;
        cpu.add(cpuCores, Math.max(cpuRequest, MIN_SAMPLE_WEIGHT), t);
        addMemorySample(t, memoryBytes, false);
    }

    @Override
    public void oomKilled(long t, double memoryRequest) {
        if (windowEnd != Long.MIN_VALUE && t < windowEnd - DAY) {
            return; // too old: VPA discards it
        }
        double used = Math.max(memoryRequest, memoryPeak);
        double needed = Math.max(used + OOM_MIN_BUMP_BYTES, used * OOM_BUMP_RATIO);
        addMemorySample(t, needed, true);
    }

    private void addMemorySample(long t, double bytes, boolean oom) {
        if (!oom && t < lastMemorySample) {
            return;
        }
        lastMemorySample = t;
        if (windowEnd == Long.MIN_VALUE) {
            windowEnd = t;
        }
        boolean addNewPeak = false;
        double oldPeak = Math.max(memoryPeak, oomPeak);
        if (t < windowEnd) {
            if (oldPeak != 0 && bytes > oldPeak) {
                memory.subtract(oldPeak, 1.0, windowEnd);
                addNewPeak = true;
            }
        } else {
            long shift = (t - windowEnd) / DAY * DAY + DAY;
            windowEnd += shift;
            memoryPeak = 0;
            oomPeak = 0;
            addNewPeak = true;
        }
        if (oom) {
            oomPeak = Math.max(oomPeak, bytes);
        } else {
            memoryPeak = Math.max(memoryPeak, bytes);
        }
        if (addNewPeak) {
            memory.add(Math.max(memoryPeak, oomPeak), 1.0, windowEnd);
        }
    }

    @Override
    public Recommendation recommend(long now) {
        double confidence = confidence();
        double cpuTarget = cpu.percentile(targetPercentile) * (1 + margin);
        double cpuLower = cpu.percentile(0.5) * (1 + margin) * Math.pow(1 + 0.001 / confidence, -2);
        double cpuUpper = cpu.percentile(0.95) * (1 + margin) * (1 + 1 / confidence);
        double memTarget = memory.percentile(targetPercentile) * (1 + margin);
        double memLower = memory.percentile(0.5) * (1 + margin) * Math.pow(1 + 0.001 / confidence, -2);
        double memUpper = memory.percentile(0.95) * (1 + margin) * (1 + 1 / confidence);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("recommender", "vpa");
        evidence.put("cpuPercentile", targetPercentile);
        evidence.put("memoryPercentile", targetPercentile);
        evidence.put("margin", margin);
        evidence.put("confidence", confidence);
        return new Recommendation(roundCpu(Math.max(cpuTarget, MIN_CPU_CORES)), Math.max(memTarget, MIN_MEMORY_BYTES),
                roundCpu(Math.max(cpuLower, MIN_CPU_CORES)), roundCpu(Math.max(cpuUpper, MIN_CPU_CORES)),
                Math.max(memLower, MIN_MEMORY_BYTES), Math.max(memUpper, MIN_MEMORY_BYTES), evidence);
    }

    /** min(lifespan in days, samples / (60 * 24)): VPA assumes one CPU sample a minute. */
    double confidence() {
        if (samples == 0) {
            return 0;
        }
        double lifespanDays = (lastSample - firstSample) / (double) DAY;
        return Math.min(lifespanDays, samples / 1440.0);
    }

    static double roundCpu(double cores) {
        return Math.ceil(cores * 1000 - 1e-9) / 1000.0;
    }
}
