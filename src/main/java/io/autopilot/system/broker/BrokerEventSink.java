package io.autopilot.system.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.ProblemException;
import io.autopilot.events.http.EventSink;
import io.autopilot.events.http.SinkUnavailableException;

/**
 * In the one-process runtime a function's sink is the in-process broker itself: this bean replaces the K_SINK HTTP
 * sink (a default bean), so emitted events skip a loopback hop but meet the same ingress rules.
 */
@ApplicationScoped
public class BrokerEventSink implements EventSink {

    @Inject
    InProcessBroker broker;

    @Override
    public void send(CloudEventEnvelope event) {
        try {
            broker.accept(event);
        } catch (ProblemException e) {
            throw new SinkUnavailableException(e.problem().detail());
        }
    }
}
