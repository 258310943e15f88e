package io.autopilot.anomaly.eval;

import io.autopilot.anomaly.detect.DetectorFactory;
import io.autopilot.anomaly.detect.Detectors;
import io.autopilot.anomaly.detect.EnsembleDetector;
import io.autopilot.anomaly.detect.EnsembleParams;
import io.autopilot.anomaly.detect.SeriesDetector;
import io.autopilot.anomaly.eval.NabSeries.MalformedInputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the shipped detector ({@link Detectors#standard()}) over a folder in NAB layout and writes one results CSV
 * per data file, {@code timestamp,anomaly_score}, one row per input row in the same order, under the same relative
 * path in the output folder. Every {@code *.csv} below the data folder is a data file, at any depth, so any folder
 * of NAB-style series works, not only NAB's own. Each series gets a fresh detector and is fed in file order,
 * so every score uses only the rows up to its own (the streaming rule of NAB).
 *
 * <pre>
 * ./autopilot eval-nab DATA_DIR OUT_DIR [--without PART]...
 * </pre>
 *
 * <p>{@code --without PART} runs the detector with one of its parts switched off ({@link Ablation}); it exists for
 * the ablation table in docs/score-anomaly-detector.md, the function always runs the whole detector.
 *
 * <p>All files are read and checked before anything is written, so a malformed file (missing header column,
 * missing cell, non-numeric, NaN or infinite value, unparseable timestamp) fails the run with exit code 2 and a
 * message naming the file and line, and leaves no partial results. Rows are fed in file order: NAB's own files
 * repeat an hour at daylight-saving changes, so a row whose timestamp is not after the previous row's is fed
 * 1 ms after it (the detector itself refuses such samples) and the run says how many there were.
 */
public final class EvalNabCommand {

    static final String USAGE = "usage: ./autopilot eval-nab <data-dir> <out-dir> [--without PART]...   (PART: "
            + String.join(", ", Ablation.PARTS.keySet()) + "; for the ablation table only)";

    private EvalNabCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command without System.exit, for tests: returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length % 2 != 0) {
            err.println(USAGE);
            return 2;
        }
        DetectorFactory factory = Detectors.standard();
        if (args.length > 2) {
            EnsembleParams params = EnsembleParams.tuned();
            StringBuilder name = new StringBuilder(factory.name());
            for (int i = 2; i < args.length; i += 2) {
                if (!args[i].equals("--without") || !Ablation.PARTS.containsKey(args[i + 1])) {
                    err.println("eval-nab: unknown option '" + args[i] + " " + args[i + 1] + "'");
                    err.println(USAGE);
                    return 2;
                }
                params = Ablation.without(params, args[i + 1]);
                name.append(" without ").append(args[i + 1]);
            }
            factory = EnsembleDetector.factory(params);
            out.println("eval-nab: " + name);
        }
        return run(new String[] {args[0], args[1]}, factory, out, err);
    }

    static int run(String[] args, DetectorFactory factory, PrintStream out, PrintStream err) {
        Path data = Path.of(args[0]);
        Path results = Path.of(args[1]);
        if (!Files.isDirectory(data)) {
            err.println("eval-nab: data folder '" + data + "' does not exist or is not a folder");
            err.println(USAGE);
            return 2;
        }
        List<NabSeries> series = new ArrayList<>();
        try {
            for (Path file : dataFiles(data)) {
                series.add(NabSeries.read(data, file));
            }
        } catch (MalformedInputException e) {
            err.println("eval-nab: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("eval-nab: cannot list '" + data + "': " + e.getMessage());
            return 2;
        }
        long rows = 0;
        int adjusted = 0;
        long start = System.nanoTime();
        try {
            for (NabSeries s : series) {
                write(s, score(s, factory), results.resolve(s.relative()));
                rows += s.size();
                adjusted += s.notAfterPrevious();
            }
        } catch (IOException e) {
            err.println("eval-nab: cannot write results under '" + results + "': " + e.getMessage());
            return 1;
        }
        long millis = (System.nanoTime() - start) / 1_000_000L;
        out.println("eval-nab: " + factory.name() + " scored " + rows + " rows in " + series.size() + " files ("
                + millis + " ms) into " + results);
        if (adjusted > 0) {
            out.println("eval-nab: " + adjusted + " rows had a timestamp not after the previous row's (e.g. a"
                    + " repeated daylight-saving hour) and were fed 1 ms after it");
        }
        return 0;
    }

    static List<Path> dataFiles(Path data) throws IOException {
        try (Stream<Path> walk = Files.walk(data)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv"))
                    .sorted().collect(Collectors.toList());
        }
    }

    static double[] score(NabSeries s, DetectorFactory factory) {
        SeriesDetector detector = factory.create();
        double[] scores = new double[s.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = detector.update(s.epochMillis()[i], s.values()[i]).score();
        }
        return scores;
    }

    private static void write(NabSeries s, double[] scores, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("timestamp,anomaly_score\n");
            for (int i = 0; i < scores.length; i++) {
                w.write(s.timestamps()[i]);
                w.write(',');
                w.write(Double.toString(scores[i]));
                w.write('\n');
            }
        }
    }
}
