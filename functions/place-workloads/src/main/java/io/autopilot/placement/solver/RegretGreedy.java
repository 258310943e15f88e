package io.autopilot.placement.solver;

import java.util.function.LongSupplier;
/**
 * Regret-based greedy construction in the spirit of Martello and Toth's MTHG: repeatedly take the unassigned job
 * that would lose most if its best agent filled up (the largest difference between its best and second-best
 * agent that still has room), and give it its best agent. Which agent is "best" depends on a desirability
 * criterion, and different criteria win on different instances (cost alone on loose capacities, weight on tight
 * ones), so the solver runs several and keeps the best. The strongest on tight instances prices capacity with
 * Lagrangian multipliers (see {@link #capacityMultipliers}).
 *
 * <p>Only the agent that just received a job lost room, so after each step only the jobs whose best or second
 * agent was that agent and no longer fits are re-evaluated; with the O(n) search for the largest regret, a
 * construction is O(n^2 + n * m * resources) in practice.
 */
final class RegretGreedy {

    /** Desirability criteria, smaller is better. */
    enum Criterion {
        /** Cost plus relative weight priced at the mean cost spread: cheap, and usually a feasible first answer. */
        COST_PLUS_WEIGHT,
        /**
         * Cost plus each resource priced per agent by Lagrangian multipliers of the capacity constraints, found by
         * subgradient optimisation: an agent that everyone wants becomes dearer until demand roughly fits. The
         * strongest criterion on tight instances, and the dearest (see capacityMultipliers).
         */
        LAGRANGIAN,
        /** The cost itself. */
        COST,
        /** The share of the agent's capacity the job takes, summed over resources. */
        RELATIVE_WEIGHT,
        /** Cost above the job's cheapest, times relative weight: cheap and small. */
        COST_TIMES_WEIGHT
    }

    private static final double MUST_PLACE_NOW = Double.MAX_VALUE;
    /** Subgradient rounds at most; with Polyak steps the step size usually collapses well before. */
    private static final int SUBGRADIENT_ROUNDS = 100;

    private final SearchSpace space;
    private final int[] agentOf;
    private final long[] load;
    private final double[] desirability;
    private final int[] best;
    private final int[] second;
    private final double[] regret;
    private final LongSupplier clock;

    private RegretGreedy(SearchSpace space, Criterion criterion, double upperBound, long deadlineNanos,
            LongSupplier clock) {
        this.clock = clock;
        this.space = space;
        this.agentOf = new int[space.jobs];
        this.load = new long[space.resources * space.agents];
        this.desirability = desirabilities(space, criterion, upperBound, deadlineNanos, clock);
        this.best = new int[space.jobs];
        this.second = new int[space.jobs];
        this.regret = new double[space.jobs];
    }

    /**
     * A complete assignment (every job with a candidate gets one; capacities may be exceeded when a job no longer
     * fits anywhere, or when the deadline cut the regret phase short).
     */
    static int[] build(SearchSpace space, Criterion criterion, double upperBound, long deadlineNanos,
            LongSupplier clock) {
        return new RegretGreedy(space, criterion, upperBound, deadlineNanos, clock).run(deadlineNanos);
    }

    private int[] run(long deadlineNanos) {
        java.util.Arrays.fill(agentOf, -1);
        for (int j = 0; j < space.jobs; j++) {
            evaluate(j);
        }
        for (int step = 0; step < space.jobs; step++) {
            // One step costs O(n + m * affected jobs), so a clock read per step costs next to nothing.
            if (clock.getAsLong() - deadlineNanos >= 0) {
                break;
            }
            int job = largestRegret();
            if (job < 0) {
                break;
            }
            place(job, best[job]);
        }
        placeLeftovers();
        return agentOf;
    }

    private int largestRegret() {
        int chosen = -1;
        double most = -1;
        for (int j = 0; j < space.jobs; j++) {
            if (agentOf[j] < 0 && best[j] >= 0 && regret[j] > most) {
                most = regret[j];
                chosen = j;
            }
        }
        return chosen;
    }

    private void place(int job, int agent) {
        agentOf[job] = agent;
        int m = space.agents;
        for (int r = 0; r < space.resources; r++) {
            load[r * m + agent] += space.weight(r, agent, job);
        }
        for (int j = 0; j < space.jobs; j++) {
            if (agentOf[j] < 0 && (best[j] == agent || second[j] == agent) && !fits(agent, j)) {
                evaluate(j);
            }
        }
    }

