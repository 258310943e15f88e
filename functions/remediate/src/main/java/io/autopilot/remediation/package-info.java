/**
 * remediate: guarded self-healing and a statistical canary judge.
 *
 * <p>Consumes {@code io.autopilot.anomaly.detected}, {@code io.autopilot.alert.firing} / {@code .resolved},
 * {@code io.autopilot.scaling.recommended} (applied when the workload opted in to auto-apply),
 * {@code io.autopilot.approval.granted}, {@code io.autopilot.rollout.analysis.requested}, and Kubernetes Pods and
 * Events from an ApiServerSource ({@code dev.knative.apiserver.resource.add|update}: CrashLoopBackOff, OOMKilled,
 * failed probes). Emits {@code io.autopilot.remediation.executed} (an action taken or rehearsed in dry-run, with the
 * measured values), {@code io.autopilot.remediation.refused} (which guardrail said no, and why),
 * {@code io.autopilot.approval.requested}, and {@code io.autopilot.rollout.judged}.
 *
 * <p>Why guardrails first: tools that act on alerts restart the wrong thing at the wrong time - on alerts already
 * resolved (robusta#345), in loops, all replicas at once. Here every action is dry-run by default, rate-limited and
 * cooled down per target, bounded by a blast radius, asks for approval when named, and shows its evidence. Why a
 * statistical judge: thresholds on one number pass bad canaries and fail good ones; Kayenta's Mann-Whitney test
 * compares whole distributions ({@code io.autopilot.remediation.judge}), and "no data" is a verdict, never a stall.
 */
package io.autopilot.remediation;
