package io.autopilot.remediation.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.autopilot.remediation.judge.CanaryJudge.Direction;
import io.autopilot.remediation.judge.CanaryJudge.Metric;
import io.autopilot.remediation.judge.CanaryJudge.NoDataPolicy;
import io.autopilot.remediation.judge.CanaryJudge.Settings;

class CanaryJudgeTest {

    private final CanaryJudge judge = new CanaryJudge(Settings.kayentaDefaults());

    static double[] normal(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * r.nextGaussian();
        }
        return v;
    }

    @Test
    void failsACanaryWhoseErrorRateIsClearlyHigher() {
        var r = judge.judge(new Metric("errors", Direction.INCREASE, 1, false, false, normal(1, 60, 1.0, 0.1),
                normal(2, 60, 1.5, 0.1)));
        assertEquals(CanaryJudge.FAIL, r.verdict(), r.reason());
        assertTrue(r.pValue() < 0.02);
        assertTrue(r.effectSize() > 1.4 && r.effectSize() < 1.6, "effect " + r.effectSize());
        assertTrue(r.shiftLower() > 0, "interval clears zero: " + r.shiftLower());
    }

    @Test
    void passesACanaryFromTheSameDistribution() {
        var r = judge.judge(new Metric("latency", Direction.INCREASE, 1, false, false, normal(3, 60, 1.0, 0.1),
                normal(14, 60, 1.0, 0.1)));
        assertEquals(CanaryJudge.PASS, r.verdict(), r.reason());
    }

    @Test
    void passesAnImprovementBecauseOnlyTheHarmfulDirectionCounts() {
        var r = judge.judge(new Metric("latency", Direction.INCREASE, 1, false, false, normal(5, 60, 1.0, 0.1),
                normal(6, 60, 0.5, 0.1)));
        assertEquals(CanaryJudge.PASS, r.verdict());
        assertTrue(r.pValue() < 0.001, "the change is significant, just not harmful");
        var either = judge.judge(new Metric("cpu", Direction.EITHER, 1, false, false, normal(5, 60, 1.0, 0.1),
                normal(6, 60, 0.5, 0.1)));
        assertEquals(CanaryJudge.FAIL, either.verdict(), "direction either fails a big drop");
    }

    @Test
    void callsASuggestiveDifferenceMarginal() {
        // small samples with a moderate shift: p between 0.02 and 0.10
        double[] baseline = { 10, 12, 11, 13, 12, 11, 10, 12 };
        double[] canary = { 12, 13, 12, 14, 11, 13, 12, 13 };
        var r = judge.judge(new Metric("latency", Direction.INCREASE, 1, false, false, baseline, canary));
        assertTrue(r.pValue() >= 0.02 && r.pValue() < 0.10, "p " + r.pValue());
        assertEquals(CanaryJudge.MARGINAL, r.verdict());
    }

    @Test
    void noDataIsAVerdictOfItsOwnWithTheCountsShown() {
        var r = judge.judge(new Metric("errors", Direction.INCREASE, 1, false, false, new double[0],
                new double[] { 1, 2 }));
        assertEquals(CanaryJudge.NO_DATA, r.verdict());
        assertEquals(0, r.baselineCount());
        assertEquals(2, r.canaryCount());
        assertNull(r.pValue());
    }

    @Test
    void identicalConstantSamplesPass() {
        var r = judge.judge(new Metric("errors", Direction.INCREASE, 1, false, false, new double[] { 0, 0, 0 },
                new double[] { 0, 0 }));
        assertEquals(CanaryJudge.PASS, r.verdict());
    }

    @Test
    void aFailingCriticalMetricZeroesTheRun() {
        var run = judge.judge(List.of(
                new Metric("errors", Direction.INCREASE, 1, true, false, normal(1, 60, 1.0, 0.1),
                        normal(2, 60, 2.0, 0.1)),
                new Metric("latency", Direction.INCREASE, 5, false, false, normal(3, 60, 1, 0.1),
                        normal(14, 60, 1, 0.1))));
        assertEquals(CanaryJudge.FAIL, run.verdict());
        assertEquals(0, run.score());
    }

    @Test
    void scoresTheRunByWeight() {
        var run = judge.judge(List.of(
                new Metric("errors", Direction.INCREASE, 1, false, false, normal(1, 60, 1.0, 0.1),
                        normal(2, 60, 2.0, 0.1)),
                new Metric("latency", Direction.INCREASE, 3, false, false, normal(3, 60, 1, 0.1),
                        normal(14, 60, 1, 0.1))));
        assertEquals(75.0, run.score(), 1e-9);
        assertEquals(CanaryJudge.MARGINAL, run.verdict());
    }

    @Test
    void halfTheMetricsWithoutDataMakeTheRunInconclusiveUnderTheDefaultPolicy() {
        List<Metric> metrics = List.of(
                new Metric("errors", Direction.INCREASE, 1, false, false, new double[0], new double[0]),
                new Metric("latency", Direction.INCREASE, 1, false, false, normal(3, 30, 1, 0.1),
                        normal(14, 30, 1, 0.1)));
        assertEquals(CanaryJudge.INCONCLUSIVE, judge.judge(metrics).verdict());
        Settings failPolicy = new Settings(0.98, 0.90, 0.25, 1.0, 1.0, 95, 75, NoDataPolicy.FAIL);
        var failed = new CanaryJudge(failPolicy).judge(metrics);
        assertEquals(50.0, failed.score(), 1e-9);
        assertEquals(CanaryJudge.FAIL, failed.verdict());
        Settings ignore = new Settings(0.98, 0.90, 0.25, 1.0, 1.0, 95, 75, NoDataPolicy.IGNORE);
        assertEquals(CanaryJudge.PASS, new CanaryJudge(ignore).judge(metrics).verdict());
    }

    @Test
    void aMustHaveMetricWithoutDataMakesTheRunInconclusive() {
        var run = judge.judge(List.of(
                new Metric("errors", Direction.INCREASE, 1, false, true, new double[0], new double[] { 1 }),
                new Metric("a", Direction.INCREASE, 1, false, false, normal(3, 30, 1, 0.1), normal(14, 30, 1, 0.1)),
                new Metric("b", Direction.INCREASE, 1, false, false, normal(5, 30, 1, 0.1), normal(6, 30, 1, 0.1))));
        assertEquals(CanaryJudge.INCONCLUSIVE, run.verdict());
        assertTrue(run.reason().contains("must-have"), run.reason());
    }
}
