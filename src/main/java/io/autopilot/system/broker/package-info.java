/**
 * The in-process broker: Knative Broker semantics (CloudEvent ingress answering 202, Trigger filters in the legacy
 * {@code filter.attributes} and the {@code filters} dialects, fan-out, reply re-injection, the Trigger's
 * {@code delivery} retries and backoff, then dead letters) over an in-memory queue.
 *
 * <p>Routing state is read from {@code knative/} at start-up and never edited here: the manifests are the single
 * routing authority, in a cluster and on one machine alike.
 */
package io.autopilot.system.broker;
