package io.autopilot.placement.solver;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Solves a {@link GapProblem} within a time limit: regret-greedy constructions under several criteria (one of
 * them priced by Lagrangian multipliers), descent from the best of them, then tabu search with strategic
 * oscillation over shifts, swaps and short ejection chains until the time is up. See the package documentation
 * for why these parts, and src/bench/GAP.md for what each contributes.
 *
 * <p>Stateless and thread-safe: every call builds its own search state. For a given problem, seed and number of
 * search iterations the result is deterministic; how many iterations fit in the time limit depends on the
 * machine and its load, so the same call can stop the same trajectory at a different point.
 */
public final class GapSolver {

    /** Seed of {@link #solve(GapProblem, Duration)}. */
    public static final long DEFAULT_SEED = 20_240_601L;

    /** Share of the remaining time the Lagrangian multipliers may take; they usually converge well before. */
    private static final double LAGRANGIAN_SHARE = 0.5;
    /** Share of the remaining time the descent may take before the tabu search takes over. */
    private static final double DESCENT_SHARE = 0.5;

    /** Which parts run: FULL in production, the others for the ablation in src/bench/GAP.md. */
    enum Variant {
        /** The four classic regret-greedy criteria only. */
        GREEDY_CLASSIC(false, 0, PenaltySearch.Mode.OSCILLATION, true),
        /** All five criteria, the Lagrangian one included. */
        GREEDY(true, 0, PenaltySearch.Mode.OSCILLATION, true),
        /** Then descent over shifts, swaps and chains from the best construction. */
        DESCENT(true, 1, PenaltySearch.Mode.OSCILLATION, true),
        /** Then tabu search that never accepts an overload (fixed prohibitive penalty). */
        TABU_FEASIBLE(true, 2, PenaltySearch.Mode.FEASIBLE_ONLY, true),
        /** Tabu search with strategic oscillation, but shifts and swaps only. */
        NO_CHAINS(true, 2, PenaltySearch.Mode.OSCILLATION, false),
        /** The full solver without the Lagrangian construction. */
        NO_LAGRANGIAN(false, 2, PenaltySearch.Mode.OSCILLATION, true),
        /** Everything: the production setting. */
        FULL(true, 2, PenaltySearch.Mode.OSCILLATION, true);

        final boolean lagrangian;
        final int level;
        final PenaltySearch.Mode mode;
        final boolean chains;

        Variant(boolean lagrangian, int level, PenaltySearch.Mode mode, boolean chains) {
            this.lagrangian = lagrangian;
            this.level = level;
            this.mode = mode;
            this.chains = chains;
        }
    }

    private final Variant variant;
    private final long maxIterations;
    private final LongSupplier clock;

    public GapSolver() {
        this(Variant.FULL, Long.MAX_VALUE);
    }

