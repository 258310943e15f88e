package io.autopilot.placement.solver;

import java.util.Arrays;

/**
 * What the solver returns.
 *
 * @param assignment {@code assignment[j]} is the agent of job j, or -1 when job j is unassigned (only when it has
 *                   no allowed agent at all)
 * @param objective  total cost of the assigned jobs
 * @param feasible   true when every job is assigned to an allowed agent and every capacity holds; when false, the
 *                   assignment is the least overloaded one found and the caller should name the binding
 *                   constraints (see {@link Feasibility#violations})
 * @param millis     wall time of the solve, construction included
 * @param method     which stages ran and how far the search got, for logs
 */
public record GapSolution(int[] assignment, double objective, boolean feasible, long millis, String method) {

    public GapSolution {
        assignment = assignment.clone();
    }

    /** A copy, so that a caller cannot change a solution another caller holds. */
    @Override
    public int[] assignment() {
        return assignment.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GapSolution that
                && Arrays.equals(assignment, that.assignment)
                && Double.compare(objective, that.objective) == 0
                && feasible == that.feasible
                && millis == that.millis
                && method.equals(that.method);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(assignment) + Double.hashCode(objective);
    }

    @Override
    public String toString() {
        return "GapSolution[objective=" + objective + ", feasible=" + feasible + ", millis=" + millis
                + ", method=" + method + ", assignment=" + Arrays.toString(assignment) + "]";
    }
}
