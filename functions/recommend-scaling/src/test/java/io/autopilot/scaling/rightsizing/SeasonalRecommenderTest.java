package io.autopilot.scaling.rightsizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memory objective: per-workload model and margin, chosen by a backtest with no OOM risk. */
class SeasonalRecommenderTest {

    static final long HOUR = VpaRecommender.HOUR;
    static final long DAY = VpaRecommender.DAY;

    /** Feeds the trace up to {@code until}, asking hourly and applying each answer, as the replay does. */
    private static Recommender.Recommendation runUntil(SeasonalRecommender r, UsageTrace t, long until) {
        long periodEnd = Traces.T0 + HOUR;
        Recommender.Recommendation rec = null;
        double cpuReq = 1, memReq = RightsizingReplay.GIB;
        for (UsageTrace.Sample s : t.samples()) {
            while (s.timeMillis() >= periodEnd) {
                rec = r.recommend(periodEnd);
                cpuReq = rec.cpuCores();
                memReq = rec.memoryBytes();
                if (periodEnd >= until) {
                    return rec;
                }
                periodEnd += HOUR;
            }
            r.observe(s.timeMillis(), s.cpuCores(), s.memoryBytes(), cpuReq, memReq);
        }
        return rec;
    }

    @Test
    void aNightlyMemorySpikeIsReservedAtNightOnlyOnceAFullWeekBacktestsItClean() {
        UsageTrace t = Traces.nightlySpike("nightly", 11, 10);
        // day 4, noon: only the climb model may compete before a full 7-day backtest, so noon still carries the
        // 1.5 GB climb seen at night
        var early = runUntil(new SeasonalRecommender(), t, Traces.T0 + 4 * DAY + 12 * HOUR);
        assertEquals("peak-or-climb", early.evidence().get("memoryModel"), early.evidence().toString());
        assertTrue(early.memoryBytes() > 1.5e9, "early noon request " + early.memoryBytes());
        // day 9, noon: a week of backtest shows the same-hour peak model never missed; noon reserves ~600 MB + margin
        var noon = runUntil(new SeasonalRecommender(), t, Traces.T0 + 9 * DAY + 12 * HOUR);
        assertEquals("seasonal-peak", noon.evidence().get("memoryModel"), noon.evidence().toString());
        assertTrue(noon.memoryBytes() < 0.8e9, "noon request " + noon.memoryBytes());
        // and at 02:00 the spike is reserved
        var night = runUntil(new SeasonalRecommender(), t, Traces.T0 + 9 * DAY + 2 * HOUR);
        assertTrue(night.memoryBytes() > 2.1e9, "02:00 request " + night.memoryBytes());
    }

    @Test
    void onANightlySpikeItReservesFarLessMemoryThanTheVpaWithNoMoreOomRisk() {
        UsageTrace t = Traces.nightlySpike("nightly", 12, 14);
        RightsizingReplay replay = RightsizingReplay.defaults();
        var vpa = replay.replay(t, VpaRecommender::new);
        var ours = replay.replay(t, SeasonalRecommender::new);
        assertTrue(ours.overGiBHours() < 0.6 * vpa.overGiBHours(), ours.overGiBHours() + " vs " + vpa.overGiBHours());
        assertTrue(ours.memoryAbove() <= vpa.memoryAbove(), ours.memoryAbove() + " vs " + vpa.memoryAbove());
    }
}
