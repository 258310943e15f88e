/**
 * respond-threat: answers Falco runtime alerts with guarded Kubernetes actions.
 *
 * <p>Consumes {@code falco.rule.output.v1} (Falcosidekick's CloudEvents output, or Falco's plain JSON) through an
 * authenticated intake ({@code POST /webhooks/falco}: HMAC-SHA256 of the body with a shared secret, or a bearer
 * token); the broker then delivers the attested alert to the function. Response rules (a YAML file, Falco Talon's
 * matching on rule, priority, tags and output fields) choose actions: label, annotate, isolate with a NetworkPolicy,
 * terminate, or record a Kubernetes Event, each behind guardrails (dry run by default, a rate limit per target, no
 * action in protected namespaces, a ceiling per minute). Emits {@code io.autopilot.threat.responded} for every action
 * taken, simulated or refused, with the Falco facts that triggered it.
 *
 * <p>Why: Falco Talon responds to Falco but its webhook takes alerts from anyone; a responder that can delete pods
 * must know who is talking to it and leave a reviewable trace of every decision.
 */
package io.autopilot.threat;
