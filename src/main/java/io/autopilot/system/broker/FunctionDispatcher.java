package io.autopilot.system.broker;

import java.time.Duration;
import java.util.Optional;

import io.autopilot.events.CloudEventEnvelope;

/** Hands one event to one function and returns its reply event, if it answered with one. */
interface FunctionDispatcher {

    /** @throws DeliveryFailure when the function failed or refused the event */
    Optional<CloudEventEnvelope> deliver(String function, CloudEventEnvelope event, Duration timeout);

    /** True when a function of that name is deployed in this process. */
    boolean exists(String function);
}
