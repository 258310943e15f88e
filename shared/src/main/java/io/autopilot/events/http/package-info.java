/**
 * HTTP plumbing every function shares, active in any Quarkus app that has this module on its class path: the RFC 9457
 * problem rendering for every failed request, the CloudEvent guard in front of Funqy, and the sink functions emit
 * their events to.
 *
 * <p>Plumbing, not behaviour: it exists so that a malformed request gets the same precise 4xx from every function
 * (Funqy alone answers some of them with a bare 500), and so that emitting goes through one place that the
 * one-process runtime can point at its in-process broker.
 */
package io.autopilot.events.http;
