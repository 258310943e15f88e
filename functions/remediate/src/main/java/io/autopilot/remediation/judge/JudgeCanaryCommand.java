package io.autopilot.remediation.judge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./autopilot judge-canary <baseline.csv> <canary.csv> [--direction increase|decrease|either]}: one numeric
 * sample per line (blank lines and lines starting with {@code #} skipped; a header line that is not a number is
 * skipped if it is the first line), judged by the same {@link CanaryJudge} the remediate function uses, with
 * Kayenta's defaults. Prints one JSON object:
 * {@code {"u":...,"p_value":...,"effect_size":...,"verdict":"pass|marginal|fail|no_data",...}} where {@code u} is U
 * of the canary sample. Exit 0 on any verdict, 2 on bad input.
 */
public final class JudgeCanaryCommand {

    static final String USAGE = "usage: judge-canary <baseline.csv> <canary.csv> [--direction increase|decrease|either]";

    private JudgeCanaryCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        CanaryJudge.Direction direction = CanaryJudge.Direction.INCREASE;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--direction") && i + 1 < args.length) {
                    direction = CanaryJudge.Direction.parse(args[++i]);
                } else if (args[i].startsWith("--direction=")) {
                    direction = CanaryJudge.Direction.parse(args[i].substring("--direction=".length()));
                } else if (args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                } else {
                    positional.add(args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (positional.size() != 2) {
            err.println(USAGE);
            return 2;
        }
        double[] baseline, canary;
        try {
            baseline = read(Path.of(positional.get(0)));
            canary = read(Path.of(positional.get(1)));
        } catch (IOException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        CanaryJudge judge = new CanaryJudge(CanaryJudge.Settings.kayentaDefaults());
        CanaryJudge.MetricResult r = judge.judge(new CanaryJudge.Metric("metric", direction, 1, false, false,
                baseline, canary));
        out.println(toJson(r, judge.settings().confidence()));
        return 0;
    }

    static String toJson(CanaryJudge.MetricResult r, double confidence) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"u\":").append(num(r.u()));
        sb.append(",\"p_value\":").append(num(r.pValue()));
        sb.append(",\"effect_size\":").append(num(r.effectSize()));
        sb.append(",\"verdict\":\"").append(r.verdict()).append('"');
        sb.append(",\"method\":").append(r.method() == null ? "null" : "\"" + r.method() + "\"");
        sb.append(",\"confidence\":").append(num(confidence));
        sb.append(",\"shift\":").append(num(r.shift()));
        sb.append(",\"shift_interval\":[").append(num(r.shiftLower())).append(',').append(num(r.shiftUpper()))
                .append(']');
        sb.append(",\"baseline\":{\"n\":").append(r.baselineCount()).append(",\"mean\":").append(num(r.baselineMean()))
                .append(",\"median\":").append(num(r.baselineMedian())).append('}');
        sb.append(",\"canary\":{\"n\":").append(r.canaryCount()).append(",\"mean\":").append(num(r.canaryMean()))
                .append(",\"median\":").append(num(r.canaryMedian())).append('}');
        sb.append(",\"reason\":\"").append(r.reason().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        return sb.append('}').toString();
    }

    private static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "null";
        }
        if (v.isInfinite()) {
            return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return Double.toString(v);
    }

    /** One number per line. */
    static double[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        List<String> lines = Files.readAllLines(file);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String first = line.split(",", 2)[0].trim();
            double v;
            try {
                v = Double.parseDouble(first);
            } catch (NumberFormatException e) {
                if (values.isEmpty() && i == firstContentLine(lines)) {
                    continue; // a header
                }
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a number: '" + line + "'");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a finite number: '" + line + "'");
            }
            values.add(v);
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int firstContentLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (!l.isEmpty() && !l.startsWith("#")) {
                return i;
            }
        }
        return -1;
    }
}
