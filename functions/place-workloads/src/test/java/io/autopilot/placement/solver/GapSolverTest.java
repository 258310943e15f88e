package io.autopilot.placement.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

class GapSolverTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private static GapProblem shared(String name) throws IOException {
        return GapProblem.parseOrLibrary(Files.readString(GapProblemTest.INSTANCES.resolve(name + ".txt")));
    }

    @Test
    void findsTheProvenOptimumOfASmallOrLibraryInstance() throws IOException {
        GapProblem problem = shared("c515-1");
        GapSolution solution = new GapSolver().solve(problem, Duration.ofSeconds(1));
        assertTrue(solution.feasible());
        assertEquals(List.of(), Feasibility.violations(problem, solution.assignment()));
        assertEquals(261.0, solution.objective());
    }

    @Test
    void matchesBruteForceWithForbiddenPairsAndSeveralResources() {
        Random random = new Random(7);
        int feasibleInstances = 0;
        for (int instance = 0; instance < 25; instance++) {
            GapProblem problem = randomProblem(random, 3, 8, 2);
            double optimum = bruteForceOptimum(problem);
            // An iteration cap instead of a time limit: the same result on any machine.
            GapSolution solution = new GapSolver(GapSolver.Variant.FULL, 2_000).solve(problem, GENEROUS, instance);
            List<String> violations = Feasibility.violations(problem, solution.assignment());
            if (Double.isInfinite(optimum)) {
                assertFalse(solution.feasible(), "instance " + instance + " has no feasible assignment");
                assertFalse(violations.isEmpty());
                continue;
            }
            feasibleInstances++;
            assertTrue(solution.feasible(), "instance " + instance);
            assertEquals(List.of(), violations, "instance " + instance);
            assertEquals(optimum, solution.objective(), 1e-9, "instance " + instance);
        }
        assertTrue(feasibleInstances >= 10, "the generator should give mostly feasible instances");
    }

    /** Costs 1..30, weights 1..10 per resource, capacity 60% of an even share, one pair in five forbidden. */
    private static GapProblem randomProblem(Random random, int agents, int jobs, int resources) {
        double[][] cost = new double[agents][jobs];
        long[][][] weight = new long[resources][agents][jobs];
        long[][] capacity = new long[resources][agents];
        boolean[][] allowed = new boolean[agents][jobs];
        for (int a = 0; a < agents; a++) {
            for (int j = 0; j < jobs; j++) {
                cost[a][j] = 1 + random.nextInt(30);
                allowed[a][j] = random.nextInt(5) != 0;
                for (int r = 0; r < resources; r++) {
                    weight[r][a][j] = 1 + random.nextInt(10);
                }
            }
        }
        for (int r = 0; r < resources; r++) {
            for (int a = 0; a < agents; a++) {
                long total = 0;
                for (int j = 0; j < jobs; j++) {
                    total += weight[r][a][j];
                }
                capacity[r][a] = Math.round(1.6 * total / agents);
            }
        }
        return new GapProblem(cost, weight, capacity, allowed);
    }

    /** Every one of agents^jobs assignments, checked with the independent checker. */
    private static double bruteForceOptimum(GapProblem problem) {
        int[] assignment = new int[problem.jobs()];
        double best = Double.POSITIVE_INFINITY;
        while (true) {
            if (Feasibility.violations(problem, assignment).isEmpty()) {
                double cost = 0;
                for (int j = 0; j < assignment.length; j++) {
                    cost += problem.cost(assignment[j], j);
                }
                best = Math.min(best, cost);
            }
            int position = 0;
            while (position < assignment.length && ++assignment[position] == problem.agents()) {
                assignment[position++] = 0;
            }
            if (position == assignment.length) {
                return best;
            }
        }
    }

    @Test
    void saysInfeasibleWhenNoPackingExistsThoughEveryJobFitsAlone() {
        // Three jobs of 6 on two agents of 10: each job fits, the totals fit (18 <= 20), no assignment does.
        GapProblem problem = new GapProblem(new double[][]{{1, 1, 1}, {1, 1, 1}},
                new long[][][]{{{6, 6, 6}, {6, 6, 6}}}, new long[][]{{10, 10}}, null);
        GapSolution solution = new GapSolver().solve(problem, Duration.ofMillis(200));
        assertFalse(solution.feasible());
        assertFalse(Feasibility.violations(problem, solution.assignment()).isEmpty());
        for (int agent : solution.assignment()) {
            assertTrue(agent == 0 || agent == 1, "every job is still placed, on its least overloaded agent");
        }
    }

    @Test
    void leavesAJobWithoutAnyAllowedAgentUnassignedAndSaysInfeasible() {
        GapProblem problem = new GapProblem(new double[][]{{1, 2}, {2, 1}},
                new long[][][]{{{1, 1}, {1, 1}}}, new long[][]{{5, 5}},
                new boolean[][]{{true, false}, {true, false}});
        GapSolution solution = new GapSolver().solve(problem, Duration.ofMillis(200));
        assertFalse(solution.feasible());
        assertEquals(-1, solution.assignment()[1]);
        assertEquals(0, solution.assignment()[0]);
        assertEquals(List.of("job 1 is unassigned"), Feasibility.violations(problem, solution.assignment()));
    }

    @Test
    void saysInfeasibleWhenAJobIsTooHeavyForEveryAgent() {
        // Job 0 overloads agent 0 in resource 0 (6 > 5) and agent 1 in resource 1 (1 > 0); job 1 fits agent 0 only.
        GapProblem problem = new GapProblem(new double[][]{{1, 1}, {1, 1}},
                new long[][][]{{{6, 1}, {3, 1}}, {{1, 1}, {1, 1}}}, new long[][]{{5, 5}, {9, 0}}, null);
        GapSolution solution = new GapSolver().solve(problem, Duration.ofMillis(200));
        assertFalse(solution.feasible());
        assertTrue(solution.method().contains("provably infeasible"), solution.method());
        assertEquals(0, solution.assignment()[1]);
        assertEquals(1, Feasibility.violations(problem, solution.assignment()).size());
    }

    @Test
    void solvesAProblemWithoutJobs() {
        GapProblem problem = new GapProblem(new double[][]{{}, {}}, new long[][][]{{{}, {}}}, new long[][]{{1, 1}},
                null);
        GapSolution solution = new GapSolver().solve(problem, Duration.ofMillis(50));
        assertTrue(solution.feasible());
        assertEquals(0.0, solution.objective());
        assertEquals(0, solution.assignment().length);
    }

    /**
     * A clock that moves a fixed step every time it is read, so what is checked is that every phase of the solver
     * stops at its deadline, decided by the solver's own clock reads and not by how loaded the machine is (speed is
     * the benchmark's business, src/bench/place-workloads-bench.sh).
     */
    static final class TickingClock implements LongSupplier {
        private final long step;
        private long now;

        TickingClock(long stepNanos) {
            this.step = stepNanos;
        }

        @Override
        public long getAsLong() {
            now += step;
            return now;
        }

        long millis() {
            return now / 1_000_000L;
        }

        /** How far past {@code limit} the clock went, in reads: the steps taken after the deadline. */
        long readsPast(Duration limit) {
            return Math.max(0, now - limit.toNanos()) / step;
        }
    }

    @Test
    void everyPhaseStopsAtTheDeadlineOnTheLargestSharedInstance() throws IOException {
        GapProblem problem = shared("c20200");
        for (long step : new long[] { 1_000, 20_000, 400_000 }) {
            TickingClock clock = new TickingClock(step);
            // an iteration cap far beyond what 50 ms allows: a phase that ignored its deadline would run to it
            GapSolution solution = new GapSolver(GapSolver.Variant.FULL, 200_000, clock).solve(problem,
                    Duration.ofMillis(50));
            // a deadline is checked between steps: each later phase reads the clock once to find it gone, and the
            // answer reads it for its timing, so a handful of reads over; a loop ignoring it would be thousands
            assertTrue(clock.readsPast(Duration.ofMillis(50)) <= 8, "step " + step + " ns: the clock read "
                    + clock.millis() + " ms, " + solution.method());
            assertTrue(solution.feasible(), solution.method());
        }
    }

    @Test
    void stopsAtTheDeadlineWithThreeResources() {
        GapProblem problem = randomProblem(new Random(3), 20, 200, 3);
        TickingClock clock = new TickingClock(10_000);
        GapSolution solution = new GapSolver(GapSolver.Variant.FULL, 200_000, clock).solve(problem,
                Duration.ofMillis(50));
        assertTrue(clock.readsPast(Duration.ofMillis(50)) <= 8, "the clock read " + clock.millis() + " ms");
        assertEquals(solution.feasible(), Feasibility.violations(problem, solution.assignment()).isEmpty());
    }

    @Test
    void givesTheSameAnswerForTheSameSeedAndIterations() throws IOException {
        GapProblem problem = shared("c1060-1");
        GapSolver solver = new GapSolver(GapSolver.Variant.FULL, 300);
        GapSolution first = solver.solve(problem, GENEROUS, 42);
        GapSolution second = solver.solve(problem, GENEROUS, 42);
        assertArrayEquals(first.assignment(), second.assignment());
        assertEquals(first.objective(), second.objective());
    }
}
