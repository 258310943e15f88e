/**
 * The solver core of {@code place-workloads}: the Generalized Assignment Problem (every job to exactly one agent,
 * per-agent capacities, minimum total cost), generalised to several resource dimensions and forbidden
 * (job, agent) pairs, solved in pure Java within a wall-clock limit.
 *
 * <p>Why a hand-written solver: placement decisions are wanted in about 50 ms, inside the function, with no native
 * libraries. CP-SAT needs seconds for the larger benchmark instances and has no good answer at 0.1 s; a plain
 * greedy plus feasible-only local search plateaus near 1% above optimum (shared/notes/placement-scaling.md).
 *
 * <p>How it works, in order, all within the limit:
 * <ol>
 * <li>{@link io.autopilot.placement.solver.RegretGreedy}: regret-greedy constructions under five desirability
 *     criteria; the strongest prices capacity with Lagrangian multipliers found by a short subgradient run.</li>
 * <li>{@link io.autopilot.placement.solver.PenaltySearch#descend}: descent from the best construction over shift,
 *     swap and two-step ejection-chain moves.</li>
 * <li>{@link io.autopilot.placement.solver.PenaltySearch#tabuSearch}: tabu search with strategic oscillation,
 *     i.e. capacity overloads are allowed at a price per agent and resource that adapts, so that the search
 *     crosses the feasibility boundary instead of stalling on it; only feasible solutions are kept.</li>
 * </ol>
 * What each part contributes, measured on the 79 OR-Library instances and on harder generated ones, is in
 * src/bench/GAP.md. {@link io.autopilot.placement.solver.Feasibility} checks any answer independently, and
 * {@link io.autopilot.placement.solver.SolveGapCommand} runs the solver over a folder of OR-Library files.
 *
 * <p>No framework types and no dependencies beyond the JDK; arrays are primitive and flat. Deterministic for a
 * given seed and number of iterations.
 */
package io.autopilot.placement.solver;
