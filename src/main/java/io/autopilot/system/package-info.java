/**
 * The one-process runtime: every function of Autopilot served on one port, behind an in-process broker that routes
 * by the same Knative Trigger files a cluster applies.
 *
 * <p>Consumes any CloudEvent posted to {@code /broker} and every event a function emits through its sink; delivers
 * each to every function whose Trigger matches, re-injects their replies, and lists what happened on
 * {@code /broker/events}. It exists so that one command runs the whole system on a laptop, and so that the Trigger
 * manifests are exercised by every test run instead of only in a cluster.
 */
package io.autopilot.system;
