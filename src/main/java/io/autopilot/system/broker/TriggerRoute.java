package io.autopilot.system.broker;

import io.autopilot.events.CloudEventEnvelope;

/**
 * One Trigger, resolved: which events it selects and which function (through its Knative Service) receives them.
 *
 * @param trigger the Trigger's metadata.name
 * @param file the manifest it came from, for messages
 * @param filter what it selects
 * @param service the subscriber Knative Service's name
 * @param function the Funqy function that Service exports ({@code QUARKUS_FUNQY_EXPORT})
 * @param delivery retries and backoff
 */
record TriggerRoute(String trigger, String file, TriggerFilter filter, String service, String function,
        DeliverySpec delivery) {

    boolean matches(CloudEventEnvelope event) {
        return filter.matches(event);
    }
}
