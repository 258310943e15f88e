package io.autopilot.placement.solver;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Solves every OR-Library GAP file in a folder and prints one CSV row per file:
 * {@code instance,objective,feasible,millis,assignment}. Feasibility is re-checked with {@link Feasibility},
 * not taken from the solver. Used by src/bench/gap_eval.py.
 *
 * <pre>
 * java -cp functions/place-workloads/target/classes io.autopilot.placement.solver.SolveGapCommand \
 *     DIR TIME_LIMIT_MS [--seed N] [--variant NAME] [--no-warmup]
 * </pre>
 *
 * <p>All files are read and parsed before the first solve, so a malformed file fails the run (exit code 2,
 * naming the file and the token) before any row is printed. Unless {@code --no-warmup} is given, the first file
 * is solved once, untimed and unprinted, before the measured runs: the solver runs inside a long-lived service
 * whose JIT is warm, and without this the first few rows would measure the interpreter rather than the solver.
 * Every printed {@code millis} is the wall time of that row's own solve.
 */
public final class SolveGapCommand {

    private static final String USAGE = "usage: SolveGapCommand <instances-dir> <time-limit-ms> [--seed N]"
            + " [--variant full|greedy-classic|greedy|descent|tabu-feasible|no-chains|no-lagrangian] [--no-warmup]";

    private SolveGapCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command without System.exit, for tests: returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        List<Instance> instances;
        try {
            options = Options.parse(args);
            instances = readAll(options.folder());
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (InputException e) {
            err.println(e.getMessage());
            return 2;
        }
        GapSolver solver = new GapSolver(options.variant(), Long.MAX_VALUE);
        if (options.warmup() && !instances.isEmpty()) {
            solver.solve(instances.get(0).problem(), options.limit(), options.seed());
        }
        out.println("instance,objective,feasible,millis,assignment");
        for (Instance instance : instances) {
            out.println(row(instance, solver, options, err));
        }
        out.flush();
        return 0;
    }

    private static String row(Instance instance, GapSolver solver, Options options, PrintStream err) {
        long start = System.nanoTime();
        GapSolution solution = solver.solve(instance.problem(), options.limit(), options.seed());
        long millis = (System.nanoTime() - start) / 1_000_000L;
        int[] assignment = solution.assignment();
        List<String> violations = Feasibility.violations(instance.problem(), assignment);
        if (solution.feasible() && !violations.isEmpty()) {
            err.println(instance.name() + ": the solver called an infeasible answer feasible: " + violations);
        }
        String agents = java.util.Arrays.stream(assignment).mapToObj(Integer::toString)
                .collect(Collectors.joining(" "));
        return instance.name() + "," + number(solution.objective()) + "," + violations.isEmpty() + "," + millis
                + "," + agents;
    }

    /** Integral costs print as integers (the OR-Library optima are integers), others in plain decimal. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).toPlainString();
    }

    private static List<Instance> readAll(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InputException("not a readable folder: " + folder);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new InputException("cannot list " + folder + ": " + e.getMessage());
        }
        List<Instance> instances = new ArrayList<>();
        for (Path file : files) {
            instances.add(read(file));
        }
        return instances;
    }

    private static Instance read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return new Instance(nameOf(file), GapProblem.parseOrLibrary(text));
        } catch (IllegalArgumentException e) {
            throw new InputException("malformed " + file + ": " + e.getMessage());
        }
    }

    /** File name without its last extension: c515-1.txt -> c515-1. */
    private static String nameOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private record Instance(String name, GapProblem problem) {
    }

    private record Options(Path folder, Duration limit, long seed, GapSolver.Variant variant, boolean warmup) {

        static Options parse(String[] args) {
            List<String> positional = new ArrayList<>();
            long seed = GapSolver.DEFAULT_SEED;
            GapSolver.Variant variant = GapSolver.Variant.FULL;
            boolean warmup = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> seed = parseLong("--seed", value(args, ++i));
                    case "--variant" -> variant = variant(value(args, ++i));
                    case "--no-warmup" -> warmup = false;
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new UsageException("unknown option " + args[i]);
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.size() != 2) {
                throw new UsageException("expected 2 arguments, got " + positional.size());
            }
            long millis = parseLong("the time limit", positional.get(1));
            if (millis < 1) {
                throw new UsageException("the time limit must be at least 1 ms, got " + millis);
            }
            return new Options(Path.of(positional.get(0)), Duration.ofMillis(millis), seed, variant, warmup);
        }

        private static String value(String[] args, int index) {
            if (index >= args.length) {
                throw new UsageException(args[index - 1] + " needs a value");
            }
            return args[index];
        }

        private static long parseLong(String what, String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new UsageException(what + " must be an integer, got '" + text + "'");
            }
        }

        /** The ablation variants of src/bench/GAP.md, by their enum name in lower case with dashes. */
        private static GapSolver.Variant variant(String text) {
            for (GapSolver.Variant variant : GapSolver.Variant.values()) {
                if (variant.name().replace('_', '-').equalsIgnoreCase(text)) {
                    return variant;
                }
            }
            throw new UsageException("unknown variant '" + text + "'");
        }
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }
}
