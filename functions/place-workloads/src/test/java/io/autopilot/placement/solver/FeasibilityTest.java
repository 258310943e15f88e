package io.autopilot.placement.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FeasibilityTest {

    /** 2 agents, 3 jobs, 2 resources; job 2 may not go to agent 0. */
    private static final GapProblem PROBLEM = new GapProblem(
            new double[][]{{1, 1, 1}, {1, 1, 1}},
            new long[][][]{
                {{2, 2, 2}, {2, 2, 2}},
                {{1, 5, 1}, {1, 1, 1}}},
            new long[][]{{4, 4}, {5, 3}},
            new boolean[][]{{true, true, false}, {true, true, true}});

    @Test
    void acceptsAFeasibleAssignment() {
        assertEquals(List.of(), Feasibility.violations(PROBLEM, new int[]{0, 1, 1}));
    }

    @Test
    void reportsEveryOverloadedAgentAndResourceWithTheAmount() {
        assertEquals(List.of("agent 1 resource 0: load 6 of 3 jobs exceeds capacity 4 by 2"),
                Feasibility.violations(PROBLEM, new int[]{1, 1, 1}));
        assertEquals(List.of("agent 0 resource 1: load 6 of 2 jobs exceeds capacity 5 by 1"),
                Feasibility.violations(PROBLEM, new int[]{0, 0, 1}));
    }

    @Test
    void reportsForbiddenPairsUnassignedJobsAndUnknownAgents() {
        assertEquals(List.of(
                        "job 0 is unassigned",
                        "job 1 is assigned to agent 7, which does not exist (agents 0..1)",
                        "job 2 is assigned to agent 0, a forbidden pair"),
                Feasibility.violations(PROBLEM, new int[]{-1, 7, 0}));
    }

    @Test
    void rejectsAnAssignmentOfTheWrongLength() {
        List<String> violations = Feasibility.violations(PROBLEM, new int[]{0, 1});
        assertEquals(List.of("assignment has 2 entries for 3 jobs"), violations);
        assertTrue(Feasibility.violations(PROBLEM, null).contains("no assignment"));
    }
}