    /**
     * @param maxIterations stops the tabu search after this many iterations even if time is left, which makes a
     *                      run reproducible whatever the machine (tests)
     */
    GapSolver(Variant variant, long maxIterations) {
        this(variant, maxIterations, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()}: every deadline check reads it (tests drive it) */
    GapSolver(Variant variant, long maxIterations, LongSupplier clock) {
        this.variant = variant;
        this.maxIterations = maxIterations;
        this.clock = clock;
    }

    public GapSolution solve(GapProblem problem, Duration timeLimit) {
        return solve(problem, timeLimit, DEFAULT_SEED);
    }

    /**
     * @param timeLimit wall-clock budget, construction included. The call returns within it, barring a garbage
     *                  collection or a descheduled thread at the wrong moment, and barring a first construction
     *                  that alone takes longer (there is always an answer)
     * @return the best feasible assignment found or, when none was found, the least overloaded one with
     *         feasible=false; never throws because a problem is infeasible
     */
    public GapSolution solve(GapProblem problem, Duration timeLimit, long seed) {
        long start = clock.getAsLong();
        if (problem == null || timeLimit == null || timeLimit.isNegative()) {
            throw new IllegalArgumentException("a problem and a non-negative time limit are required");
        }
        long deadline = start + budgetNanos(timeLimit);
        SearchSpace space = new SearchSpace(problem);
        StringBuilder method = new StringBuilder("regret-greedy");
        Construction construction = construct(space, seed, deadline, method);
        PenaltySearch search = construction.search();
        if (variant.level >= 1) {
            descend(search, construction.start(), deadline);
            method.append("+descent");
        }
        // A provably infeasible problem gets its least overloaded descent at once: no search can make it feasible.
        // The tabu search goes on from where the descent stopped.
        if (!space.provablyInfeasible && variant.level >= 2) {
            search.tabuSearch(variant.mode, deadline, maxIterations);
            method.append(variant.mode == PenaltySearch.Mode.OSCILLATION ? "+tabu-oscillation" : "+tabu-feasible")
                    .append(variant.chains ? "" : "-no-chains")
                    .append('(').append(search.iterations()).append(" iterations)");
        }
        if (space.provablyInfeasible) {
            method.append(", provably infeasible");
        }
        return answer(space, search, start, method.toString());
    }

    /**
     * Keeps a small reserve so that the answer is built and returned inside the limit, and so that the last step
     * after a clock check (a construction, a scan row) does not overrun it: 3% of the limit, at least 0.5 ms, at
     * most 5 ms.
     */
    private static long budgetNanos(Duration timeLimit) {
        long limit = timeLimit.toNanos();
        long reserve = Math.min(5_000_000L, Math.max(500_000L, limit * 3 / 100));
        return Math.max(0, limit - reserve);
    }

    /** The search holding the best constructions as answers, and where descent should start. */
    private record Construction(PenaltySearch search, int[] start) {
    }

    /**
     * Every criterion's construction; the search keeps the best feasible one as an answer. Each is
     * O(n * m * resources) plus an O(n^2) regret loop; the Lagrangian one also runs subgradient steps, aimed at
     * the best feasible cost the others found, within a share of the remaining time. The descent starts from the
     * construction with the least cost + priced overload, feasible or not: on tight instances with several
     * resources the cheap constructions often leave a small overload, and the only feasible one is far dearer.
     */
    private Construction construct(SearchSpace space, long seed, long deadline, StringBuilder method) {
        PenaltySearch search = null;
        int[] start = null;
        double startValue = Double.POSITIVE_INFINITY;
        int built = 0;
        long firstTook = 0;
        for (RegretGreedy.Criterion criterion : RegretGreedy.Criterion.values()) {
            if (criterion == RegretGreedy.Criterion.LAGRANGIAN && !variant.lagrangian) {
                continue;
            }
            // The first construction always runs, even past the deadline, so that there is an answer; another
            // one only starts while twice what the first took is left, so that it does not overrun the limit.
            long now = clock.getAsLong();
            if (built > 0 && deadline - now < 2 * firstTook) {
                break;
            }
            double upperBound = search != null && search.hasFeasible()
                    ? search.answerCost() : Double.POSITIVE_INFINITY;
            long share = criterion == RegretGreedy.Criterion.LAGRANGIAN
                    ? now + (long) ((deadline - now) * LAGRANGIAN_SHARE) : deadline;
            int[] assignment = RegretGreedy.build(space, criterion, upperBound, share, clock);
            if (search == null) {
                firstTook = clock.getAsLong() - now;
                search = new PenaltySearch(space, assignment, seed, variant.chains, clock);
            } else {
                search.restartFrom(assignment);
            }
            double value = search.startingValue();
            if (value < startValue) {
                startValue = value;
                start = assignment;
            }
            built++;
        }
        method.append(" x").append(built);
        return new Construction(search, start);
    }

    /**
     * Descent from one construction only: on large instances descending from every construction would take most
     * of a 50 ms budget. In the full solver it gets a share of the time; the tabu search continues from wherever
     * it stopped.
     */
    private void descend(PenaltySearch search, int[] start, long deadline) {
        search.restartFrom(start);
        long now = clock.getAsLong();
        search.descend(variant.level == 1 ? deadline : now + (long) ((deadline - now) * DESCENT_SHARE));
    }

    private GapSolution answer(SearchSpace space, PenaltySearch search, long start, String method) {
        int[] assignment = search.answer();
        boolean feasible = search.hasFeasible() && !space.provablyInfeasible && allAssigned(assignment);
        long millis = (clock.getAsLong() - start) / 1_000_000L;
        return new GapSolution(assignment, cost(space, assignment), feasible, millis, method);
    }

    private static boolean allAssigned(int[] assignment) {
        for (int agent : assignment) {
            if (agent < 0) {
                return false;
            }
        }
        return true;
    }

    private static double cost(SearchSpace space, int[] assignment) {
        double total = 0;
        for (int j = 0; j < assignment.length; j++) {
            if (assignment[j] >= 0) {
                total += space.cost(assignment[j], j);
            }
        }
        return total;
    }
}
