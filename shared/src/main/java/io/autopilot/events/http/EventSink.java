package io.autopilot.events.http;

import io.autopilot.events.CloudEventEnvelope;

/**
 * Where a function sends the events it emits beyond its one reply: in a cluster the Broker behind {@code K_SINK}
 * (injected by a SinkBinding), in the one-process runtime the in-process broker.
 */
public interface EventSink {

    /**
     * Hands one event over. Returns only once the sink has accepted it, so a caller may acknowledge its own input.
     *
     * @throws SinkUnavailableException when the sink cannot take it now; the caller should fail with a retryable 503
     */
    void send(CloudEventEnvelope event);
}
