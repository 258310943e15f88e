package io.autopilot.scaling;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.http.EventSink;

/**
 * Stands in for the Broker behind K_SINK during tests (it replaces the default HttpEventSink bean). In memory rather
 * than over HTTP so the tests can run on a random port beside other builds on the same machine; the broker's wire
 * format is exercised by the chain tests in src/.
 */
@ApplicationScoped
public class CapturingSink implements EventSink {

    static final List<CloudEventEnvelope> RECEIVED = new CopyOnWriteArrayList<>();

    @Override
    public void send(CloudEventEnvelope event) {
        RECEIVED.add(event);
    }

    static void reset() {
        RECEIVED.clear();
    }
}
