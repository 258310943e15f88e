package io.autopilot.scaling.rightsizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The VPA's arithmetic, checked against the formulas of its source (see {@link VpaRecommender}). */
class VpaRecommenderTest {

    static final long H = VpaRecommender.HOUR;

    @Test
    void bucketsGrowByFivePercentFromTheFirstBucketSize() {
        ExponentialHistogram h = ExponentialHistogram.cpu();
        assertEquals(0.0, h.bucketStart(0));
        assertEquals(0.001, h.bucketStart(1), 1e-15);
        assertEquals(0.001 * (1.05 * 1.05 - 1) / 0.05, h.bucketStart(2), 1e-15);
        int b = h.findBucket(0.5);
        assertTrue(h.bucketStart(b) <= 0.5 && 0.5 < h.bucketStart(b + 1));
        // ceil(log_1.05(1000 * 0.05 / 0.001 + 1)) + 1 buckets
        assertEquals((int) Math.ceil(Math.log(1000 * 0.05 / 0.001 + 1) / Math.log(1.05)) + 1, h.numBuckets());
    }

    @Test
    void percentileReturnsTheUpperEndOfTheBucketWhereTheCumulativeWeightIsReached() {
        ExponentialHistogram h = ExponentialHistogram.cpu();
        for (int i = 1; i <= 10; i++) {
            h.add(i / 10.0, 1.0);
        }
        double p90 = h.percentile(0.9);
        int b = h.findBucket(0.9);
        assertEquals(h.bucketStart(b + 1), p90, 1e-15);
        assertEquals(h.bucketStart(h.findBucket(1.0) + 1), h.percentile(1.0), 1e-15);
    }

    @Test
    void aSampleOneHalfLifeNewerWeighsTwice() {
        DecayingHistogram h = new DecayingHistogram(ExponentialHistogram.cpu(), 24 * H);
        long t = Traces.T0;
        h.add(1.0, 1.0, t);
        h.add(2.0, 1.0, t + 24 * H); // weighs 2: the median is in 2.0's bucket (cumulative 1 < 1.5)
        ExponentialHistogram ref = ExponentialHistogram.cpu();
        assertEquals(ref.bucketStart(ref.findBucket(2.0) + 1), h.percentile(0.5), 1e-12);
        assertEquals(ref.bucketStart(ref.findBucket(1.0) + 1), h.percentile(0.33), 1e-12);
    }

    @Test
    void decayStaysExactAcrossAReferenceShift() {
        DecayingHistogram h = new DecayingHistogram(ExponentialHistogram.cpu(), H);
        long t = Traces.T0;
        h.add(1.0, 1.0, t);
        h.add(2.0, 1.0, t + 150 * H); // beyond 100 half-lives: the reference moves, the old sample vanishes
        ExponentialHistogram ref = ExponentialHistogram.cpu();
        assertEquals(ref.bucketStart(ref.findBucket(2.0) + 1), h.percentile(0.01), 1e-12);
    }

    @Test
    void targetIsP90PlusFifteenPercentOfTheCpuSamples() {
        VpaRecommender vpa = new VpaRecommender();
        for (int i = 0; i < 1000; i++) {
            vpa.observe(Traces.T0 + i * 60_000L, 0.5, 500e6, 1.0, 1e9);
        }
        ExponentialHistogram ref = ExponentialHistogram.cpu();
        double expected = VpaRecommender.roundCpu(ref.bucketStart(ref.findBucket(0.5) + 1) * 1.15);
        assertEquals(expected, vpa.recommend(Traces.T0 + 1000 * 60_000L).cpuCores(), 1e-12);
        ExponentialHistogram mem = ExponentialHistogram.memory();
        assertEquals(mem.bucketStart(mem.findBucket(500e6) + 1) * 1.15,
                vpa.recommend(Traces.T0 + 1000 * 60_000L).memoryBytes(), 1);
    }

    @Test
    void minimumsAre25MillicoresAnd250MiB() {
        VpaRecommender vpa = new VpaRecommender();
        vpa.observe(Traces.T0, 0.001, 1e6, 0.1, 1e8);
        var r = vpa.recommend(Traces.T0 + 60_000);
        assertEquals(0.025, r.cpuCores(), 1e-12);
        assertEquals(250.0 * 1024 * 1024, r.memoryBytes(), 1e-6);
    }

    @Test
    void upperBoundShrinksWithConfidence() {
        VpaRecommender vpa = new VpaRecommender();
        for (int i = 0; i < 1440 * 2; i++) {
            vpa.observe(Traces.T0 + i * 60_000L, 0.5, 500e6, 1.0, 1e9);
        }
        var r = vpa.recommend(Traces.T0 + 2 * 24 * H);
        // confidence = min(lifespan ~2 days, 2880 / 1440 = 2): upper = P95 x 1.15 x (1 + 1/2)
        ExponentialHistogram ref = ExponentialHistogram.cpu();
        double p95 = ref.bucketStart(ref.findBucket(0.5) + 1);
        double conf = Math.min((1440 * 2 - 1) / 1440.0, 2.0);
        assertEquals(VpaRecommender.roundCpu(p95 * 1.15 * (1 + 1 / conf)), r.cpuUpperCores(), 1e-9);
    }

    @Test
    void anOomKillBumpsMemoryToTwentyPercentAboveTheRequest() {
        VpaRecommender vpa = new VpaRecommender();
        vpa.observe(Traces.T0, 0.5, 900e6, 1.0, 1e9);
        vpa.oomKilled(Traces.T0 + 60_000, 1e9);
        double expectedSample = Math.max(1e9 + 100 * 1024 * 1024, 1e9 * 1.2);
        ExponentialHistogram mem = ExponentialHistogram.memory();
        assertEquals(mem.bucketStart(mem.findBucket(expectedSample) + 1) * 1.15,
                vpa.recommend(Traces.T0 + 120_000).memoryBytes(), 1);
    }

    @Test
    void keepsOnePeakPerDayForMemory() {
        VpaRecommender vpa = new VpaRecommender();
        vpa.observe(Traces.T0, 0.5, 400e6, 1.0, 1e9);
        vpa.observe(Traces.T0 + H, 0.5, 800e6, 1.0, 1e9); // same day: replaces the peak
        vpa.observe(Traces.T0 + 2 * H, 0.5, 300e6, 1.0, 1e9); // lower: ignored
        ExponentialHistogram mem = ExponentialHistogram.memory();
        var r = vpa.recommend(Traces.T0 + 3 * H);
        assertEquals(mem.bucketStart(mem.findBucket(800e6) + 1) * 1.15, r.memoryBytes(), 1);
        assertEquals(mem.bucketStart(mem.findBucket(800e6) + 1) * 1.15, r.memoryLowerBytes()
                / Math.pow(1 + 0.001 / vpaConfidence(), -2), 1e3);
    }

    private static double vpaConfidence() {
        return Math.min(2 * H / (double) VpaRecommender.DAY, 3 / 1440.0);
    }
}
