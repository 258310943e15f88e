package io.autopilot.placement.solver;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Local search on a penalised objective, cost + sum over resources and agents of alpha[r][a] * overload[r][a],
 * over three kinds of moves: shift (one job to another agent), swap (two jobs on different agents trade places)
 * and ejection chain of length two (a job moves to another agent and pushes one of that agent's jobs on to a
 * third agent).
 *
 * <p>Two uses. {@link #descend} is best-improvement descent with prohibitive weights: it removes overload first,
 * never accepts a new one, and stops in the first local optimum. {@link #tabuSearch} is a tabu search with
 * strategic oscillation (Glover; Díaz and Fernández 2001; Yagiura, Ibaraki and Glover 2004): the weights adapt
 * per agent and resource, rising while the current solution overloads that pair and falling while the solution is
 * feasible, so the search crosses the capacity boundary back and forth instead of stalling on it, which is where
 * feasible-only search plateaus on tight instances. Only feasible solutions are kept as answers.
 *
 * <p>Speed. Loads are kept per agent, so a move is evaluated in O(resources). A scan of all pair moves is
 * O(n^2), but most pairs are skipped by lower bounds: a penalty change at an agent is never below the
 * "removal" term of the job that leaves it, so a cost change that is already worse than the best move found
 * cannot win. The bound is applied per pair of agents, per row, and per pair of jobs.
 */
final class PenaltySearch {

    /** Whether the weights adapt (the solver) or stay prohibitive (feasible-only tabu, for the ablation). */
    enum Mode { OSCILLATION, FEASIBLE_ONLY }

    // One configuration for every instance; what was tried and measured is in src/bench/GAP.md.
    /** Weight factor per iteration on an overloaded (resource, agent) while the solution is infeasible. */
    private static final double INCREASE = 1.1;
    /** Weight factor per iteration on every pair while the solution is feasible. */
    private static final double DECREASE = 0.9;
    /** The weights stay within these factors of their start, so neither side of the boundary is forgotten. */
    private static final double LOWEST_WEIGHT = 1e-3;
    private static final double HIGHEST_WEIGHT = 1e6;
    /** Tenure is MIN_TENURE plus a random 0..TENURE_PER_JOB * n iterations, so that no cycle length is fixed. */
    private static final int MIN_TENURE = 3;
    private static final double TENURE_PER_JOB = 0.1;
    /** Back to the best solution after this many iterations per job without a new best. */
    private static final int RESTART_AFTER_PER_JOB = 50;
    /** Penalty weight that no cost difference outweighs: makes the penalised search a feasible-only one. */
    private static final double PROHIBITIVE = 1e7;
    private static final double EPSILON = 1e-9;
    private static final int NONE = -1;

    // Move kinds: SHIFT moveJob to moveAgent; SWAP moveJob with moveOther (which is on moveAgent); CHAIN moveJob
    // to moveAgent, ejecting moveOther from there to moveOtherAgent.
    private static final int SHIFT = 0;
    private static final int SWAP = 1;
    private static final int CHAIN = 2;
    // The two agents of a pair move, for the hoisted per-resource values.
    private static final int SIDE_A = 0;
    private static final int SIDE_B = 1;

    private final SearchSpace space;
    private final Assignment current;
    private final SplittableRandom random;
    private final boolean chains;
    private final double[] alpha;
    private final double[] initialAlpha;
    /** tabuUntil[a * jobs + j]: job j may not return to agent a before this iteration. */
    private final long[] tabuUntil;
    /** Some move has been made tabu since the list was last cleared. */
    private boolean tabuActive;
    private long iteration;

    // Per scan, per job: removal[j] is the (exact) penalty change if j left its agent, zero unless that agent is
    // overloaded, and a lower bound of that agent's penalty change in any pair move taking j away. outValue and
    // secondOutValue are the best two non-tabu "arrival" values of j elsewhere (cost change + penalty at the
    // arrival agent), the second half of an ejection chain. ejectionFloor[a] bounds removal + outValue over the
    // jobs on agent a.
    private final double[] removal;
    private final double[] outValue;
    private final int[] outAgent;
    private final double[] secondOutValue;
    private final int[] secondOutAgent;
    private final double[] ejectionFloor;
    // Several resources: per side of a pair move and resource, what the inner loop of scanRow reads.
    private final long[] hoistedLoad;
    private final long[] hoistedCapacity;
    private final double[] hoistedAlpha;
    private final long[] hoistedExcess;
    private final long[] hoistedWeight1;

    // The answers: best feasible, else least overloaded.
    private final int[] bestAgents;
    private double bestCost = Double.POSITIVE_INFINITY;
    private final int[] leastOverloadedAgents;
    private double leastOverload = Double.POSITIVE_INFINITY;
    private double leastOverloadCost = Double.POSITIVE_INFINITY;

    // The move chosen by the last scan, and how many moves tied with it.
    private int moveKind;
    private int moveJob;
    private int moveOther;
    private int moveAgent;
    private int moveOtherAgent;
    private double moveDelta;
    private int ties;
    private final LongSupplier clock;

    PenaltySearch(SearchSpace space, int[] start, long seed, boolean chains, LongSupplier clock) {
        this.clock = clock;
        this.space = space;
        this.current = new Assignment(space, start);
        this.random = new SplittableRandom(seed);
        this.chains = chains;
        int pairs = space.resources * space.agents;
        this.alpha = new double[pairs];
        this.initialAlpha = new double[pairs];
        this.tabuUntil = new long[space.agents * space.jobs];
        this.removal = new double[space.jobs];
        this.outValue = new double[space.jobs];
        this.outAgent = new int[space.jobs];
        this.secondOutValue = new double[space.jobs];
        this.secondOutAgent = new int[space.jobs];
        this.ejectionFloor = new double[space.agents];
        this.hoistedLoad = new long[2 * space.resources];
        this.hoistedCapacity = new long[2 * space.resources];
        this.hoistedAlpha = new double[2 * space.resources];
        this.hoistedExcess = new long[2 * space.resources];
        this.hoistedWeight1 = new long[2 * space.resources];
        this.bestAgents = start.clone();
        this.leastOverloadedAgents = start.clone();
        record();
    }

    boolean hasFeasible() {
        return bestCost < Double.POSITIVE_INFINITY;
    }

    /** The best feasible assignment if there is one, else the least overloaded one. */
    int[] answer() {
        return (hasFeasible() ? bestAgents : leastOverloadedAgents).clone();
    }

    double answerCost() {
        return hasFeasible() ? bestCost : leastOverloadCost;
    }

    long iterations() {
        return iteration;
    }

    /**
     * Cost plus overload priced at the problem's unit prices (the tabu search's starting weights): how promising
     * the current assignment is as a start, feasible or not.
     */
    double startingValue() {
        int m = space.agents;
        double value = current.cost;
        for (int r = 0; r < space.resources; r++) {
            for (int a = 0; a < m; a++) {
                value += space.unitPrice[r] * excess(current.load[r * m + a], space.capacity[r * m + a]);
            }
        }
        return value;
    }

    /** Continues from another assignment, keeping the best answers found so far. */
    void restartFrom(int[] agents) {
        current.assignFrom(agents);
        record();
    }

    /**
     * Best-improvement descent with prohibitive weights. Shifts are tried first because a shift scan is O(n * m)
     * and a pair scan O(n^2); pairs only when no shift improves. Stops in a local optimum or at the deadline.
     */
    void descend(long deadlineNanos) {
        setWeights(PROHIBITIVE);
        while (clock.getAsLong() - deadlineNanos < 0) {
            boolean improving = scanShiftsOnly() && moveDelta < -EPSILON;
            if (!improving && (!scan(false, deadlineNanos) || moveDelta >= -EPSILON)) {
                break;
            }
            apply(false, 0);
            record();
        }
    }

    /** Tabu search until the deadline or maxIterations more iterations, whichever comes first. */
    void tabuSearch(Mode mode, long deadlineNanos, long maxIterations) {
        boolean oscillate = mode == Mode.OSCILLATION;
        double startWeight = oscillate ? 1.0 : PROHIBITIVE;
        setWeights(startWeight);
        int tenureRange = 1 + (int) Math.round(TENURE_PER_JOB * space.jobs);
        long restartAfter = (long) RESTART_AFTER_PER_JOB * Math.max(10, space.jobs);
        long lastImprovement = iteration;
        long stop = maxIterations >= Long.MAX_VALUE - iteration ? Long.MAX_VALUE : iteration + maxIterations;
        while (iteration < stop && clock.getAsLong() - deadlineNanos < 0) {
            iteration++;
            if (!scan(true, deadlineNanos)) {
                // The deadline, or no admissible move: if the tabu list is what blocks, forget it and go on.
                if (clock.getAsLong() - deadlineNanos >= 0 || !tabuActive) {
                    break;
                }
                clearTabu();
                continue;
            }
            apply(true, MIN_TENURE + random.nextInt(tenureRange));
            if (oscillate) {
                adaptWeights();
            }
            if (record()) {
                lastImprovement = iteration;
            } else if (iteration - lastImprovement > restartAfter && hasFeasible()) {
                // Intensify: back to the best solution with fresh weights and no tabu memory.
                current.assignFrom(bestAgents);
                setWeights(startWeight);
                clearTabu();
                lastImprovement = iteration;
            }
        }
    }

    /** Weights in cost per resource unit: factor times the problem's unit price of each resource. */
    private void setWeights(double factor) {
        int m = space.agents;
        for (int r = 0; r < space.resources; r++) {
            for (int a = 0; a < m; a++) {
                initialAlpha[r * m + a] = factor * space.unitPrice[r];
            }
        }
        System.arraycopy(initialAlpha, 0, alpha, 0, alpha.length);
    }

    private void clearTabu() {
        Arrays.fill(tabuUntil, 0);
        tabuActive = false;
    }

    /**
     * Strategic oscillation: while infeasible, make each overloaded (resource, agent) dearer; while feasible, make
     * every overload cheaper, so that the search soon dares to cross the boundary again.
     */
    private void adaptWeights() {
        if (current.capacityFeasible()) {
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = Math.max(alpha[i] * DECREASE, initialAlpha[i] * LOWEST_WEIGHT);
            }
            return;
        }
        for (int i = 0; i < alpha.length; i++) {
            if (current.load[i] > space.capacity[i]) {
                alpha[i] = Math.min(alpha[i] * INCREASE, initialAlpha[i] * HIGHEST_WEIGHT);
            }
        }
    }

    /** Keeps the current solution if it is the best feasible or least overloaded so far; true on a new best. */
    private boolean record() {
        if (current.capacityFeasible()) {
            if (current.cost < bestCost - EPSILON) {
                System.arraycopy(current.agentOf, 0, bestAgents, 0, bestAgents.length);
                bestCost = exactCost(bestAgents);
                return true;
            }
            return false;
        }
        if (!hasFeasible()) {
            double overload = current.relativeOverload();
            if (overload < leastOverload - 1e-12
                    || (overload <= leastOverload + 1e-12 && current.cost < leastOverloadCost - EPSILON)) {
                leastOverload = overload;
                leastOverloadCost = current.cost;
                System.arraycopy(current.agentOf, 0, leastOverloadedAgents, 0, leastOverloadedAgents.length);
            }
        }
        return false;
    }

    /** The kept cost drifts by rounding after many deltas; an answer's cost is summed afresh. */
    private double exactCost(int[] agents) {
        double total = 0;
        for (int j = 0; j < agents.length; j++) {
            if (agents[j] >= 0) {
                total += space.cost(agents[j], j);
            }
        }
        return total;
    }

    // -------------------------------------------------------------------------------------------- scanning

    /**
     * Finds the best admissible move of any kind. Returns false when the deadline passed during the scan or when
     * there is no admissible move.
     */
    private boolean scan(boolean useTabu, long deadlineNanos) {
        startScan();
        scanShifts(useTabu);
        return scanPairs(useTabu, deadlineNanos) && moveJob != NONE;
    }

    private boolean scanShiftsOnly() {
        startScan();
        scanShifts(false);
        return moveJob != NONE;
    }

    private void startScan() {
        moveJob = NONE;
        moveDelta = Double.POSITIVE_INFINITY;
        ties = 0;
        int[] agentOf = current.agentOf;
        for (int j = 0; j < space.jobs; j++) {
            int a = agentOf[j];
            removal[j] = a >= 0 && current.overloadedResources[a] > 0 ? removalPenalty(a, j) : 0;
        }
    }

    /** Every shift; also records each job's two best destinations for the ejection chains of scanPairs. */
    private void scanShifts(boolean useTabu) {
        int n = space.jobs;
        double[] cost = space.cost;
        int[] agentOf = current.agentOf;
        for (int j = 0; j < n; j++) {
            int a = agentOf[j];
            int[] list = space.candidates[j];
            outValue[j] = Double.POSITIVE_INFINITY;
            outAgent[j] = NONE;
            secondOutValue[j] = Double.POSITIVE_INFINITY;
            secondOutAgent[j] = NONE;
            if (a < 0 || list.length < 2) {
                continue;
            }
            double here = cost[a * n + j];
            double leaving = removal[j];
            for (int b : list) {
                if (b == a) {
                    continue;
                }
                double costDelta = cost[b * n + j] - here;
                double arrival = costDelta + additionPenalty(b, j);
                boolean tabu = useTabu && tabuUntil[b * n + j] > iteration;
                if (!tabu) {
                    keepOut(j, b, arrival);
                }
                double delta = arrival + leaving;
                if (delta <= moveDelta && (!tabu || aspires(costDelta, j, NONE, b))) {
                    consider(delta, SHIFT, j, NONE, b, NONE);
                }
            }
        }
    }

    private void keepOut(int j, int b, double value) {
        if (value < outValue[j]) {
            secondOutValue[j] = outValue[j];
            secondOutAgent[j] = outAgent[j];
            outValue[j] = value;
            outAgent[j] = b;
        } else if (value < secondOutValue[j]) {
            secondOutValue[j] = value;
            secondOutAgent[j] = b;
        }
    }

    /**
     * Swaps and ejection chains over every pair of jobs on different agents. For j1 on a and j2 on b: the swap;
     * the chain "j1 to b, ejecting j2 to its best agent other than a and b"; and the chain "j2 to a, ejecting j1".
     * The chains reuse the swap's penalty terms, so they cost little more than the swaps, and they move capacity
     * between three agents in one step, which tightly packed instances need. Walks agent pairs, so that each
     * agent's values are read once per row and whole agent pairs can be skipped by their bound.
     */
    private boolean scanPairs(boolean useTabu, long deadlineNanos) {
        int m = space.agents;
        int n = space.jobs;
        int[] jobsOn = current.jobsOn;
        int[] jobCount = current.jobCount;
        refreshEjectionFloors();
        int sinceClock = 0;
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                // A scan is O(n^2): before the JIT has compiled this loop, or on large instances, it takes
                // milliseconds, so look at the clock every few thousand pairs.
                sinceClock += jobCount[a] * jobCount[b];
                if (sinceClock > 4096) {
                    sinceClock = 0;
                    if (clock.getAsLong() - deadlineNanos >= 0) {
                        return false;
                    }
                }
                double fromA = cheapestMove(a, b);
                double fromB = cheapestMove(b, a);
                if (Math.min(fromA + Math.min(fromB, ejectionFloor[b]), ejectionFloor[a] + fromB) > moveDelta) {
                    continue;
                }
                for (int k = 0; k < jobCount[a]; k++) {
                    scanRow(jobsOn[a * n + k], a, b, fromB, useTabu);
                }
            }
        }
        return true;
    }

    /** Lower bound of "a job of agent from moves to agent to", over the jobs of from: cost change + removal. */
    private double cheapestMove(int from, int to) {
        int n = space.jobs;
        double[] cost = space.cost;
        boolean[] candidate = space.candidate;
        int[] jobsOn = current.jobsOn;
        double cheapest = Double.POSITIVE_INFINITY;
        int end = from * n + current.jobCount[from];
        for (int index = from * n; index < end; index++) {
            int j = jobsOn[index];
            if (candidate[to * n + j]) {
                cheapest = Math.min(cheapest, cost[to * n + j] - cost[from * n + j] + removal[j]);
            }
        }
        return cheapest;
    }

    private void refreshEjectionFloors() {
        Arrays.fill(ejectionFloor, Double.POSITIVE_INFINITY);
        if (!chains) {
            return;
        }
        int[] agentOf = current.agentOf;
        for (int j = 0; j < space.jobs; j++) {
            int a = agentOf[j];
            if (a >= 0) {
                ejectionFloor[a] = Math.min(ejectionFloor[a], outValue[j] + removal[j]);
            }
        }
    }

    /** All pair moves between job j1 on agent a and the jobs on agent b. */
    private void scanRow(int j1, int a, int b, double fromB, boolean useTabu) {
        int n = space.jobs;
        double[] cost = space.cost;
        boolean[] candidate = space.candidate;
        boolean toB = candidate[b * n + j1];
        double move1 = toB ? cost[b * n + j1] - cost[a * n + j1] : Double.POSITIVE_INFINITY;
        double leaving1 = removal[j1];
        boolean tabu1 = useTabu && tabuUntil[b * n + j1] > iteration;
        // For the chain "j2 to a, ejecting j1": j1's best destination other than b.
        int eject1 = !chains ? NONE : outAgent[j1] != b ? outAgent[j1] : secondOutAgent[j1];
        double out1 = eject1 == NONE ? Double.POSITIVE_INFINITY
                : outAgent[j1] != b ? outValue[j1] : secondOutValue[j1];
        if (leaving1 + Math.min(move1 + Math.min(fromB, ejectionFloor[b]), out1 + fromB) > moveDelta) {
            return;
        }
        // One resource (the OR-Library case) reads plain locals; several resources read the hoisted arrays.
        // Measured: the one-resource path does about twice the iterations per second of the general one.
        boolean single = space.resources == 1;
        long[] weight = space.weight;
        long loadA = current.load[a];
        long loadB = current.load[b];
        long capacityA = space.capacity[a];
        long capacityB = space.capacity[b];
        double alphaA = alpha[a];
        double alphaB = alpha[b];
        long excessA = excess(loadA, capacityA);
        long excessB = excess(loadB, capacityB);
        long weightA1 = single ? weight[a * n + j1] : 0;
        long weightB1 = single ? weight[b * n + j1] : 0;
        if (!single) {
            hoist(SIDE_A, a, j1);
            hoist(SIDE_B, b, j1);
        }
        int[] jobsOn = current.jobsOn;
        int end = b * n + current.jobCount[b];
        for (int index = b * n; index < end; index++) {
            int j2 = jobsOn[index];
            boolean toA = candidate[a * n + j2];
            double move2 = toA ? cost[a * n + j2] - cost[b * n + j2] : Double.POSITIVE_INFINITY;
            double leaving2 = removal[j2];
            double out2 = chains ? outValue[j2] : Double.POSITIVE_INFINITY;
            double bound = leaving1 + leaving2 + Math.min(move1 + move2, Math.min(move1 + out2, move2 + out1));
            if (bound > moveDelta) {
                continue;
            }
            // b gives j2 and takes j1; a gives j1 and takes j2.
            double penaltyB;
            double penaltyA;
            if (single) {
                penaltyB = toB ? alphaB * (excess(loadB - weight[b * n + j2] + weightB1, capacityB) - excessB) : 0;
                penaltyA = toA ? alphaA * (excess(loadA - weightA1 + weight[a * n + j2], capacityA) - excessA) : 0;
            } else {
                penaltyB = toB ? hoistedExchange(SIDE_B, b, j2, -1) : 0;
                penaltyA = toA ? hoistedExchange(SIDE_A, a, j2, 1) : 0;
            }
            boolean tabu2 = useTabu && tabuUntil[a * n + j2] > iteration;
            if (toA && toB) {
                double delta = move1 + move2 + penaltyA + penaltyB;
                if (delta <= moveDelta && (!(tabu1 || tabu2) || aspires(move1 + move2, j1, j2, b))) {
                    consider(delta, SWAP, j1, j2, b, a);
                }
            }
            if (chains && toB && !tabu1) {
                boolean bestIsA = outAgent[j2] == a;
                int d = bestIsA ? secondOutAgent[j2] : outAgent[j2];
                double delta = move1 + leaving1 + penaltyB + (bestIsA ? secondOutValue[j2] : outValue[j2]);
                if (d != NONE && delta <= moveDelta) {
                    consider(delta, CHAIN, j1, j2, b, d);
                }
            }
            if (eject1 != NONE && toA && !tabu2) {
                double delta = move2 + leaving2 + penaltyA + out1;
                if (delta <= moveDelta) {
                    consider(delta, CHAIN, j2, j1, a, eject1);
                }
            }
        }
    }

    /** Best so far, ties broken uniformly at random (reservoir sampling) so that equal moves take turns. */
    private void consider(double delta, int kind, int job, int other, int agent, int otherAgent) {
        if (delta < moveDelta) {
            ties = 1;
        } else if (random.nextInt(++ties) != 0) {
            return;
        }
        moveDelta = delta;
        moveKind = kind;
        moveJob = job;
        moveOther = other;
        moveAgent = agent;
        moveOtherAgent = otherAgent;
    }

    /** Aspiration: a tabu shift or swap is allowed when it gives a feasible solution better than the best. */
    private boolean aspires(double costDelta, int job, int other, int agent) {
        if (current.cost + costDelta >= bestCost - EPSILON) {
            return false;
        }
        int from = current.agentOf[job];
        int overloaded = current.overloadedPairs - current.overloadedResources[from]
                - current.overloadedResources[agent];
        overloaded += overloadsAfter(from, job, other) + overloadsAfter(agent, other, job);
        return overloaded == 0;
    }

    /** Overloaded resources of the agent after it gives job out and takes job in (NONE: no such job). */
    private int overloadsAfter(int agent, int out, int in) {
        int m = space.agents;
        int count = 0;
        for (int r = 0; r < space.resources; r++) {
            int index = r * m + agent;
            long load = current.load[index];
            if (out != NONE) {
                load -= space.weight(r, agent, out);
            }
            if (in != NONE) {
                load += space.weight(r, agent, in);
            }
            if (load > space.capacity[index]) {
                count++;
            }
        }
        return count;
    }

    // -------------------------------------------------------------------------------------- penalty changes

    private static long excess(long load, long capacity) {
        // Branch-free: whether a load exceeds its capacity is unpredictable, and mispredictions cost more.
        return Math.max(0, load - capacity);
    }

    /** Penalty change when agent a gives job j away: zero or negative. */
    private double removalPenalty(int a, int j) {
        int m = space.agents;
        double delta = 0;
        for (int r = 0; r < space.resources; r++) {
            int index = r * m + a;
            long load = current.load[index];
            long capacity = space.capacity[index];
            delta += alpha[index] * (excess(load - space.weight(r, a, j), capacity) - excess(load, capacity));
        }
        return delta;
    }

    /** Penalty change when agent b takes job j: zero or positive. */
    private double additionPenalty(int b, int j) {
        int m = space.agents;
        int resources = space.resources;
        int base = (j * m + b) * resources;
        double delta = 0;
        for (int r = 0; r < resources; r++) {
            int index = r * m + b;
            long load = current.load[index];
            long capacity = space.capacity[index];
            delta += alpha[index] * (excess(load + space.weightByJob[base + r], capacity) - excess(load, capacity));
        }
        return delta;
    }

    /** Copies what scanRow's inner loop needs about one agent of the pair, one slot per resource. */
    private void hoist(int side, int agent, int j1) {
        int m = space.agents;
        for (int r = 0; r < space.resources; r++) {
            int index = r * m + agent;
            int slot = side * space.resources + r;
            hoistedLoad[slot] = current.load[index];
            hoistedCapacity[slot] = space.capacity[index];
            hoistedAlpha[slot] = alpha[index];
            hoistedExcess[slot] = excess(current.load[index], space.capacity[index]);
            hoistedWeight1[slot] = space.weight(r, agent, j1);
        }
    }

    /**
     * Penalty change of one agent of a pair move: it takes j2 and gives j1 (sign +1, side A) or gives j2 and
     * takes j1 (sign -1, side B).
     */
    private double hoistedExchange(int side, int agent, int j2, long sign) {
        int resources = space.resources;
        long[] byJob = space.weightByJob;
        int base = (j2 * space.agents + agent) * resources;
        int first = side * resources;
        double delta = 0;
        for (int r = 0; r < resources; r++) {
            int slot = first + r;
            long after = hoistedLoad[slot] + sign * (byJob[base + r] - hoistedWeight1[slot]);
            delta += hoistedAlpha[slot] * (excess(after, hoistedCapacity[slot]) - hoistedExcess[slot]);
        }
        return delta;
    }

    // ------------------------------------------------------------------------------------------------ moves

    /** Applies the chosen move; with tabu, the jobs that moved may not return for the next tenure iterations. */
    private void apply(boolean useTabu, int tenure) {
        int n = space.jobs;
        int from = current.agentOf[moveJob];
        switch (moveKind) {
            case SHIFT -> current.shift(moveJob, moveAgent);
            case SWAP -> current.swap(moveJob, moveOther);
            default -> {
                current.shift(moveOther, moveOtherAgent);
                current.shift(moveJob, moveAgent);
            }
        }
        if (useTabu) {
            tabuActive = true;
            tabuUntil[from * n + moveJob] = iteration + tenure;
            if (moveKind != SHIFT) {
                tabuUntil[moveAgent * n + moveOther] = iteration + tenure;
            }
        }
    }
}
