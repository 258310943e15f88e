/**
 * place-workloads: edge and multi-cluster placement.
 *
 * <p>Consumes {@code io.autopilot.placement.requested} (workloads to place), Deployments that opt in through an
 * ApiServerSource ({@code dev.knative.apiserver.resource.add|update}), and {@code io.autopilot.placement.inventory.updated}
 * (a new site inventory). Emits {@code io.autopilot.placement.decided}: one site per workload, the objective broken
 * into cost, latency and carbon, the binding reason per workload, and a Karmada PropagationPolicy or node-affinity
 * patch ready to apply; or {@code io.autopilot.placement.infeasible}, naming the constraints that cannot be met.
 *
 * <p>Why a whole-batch solver: the Kubernetes scheduler and Karmada place one workload at a time by local scores;
 * placing a batch together against capacities is the Generalized Assignment Problem, whose optima are known, so the
 * quality of every answer is measurable ({@code io.autopilot.placement.solver}).
 */
package io.autopilot.placement;
