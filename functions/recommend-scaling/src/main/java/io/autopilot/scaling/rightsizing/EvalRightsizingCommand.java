package io.autopilot.scaling.rightsizing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./autopilot eval-rightsizing <trace-dir>}: replays every {@code *.csv} usage trace in the folder through
 * the VPA baseline and Autopilot's recommender ({@link RightsizingReplay}: hourly recommendations applied as the next
 * hour's request, one day of warm-up) and prints a table per workload and the totals: over-provisioned core-hours and
 * GiB-hours, samples with CPU above the request, samples with memory above the request (OOM), then the change of
 * over-provisioning against the VPA.
 */
public final class EvalRightsizingCommand {

    static final String USAGE = "usage: eval-rightsizing <trace-dir>   (one CSV per workload: "
            + "timestamp,cpu_cores,memory_bytes)";

    private EvalRightsizingCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The totals of one evaluation: VPA then Autopilot. */
    public record Totals(RightsizingReplay.Outcome vpa, RightsizingReplay.Outcome autopilot) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println(USAGE);
            return 2;
        }
        Path dir = Path.of(args[0]);
        List<UsageTrace> traces;
        try {
            traces = readAll(dir);
        } catch (IOException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        evaluate(traces, out);
        return 0;
    }

    public static List<UsageTrace> readAll(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no *.csv traces in " + dir);
        }
        List<UsageTrace> traces = new ArrayList<>();
        for (Path f : files) {
            traces.add(UsageTrace.read(f));
        }
        return traces;
    }

    public static Totals evaluate(List<UsageTrace> traces, PrintStream out) {
        RightsizingReplay replay = RightsizingReplay.defaults();
        out.println(String.format(Locale.ROOT, "%-28s %-9s %9s %12s %11s %9s %9s", "workload", "recommender",
                "samples", "over_core_h", "over_GiB_h", "cpu_above", "mem_above"));
        RightsizingReplay.Outcome vpaTotal = null, apTotal = null;
        for (UsageTrace t : traces) {
            RightsizingReplay.Outcome v = replay.replay(t, VpaRecommender::new);
            RightsizingReplay.Outcome a = replay.replay(t, SeasonalRecommender::new);
            row(out, v);
            row(out, a);
            vpaTotal = vpaTotal == null ? withName(v) : vpaTotal.plus(v);
            apTotal = apTotal == null ? withName(a) : apTotal.plus(a);
        }
        row(out, vpaTotal);
        row(out, apTotal);
        out.println(String.format(Locale.ROOT,
                "over-provisioning vs VPA: CPU %+.1f %%, memory %+.1f %%; CPU samples above request %d vs %d;"
                        + " memory samples above request %d vs %d",
                change(apTotal.overCoreHours(), vpaTotal.overCoreHours()),
                change(apTotal.overGiBHours(), vpaTotal.overGiBHours()), apTotal.cpuAbove(), vpaTotal.cpuAbove(),
                apTotal.memoryAbove(), vpaTotal.memoryAbove()));
        return new Totals(vpaTotal, apTotal);
    }

    private static RightsizingReplay.Outcome withName(RightsizingReplay.Outcome o) {
        return new RightsizingReplay.Outcome("TOTAL", o.recommender(), o.intervals(), o.overCoreHours(),
                o.overGiBHours(), o.cpuAbove(), o.memoryAbove(), o.usedCoreHours(), o.usedGiBHours(),
                o.requestedCoreHours(), o.requestedGiBHours());
    }

    static double change(double ours, double theirs) {
        return theirs == 0 ? 0 : 100 * (ours - theirs) / theirs;
    }

    private static void row(PrintStream out, RightsizingReplay.Outcome o) {
        out.println(String.format(Locale.ROOT, "%-28s %-9s %9d %12.2f %11.2f %9d %9d", o.workload(), o.recommender(),
                o.intervals(), o.overCoreHours(), o.overGiBHours(), o.cpuAbove(), o.memoryAbove()));
    }
}