    /** Best and second-best agent with room for the job, and the regret between them. */
    private void evaluate(int job) {
        int first = -1;
        int next = -1;
        double firstValue = Double.MAX_VALUE;
        double nextValue = Double.MAX_VALUE;
        for (int a : space.candidates[job]) {
            if (!fits(a, job)) {
                continue;
            }
            double value = desirability[a * space.jobs + job];
            if (value < firstValue) {
                next = first;
                nextValue = firstValue;
                first = a;
                firstValue = value;
            } else if (value < nextValue) {
                next = a;
                nextValue = value;
            }
        }
        best[job] = first;
        second[job] = next;
        regret[job] = next < 0 ? MUST_PLACE_NOW : nextValue - firstValue;
    }

    private boolean fits(int agent, int job) {
        int m = space.agents;
        for (int r = 0; r < space.resources; r++) {
            int index = r * m + agent;
            if (load[index] + space.weight(r, agent, job) > space.capacity[index]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Jobs that fit nowhere any more (or were not reached before the deadline): the cheapest agent with room,
     * else the one where the job adds least overload relative to capacity. The search repairs the rest.
     */
    private void placeLeftovers() {
        for (int j = 0; j < space.jobs; j++) {
            if (agentOf[j] >= 0 || space.candidates[j].length == 0) {
                continue;
            }
            int chosen = -1;
            for (int a : space.candidates[j]) {
                if (fits(a, j) && (chosen < 0 || space.cost(a, j) < space.cost(chosen, j))) {
                    chosen = a;
                }
            }
            if (chosen < 0) {
                chosen = leastOverloading(j);
            }
            agentOf[j] = chosen;
            int m = space.agents;
            for (int r = 0; r < space.resources; r++) {
                load[r * m + chosen] += space.weight(r, chosen, j);
            }
        }
    }

    private int leastOverloading(int job) {
        int m = space.agents;
        int chosen = space.candidates[job][0];
        double least = Double.MAX_VALUE;
        for (int a : space.candidates[job]) {
            double overload = 0;
            for (int r = 0; r < space.resources; r++) {
                int index = r * m + a;
                long excess = load[index] + space.weight(r, a, job) - Math.max(load[index], space.capacity[index]);
                overload += Math.max(0, excess) / Math.max(1.0, space.meanCapacity[r]);
            }
            if (overload < least) {
                least = overload;
                chosen = a;
            }
        }
        return chosen;
    }

    private static double[] desirabilities(SearchSpace space, Criterion criterion, double upperBound,
                                           long deadlineNanos, LongSupplier clock) {
        int n = space.jobs;
        boolean weighted = criterion != Criterion.COST && criterion != Criterion.LAGRANGIAN;
        double[] relative = weighted ? relativeWeights(space) : null;
        double[] multipliers = criterion == Criterion.LAGRANGIAN
                ? capacityMultipliers(space, upperBound, deadlineNanos, clock) : null;
        double price = criterion == Criterion.COST_PLUS_WEIGHT ? weightPrice(space, relative) : 0;
        double[] values = new double[space.agents * n];
        for (int j = 0; j < n; j++) {
            double cheapest = space.cheapest[j];
            for (int a : space.candidates[j]) {
                int index = a * n + j;
                double cost = space.cost(a, j);
                values[index] = switch (criterion) {
                    case COST -> cost;
                    case RELATIVE_WEIGHT -> relative[index];
                    case COST_TIMES_WEIGHT -> (cost - cheapest + 1) * relative[index];
                    case COST_PLUS_WEIGHT -> cost + price * relative[index];
                    case LAGRANGIAN -> cost + priced(space, multipliers, a, j);
                };
            }
        }
        return values;
    }

    /** Mean cost spread over mean relative weight: converts relative weight to cost units, guarded against 0. */
    private static double weightPrice(SearchSpace space, double[] relative) {
        int n = space.jobs;
        double spread = 0;
        double weight = 0;
        for (int j = 0; j < n; j++) {
            for (int a : space.candidates[j]) {
                spread += space.cost(a, j) - space.cheapest[j];
                weight += relative[a * n + j];
            }
        }
        return weight <= 0 ? 0 : spread / weight;
    }

    private static double priced(SearchSpace space, double[] multipliers, int agent, int job) {
        double price = 0;
        for (int r = 0; r < space.resources; r++) {
            price += multipliers[r * space.agents + agent] * space.weight(r, agent, job);
        }
        return price;
    }

    /**
     * Prices for the capacity constraints: the multipliers of their Lagrangian relaxation, i.e. roughly the dual
     * prices of the LP relaxation, by subgradient optimisation with Polyak steps (Held, Wolfe and Crowder). With
     * multipliers lambda, each job simply takes the agent minimising cost + lambda * weight, and
     * L(lambda) = sum of those minima - sum of lambda * capacity is a lower bound; the steps raise the price of
     * overloaded agents and lower that of idle ones. Weights are measured in units of the resource's mean
     * capacity so that several resources share one step size. One round is O(n * m * resources); the rounds stop
     * at the deadline, after SUBGRADIENT_ROUNDS, or when the step size has collapsed. The bound itself is only
     * the LP bound and is not used; the multipliers are.
     *
     * @param upperBound cost of a feasible assignment, the target of the Polyak step; infinite when unknown
     */
    static double[] capacityMultipliers(SearchSpace space, double upperBound, long deadlineNanos,
            LongSupplier clock) {
        int m = space.agents;
        int size = space.resources * m;
        double[] multipliers = new double[size];
        double[] best = new double[size];
        double[] subgradient = new double[size];
        double[] prices = new double[size];
        double bestBound = Double.NEGATIVE_INFINITY;
        double scale = 2.0;
        int stalled = 0;
        for (int round = 0; round < SUBGRADIENT_ROUNDS && clock.getAsLong() - deadlineNanos < 0; round++) {
            double bound = relaxedAssignment(space, multipliers, subgradient, prices);
            if (bound > bestBound + 1e-9 * Math.abs(bound)) {
                bestBound = bound;
                System.arraycopy(multipliers, 0, best, 0, size);
                stalled = 0;
            } else if (++stalled >= 5) {
                scale /= 2;
                stalled = 0;
            }
            double norm = 0;
            for (int i = 0; i < size; i++) {
                if (multipliers[i] <= 0 && subgradient[i] < 0) {
                    subgradient[i] = 0;
                }
                norm += subgradient[i] * subgradient[i];
            }
            if (norm == 0 || scale < 1e-4) {
                break;
            }
            // Without a feasible cost to aim at, aim a little above the bound; the halving corrects a bad aim.
            double target = Double.isFinite(upperBound) && upperBound > bound
                    ? upperBound : bound + 0.05 * Math.abs(bound) + 1;
            double step = scale * (target - bound) / norm;
            for (int i = 0; i < size; i++) {
                multipliers[i] = Math.max(0, multipliers[i] + step * subgradient[i]);
            }
        }
        for (int r = 0; r < space.resources; r++) {
            double unit = Math.max(1.0, space.meanCapacity[r]);
            for (int a = 0; a < m; a++) {
                best[r * m + a] /= unit;
            }
        }
        return best;
    }

    /**
     * Every job to the agent minimising cost + multiplier * relative weight; fills the subgradient (relative
     * overload per resource and agent) and returns the Lagrangian bound.
     */
    private static double relaxedAssignment(SearchSpace space, double[] multipliers, double[] subgradient,
                                            double[] prices) {
        int m = space.agents;
        int n = space.jobs;
        int resources = space.resources;
        // Price per raw resource unit, so that the inner loop only multiplies.
        for (int r = 0; r < resources; r++) {
            double unit = Math.max(1.0, space.meanCapacity[r]);
            for (int a = 0; a < m; a++) {
                prices[r * m + a] = multipliers[r * m + a] / unit;
            }
        }
        java.util.Arrays.fill(subgradient, 0);
        double[] cost = space.cost;
        long[] weight = space.weight;
        double bound = 0;
        for (int j = 0; j < n; j++) {
            int chosen = -1;
            double least = Double.MAX_VALUE;
            for (int a : space.candidates[j]) {
                double value = cost[a * n + j];
                for (int r = 0; r < resources; r++) {
                    value += prices[r * m + a] * weight[(r * m + a) * n + j];
                }
                if (value < least) {
                    least = value;
                    chosen = a;
                }
            }
            if (chosen >= 0) {
                bound += least;
                for (int r = 0; r < resources; r++) {
                    subgradient[r * m + chosen] += weight[(r * m + chosen) * n + j];
                }
            }
        }
        for (int r = 0; r < resources; r++) {
            double unit = Math.max(1.0, space.meanCapacity[r]);
            for (int a = 0; a < m; a++) {
                int index = r * m + a;
                bound -= prices[index] * space.capacity[index];
                subgradient[index] = (subgradient[index] - space.capacity[index]) / unit;
            }
        }
        return bound;
    }

    private static double[] relativeWeights(SearchSpace space) {
        int n = space.jobs;
        int m = space.agents;
        double[] relative = new double[m * n];
        for (int a = 0; a < m; a++) {
            for (int r = 0; r < space.resources; r++) {
                double capacity = Math.max(1, space.capacity[r * m + a]);
                for (int j = 0; j < n; j++) {
                    relative[a * n + j] += space.weight(r, a, j) / capacity;
                }
            }
        }
        return relative;
    }
}
