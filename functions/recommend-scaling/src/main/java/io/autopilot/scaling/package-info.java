/**
 * recommend-scaling: right-sizing and predictive horizontal scaling.
 *
 * <p>Consumes the hourly {@code dev.knative.sources.ping} and Deployments that opt in by annotation
 * ({@code scaling.autopilot.io/recommend: "enabled"}) through an ApiServerSource
 * ({@code dev.knative.apiserver.resource.add|update}). Reads each workload's usage from Prometheus
 * ({@code container_cpu_usage_seconds_total}, {@code container_memory_working_set_bytes}, its request rate when
 * named) and emits {@code io.autopilot.scaling.recommended}: requests from Autopilot's recommender beside the VPA
 * baseline's, the evidence, a replica plan ahead of the forecast peak (KEDA ScaledObject / HPA patch), the expected
 * monthly saving and a ready-to-apply patch; remediate applies it when the workload opted in to auto-apply.
 *
 * <p>Why not just the VPA: its percentile is fixed for everyone (autoscaler#4293), it ignores the time of day, and it
 * treats CPU and memory alike although a CPU miss throttles and a memory miss kills. The replay in
 * {@code io.autopilot.scaling.rightsizing} measures both on the same traces ({@code ./autopilot eval-rightsizing}).
 */
package io.autopilot.scaling;
