package io.autopilot.placement.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent check of an assignment against a problem. It recomputes every load from the public accessors
 * and shares no state or code with the solver, so a solver bug cannot hide behind it.
 */
public final class Feasibility {

    private Feasibility() {
    }

    /**
     * Every way in which the assignment breaks the problem, in a stable order: wrong length, then per job
     * (unassigned, unknown agent, forbidden pair), then per agent and resource (overload). Empty when feasible.
     */
    public static List<String> violations(GapProblem problem, int[] assignment) {
        List<String> violations = new ArrayList<>();
        if (assignment == null) {
            violations.add("no assignment");
            return violations;
        }
        if (assignment.length != problem.jobs()) {
            violations.add("assignment has " + assignment.length + " entries for " + problem.jobs() + " jobs");
            return violations;
        }
        for (int job = 0; job < assignment.length; job++) {
            checkJob(problem, job, assignment[job], violations);
        }
        checkCapacities(problem, assignment, violations);
        return violations;
    }

    private static void checkJob(GapProblem problem, int job, int agent, List<String> violations) {
        if (agent == -1) {
            violations.add("job " + job + " is unassigned");
        } else if (agent < 0 || agent >= problem.agents()) {
            violations.add("job " + job + " is assigned to agent " + agent + ", which does not exist (agents 0.."
                    + (problem.agents() - 1) + ")");
        } else if (!problem.allowed(agent, job)) {
            violations.add("job " + job + " is assigned to agent " + agent + ", a forbidden pair");
        }
    }

    private static void checkCapacities(GapProblem problem, int[] assignment, List<String> violations) {
        for (int resource = 0; resource < problem.resources(); resource++) {
            for (int agent = 0; agent < problem.agents(); agent++) {
                long load = 0;
                int count = 0;
                for (int job = 0; job < assignment.length; job++) {
                    if (assignment[job] == agent) {
                        load = Math.addExact(load, problem.weight(resource, agent, job));
                        count++;
                    }
                }
                long capacity = problem.capacity(resource, agent);
                if (load > capacity) {
                    violations.add("agent " + agent + " resource " + resource + ": load " + load + " of " + count
                            + " jobs exceeds capacity " + capacity + " by " + (load - capacity));
                }
            }
        }
    }
}
