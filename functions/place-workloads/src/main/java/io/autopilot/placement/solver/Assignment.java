package io.autopilot.placement.solver;

import java.util.Arrays;

/**
 * A complete assignment with its loads, cost and per-agent job lists kept up to date move by move, so that a move
 * is evaluated and applied in O(resources) instead of recomputing the whole solution, and so that the pair scan
 * can walk the jobs of one agent at a time.
 */
final class Assignment {

    final SearchSpace space;
    /** agentOf[j], -1 for a job without candidates. */
    final int[] agentOf;
    /** load[r * agents + a]. */
    final long[] load;
    double cost;
    /** Number of (resource, agent) pairs whose load exceeds capacity: zero means capacity-feasible. */
    int overloadedPairs;
    /** overloadedResources[a]: in how many resources agent a exceeds its capacity. */
    final int[] overloadedResources;
    /** jobsOn[a * jobs + k], k < jobCount[a]: the jobs on agent a, in no particular order. */
    final int[] jobsOn;
    final int[] jobCount;
    /** slot[j]: where job j sits in its agent's list. */
    private final int[] slot;

    Assignment(SearchSpace space, int[] agentOf) {
        this.space = space;
        this.agentOf = agentOf.clone();
        this.load = new long[space.resources * space.agents];
        this.overloadedResources = new int[space.agents];
        this.jobsOn = new int[space.agents * space.jobs];
        this.jobCount = new int[space.agents];
        this.slot = new int[space.jobs];
        recompute();
    }

    /** Rebuilds loads, lists and cost from agentOf; also wipes out the rounding drift of many cost deltas. */
    void recompute() {
        Arrays.fill(load, 0);
        Arrays.fill(jobCount, 0);
        double total = 0;
        for (int j = 0; j < space.jobs; j++) {
            int a = agentOf[j];
            if (a >= 0) {
                total += space.cost(a, j);
                for (int r = 0; r < space.resources; r++) {
                    load[r * space.agents + a] += space.weight(r, a, j);
                }
                append(j, a);
            }
        }
        cost = total;
        overloadedPairs = 0;
        Arrays.fill(overloadedResources, 0);
        for (int a = 0; a < space.agents; a++) {
            refreshAgent(a);
        }
    }

    void assignFrom(int[] agents) {
        System.arraycopy(agents, 0, agentOf, 0, agentOf.length);
        recompute();
    }

    boolean capacityFeasible() {
        return overloadedPairs == 0;
    }

    /** Moves job j to agent b. */
    void shift(int j, int b) {
        int a = agentOf[j];
        cost += space.cost(b, j) - space.cost(a, j);
        int m = space.agents;
        for (int r = 0; r < space.resources; r++) {
            load[r * m + a] -= space.weight(r, a, j);
            load[r * m + b] += space.weight(r, b, j);
        }
        agentOf[j] = b;
        remove(j, a);
        append(j, b);
        refreshAgent(a);
        refreshAgent(b);
    }

    /** Exchanges the agents of jobs j1 and j2. */
    void swap(int j1, int j2) {
        int a = agentOf[j1];
        int b = agentOf[j2];
        cost += space.cost(b, j1) - space.cost(a, j1) + space.cost(a, j2) - space.cost(b, j2);
        int m = space.agents;
        for (int r = 0; r < space.resources; r++) {
            load[r * m + a] += space.weight(r, a, j2) - space.weight(r, a, j1);
            load[r * m + b] += space.weight(r, b, j1) - space.weight(r, b, j2);
        }
        agentOf[j1] = b;
        agentOf[j2] = a;
        int n = space.jobs;
        int slot1 = slot[j1];
        jobsOn[a * n + slot1] = j2;
        jobsOn[b * n + slot[j2]] = j1;
        slot[j1] = slot[j2];
        slot[j2] = slot1;
        refreshAgent(a);
        refreshAgent(b);
    }

    private void append(int j, int a) {
        slot[j] = jobCount[a];
        jobsOn[a * space.jobs + jobCount[a]++] = j;
    }

    /** Fills the hole with the agent's last job: O(1), order does not matter. */
    private void remove(int j, int a) {
        int n = space.jobs;
        int last = jobsOn[a * n + --jobCount[a]];
        jobsOn[a * n + slot[j]] = last;
        slot[last] = slot[j];
    }

    /** Recounts the overloaded resources of agent a after its load changed. */
    private void refreshAgent(int a) {
        int m = space.agents;
        int count = 0;
        for (int r = 0; r < space.resources; r++) {
            int index = r * m + a;
            if (load[index] > space.capacity[index]) {
                count++;
            }
        }
        overloadedPairs += count - overloadedResources[a];
        overloadedResources[a] = count;
    }

    /**
     * Total overload in units of each resource's mean capacity, summed over resources and agents: how far from
     * feasible this assignment is, comparable across resources with different scales.
     */
    double relativeOverload() {
        double total = 0;
        int m = space.agents;
        for (int r = 0; r < space.resources; r++) {
            double scale = Math.max(1.0, space.meanCapacity[r]);
            for (int a = 0; a < m; a++) {
                long excess = load[r * m + a] - space.capacity[r * m + a];
                if (excess > 0) {
                    total += excess / scale;
                }
            }
        }
        return total;
    }
}
