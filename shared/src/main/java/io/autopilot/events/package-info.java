/**
 * The event contract every Autopilot function shares: the CloudEvent types ({@link io.autopilot.events.EventTypes}),
 * the {@code source} values we emit ({@link io.autopilot.events.EventSources}), one payload record per type, the
 * RFC 9457 problem body used for every 4xx answer, and a framework-free reader for CloudEvents over HTTP.
 *
 * <p>It holds no behaviour of any function: functions never depend on each other, only on this contract, so that a
 * producer and its consumers can be released and scaled apart while still agreeing on the wire format.
 */
package io.autopilot.events;
