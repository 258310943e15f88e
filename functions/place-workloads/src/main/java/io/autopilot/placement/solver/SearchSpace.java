package io.autopilot.placement.solver;

/**
 * The problem as the search sees it: flat arrays shared with {@link GapProblem}, plus, per job, the agents it may
 * go to at all. A pair is a candidate when it is allowed and the job alone fits the agent in every resource; a
 * pair that can never be part of a feasible answer is left out, which both shrinks the neighbourhoods and keeps
 * the search from wasting moves on it.
 */
final class SearchSpace {

    final int agents;
    final int jobs;
    final int resources;
    final double[] cost;
    final long[] weight;
    final long[] capacity;
    /** candidates[j]: the agents job j may be moved to, in increasing agent order. */
    final int[][] candidates;
    /** candidate[a * jobs + j]: a is in candidates[j]. */
    final boolean[] candidate;
    /** Least and greatest cost of each job over its candidates (infinite when it has none). */
    final double[] cheapest;
    final double[] dearest;
    /** Some job has no allowed agent it fits on alone, or a resource is short in total: no feasible answer exists. */
    final boolean provablyInfeasible;
    /** Cost of one unit of each resource, roughly: the penalty weights start here (see PenaltySearch). */
    final double[] unitPrice;
    /**
     * weightByJob[(j * agents + a) * resources + r]: the weights again, job-major, so that the resources of one
     * (agent, job) pair are adjacent; the pair scan reads them for jobs in no particular order.
     */
    final long[] weightByJob;
    /** Mean capacity per resource: the unit in which overloads of different resources are added up. */
    final double[] meanCapacity;

    SearchSpace(GapProblem problem) {
        this.agents = problem.agents();
        this.jobs = problem.jobs();
        this.resources = problem.resources();
        this.cost = problem.cost;
        this.weight = problem.weight;
        this.capacity = problem.capacity;
        this.candidate = new boolean[agents * jobs];
        this.weightByJob = new long[weight.length];
        for (int r = 0; r < resources; r++) {
            for (int a = 0; a < agents; a++) {
                for (int j = 0; j < jobs; j++) {
                    weightByJob[(j * agents + a) * resources + r] = weight[(r * agents + a) * jobs + j];
                }
            }
        }
        this.candidates = new int[jobs][];
        this.cheapest = new double[jobs];
        this.dearest = new double[jobs];
        boolean hopeless = false;
        for (int j = 0; j < jobs; j++) {
            candidates[j] = candidatesOf(problem, j);
            hopeless |= candidates[j].length == 0 || !fitsAlone(candidates[j][0], j);
        }
        this.provablyInfeasible = hopeless || resourceShortInTotal();
        this.unitPrice = unitPrices();
        this.meanCapacity = new double[resources];
        for (int r = 0; r < resources; r++) {
            for (int a = 0; a < agents; a++) {
                meanCapacity[r] += capacity[r * agents + a] / (double) agents;
            }
        }
    }

    /**
     * Allowed agents that the job fits alone; if there is none, every allowed agent (the answer will be
     * infeasible, but the least overloaded placement is still useful to the caller).
     */
    private int[] candidatesOf(GapProblem problem, int job) {
        int[] fitting = new int[agents];
        int fit = 0;
        int[] allowedOnly = new int[agents];
        int allowed = 0;
        for (int a = 0; a < agents; a++) {
            if (problem.allowed == null || problem.allowed[a * jobs + job]) {
                allowedOnly[allowed++] = a;
                if (fitsAlone(a, job)) {
                    fitting[fit++] = a;
                }
            }
        }
        int[] chosen = fit > 0 ? java.util.Arrays.copyOf(fitting, fit) : java.util.Arrays.copyOf(allowedOnly, allowed);
        double least = Double.POSITIVE_INFINITY;
        double most = Double.NEGATIVE_INFINITY;
        for (int a : chosen) {
            least = Math.min(least, cost[a * jobs + job]);
            most = Math.max(most, cost[a * jobs + job]);
        }
        cheapest[job] = least;
        dearest[job] = most;
        for (int a : chosen) {
            candidate[a * jobs + job] = true;
        }
        return chosen;
    }

    boolean fitsAlone(int agent, int job) {
        for (int r = 0; r < resources; r++) {
            if (weight[(r * agents + agent) * jobs + job] > capacity[r * agents + agent]) {
                return false;
            }
        }
        return true;
    }

    /** Even putting each job where it uses least of a resource needs more than all agents have together. */
    private boolean resourceShortInTotal() {
        for (int r = 0; r < resources; r++) {
            long total = 0;
            for (int a = 0; a < agents; a++) {
                total += capacity[r * agents + a];
            }
            long least = 0;
            for (int j = 0; j < jobs; j++) {
                long min = Long.MAX_VALUE;
                for (int a : candidates[j]) {
                    min = Math.min(min, weight[(r * agents + a) * jobs + j]);
                }
                least += candidates[j].length == 0 ? 0 : min;
            }
            if (least > total) {
                return true;
            }
        }
        return false;
    }

    /**
     * Mean cost spread per mean weight, per resource: how much cost one unit of a resource is worth. Penalty
     * weights in cost units per resource unit start from this, so that the same search settings work whatever
     * the scales of costs and weights are.
     */
    private double[] unitPrices() {
        double spread = 0;
        double magnitude = 0;
        int counted = 0;
        for (int j = 0; j < jobs; j++) {
            int[] list = candidates[j];
            if (list.length > 0) {
                spread += dearest[j] - cheapest[j];
                magnitude += Math.abs(cheapest[j]);
                counted++;
            }
        }
        // When every agent costs the same, the spread is zero; the cost level then sets the scale.
        double meanSpread = counted == 0 ? 1 : (spread > 0 ? spread : magnitude) / counted;
        if (meanSpread <= 0) {
            meanSpread = 1;
        }
        double[] prices = new double[resources];
        for (int r = 0; r < resources; r++) {
            double sum = 0;
            long pairs = 0;
            for (int j = 0; j < jobs; j++) {
                for (int a : candidates[j]) {
                    sum += weight[(r * agents + a) * jobs + j];
                    pairs++;
                }
            }
            double meanWeight = pairs == 0 || sum <= 0 ? 1 : sum / pairs;
            prices[r] = meanSpread / meanWeight;
        }
        return prices;
    }

    double cost(int agent, int job) {
        return cost[agent * jobs + job];
    }

    long weight(int resource, int agent, int job) {
        return weight[(resource * agents + agent) * jobs + job];
    }
}
