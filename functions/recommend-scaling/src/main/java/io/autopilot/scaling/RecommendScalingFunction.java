package io.autopilot.scaling;

import java.time.Instant;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The CloudEvent face of recommend-scaling. An hourly ping yields one recommendation per opted-in workload, so they
 * go to the sink ({@code K_SINK}) rather than back as a reply.
 */
public class RecommendScalingFunction {

    @Inject
    ScalingService service;

    @Funq
    @EventContract(consumes = { EventTypes.PING, EventTypes.APISERVER_RESOURCE_ADD,
            EventTypes.APISERVER_RESOURCE_UPDATE }, emits = EventTypes.SCALING_RECOMMENDED)
    public void recommendScaling(CloudEvent<JsonNode> event) {
        service.handle(event.type(), event.source(), event.id(), event.data(), Instant.now());
    }
}
