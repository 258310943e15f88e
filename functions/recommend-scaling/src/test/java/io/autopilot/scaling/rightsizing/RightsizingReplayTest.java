package io.autopilot.scaling.rightsizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RightsizingReplayTest {

    @TempDir
    Path dir;

    @Test
    void countsOverProvisioningAndMissesFromTheRequestsItApplied() {
        // a recommender that always asks 1 core and 1 GB: the figures follow by hand
        Recommender fixed = new Recommender() {
            public void observe(long t, double c, double m, double cr, double mr) {
            }

            public void oomKilled(long t, double m) {
            }

            public Recommendation recommend(long now) {
                return new Recommendation(1.0, 1e9, 1, 1, 1e9, 1e9, java.util.Map.of());
            }

            public String name() {
                return "fixed";
            }
        };
        List<UsageTrace.Sample> s = List.of(new UsageTrace.Sample(0, 0.5, 5e8),
                new UsageTrace.Sample(3_600_000, 1.5, 2e9), new UsageTrace.Sample(7_200_000, 0.25, 5e8));
        var o = new RightsizingReplay(3_600_000, 0, 1.0, 1e9).replay(new UsageTrace("t", s), () -> fixed);
        assertEquals(3, o.intervals());
        assertEquals(0.5 + 0 + 0.75, o.overCoreHours(), 1e-12);
        assertEquals((5e8 + 5e8) / RightsizingReplay.GIB, o.overGiBHours(), 1e-12);
        assertEquals(1, o.cpuAbove());
        assertEquals(1, o.memoryAbove());
    }

    @Test
    void autopilotReservesFarLessThanTheVpaOnADiurnalTraceWithRareMisses() {
        UsageTrace t = Traces.diurnal("web", 7, 10, 0.2, 2.0);
        RightsizingReplay replay = RightsizingReplay.defaults();
        var vpa = replay.replay(t, VpaRecommender::new);
        var ours = replay.replay(t, SeasonalRecommender::new);
        assertTrue(ours.overCoreHours() < 0.8 * vpa.overCoreHours(),
                "CPU over-provisioning " + ours.overCoreHours() + " vs VPA " + vpa.overCoreHours());
        assertTrue(ours.overGiBHours() < vpa.overGiBHours(), ours.overGiBHours() + " vs " + vpa.overGiBHours());
        // the CPU miss budget is the VPA's miss rate in a two-day backtest, so on one trace the misses out of sample
        // may exceed the VPA's (here the VPA misses nothing at all); they stay rare. Over the whole evaluation set
        // (src/bench/rightsizing-traces.py) they are fewer than the VPA's: see docs/recommend-scaling.md.
        assertTrue(ours.cpuAbove() < 0.01 * ours.intervals(), ours.cpuAbove() + " vs " + vpa.cpuAbove());
        assertTrue(ours.memoryAbove() <= vpa.memoryAbove(), ours.memoryAbove() + " vs " + vpa.memoryAbove());
    }

    @Test
    void theCommandPrintsEachWorkloadAndTheTotals() throws Exception {
        for (String name : List.of("a", "b")) {
            UsageTrace t = Traces.diurnal(name, name.hashCode(), 4, 0.3, 1.5);
            StringBuilder csv = new StringBuilder("timestamp,cpu_cores,memory_bytes\n");
            t.samples().forEach(x -> csv.append(Instant.ofEpochMilli(x.timeMillis())).append(',')
                    .append(x.cpuCores()).append(',').append((long) x.memoryBytes()).append('\n'));
            Files.writeString(dir.resolve(name + ".csv"), csv);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = EvalRightsizingCommand.run(new String[] { dir.toString() },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(4 + 2 + 2, text.lines().count(), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("TOTAL") && l.contains("vpa")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("TOTAL") && l.contains("autopilot")), text);
        assertTrue(text.contains("over-provisioning vs VPA"), text);
    }

    @Test
    void refusesAMalformedTraceNamingTheLine() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "timestamp,cpu_cores,memory_bytes\n2026-01-01T00:00:00Z,x,1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvalRightsizingCommand.run(new String[] { dir.toString() }, new PrintStream(
                new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 2"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, EvalRightsizingCommand.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
    }
}
