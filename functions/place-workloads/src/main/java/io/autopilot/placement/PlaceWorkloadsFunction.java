package io.autopilot.placement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.EventContract;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.PlacementDecision;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/**
 * The CloudEvent face of place-workloads. One function takes every type its Triggers deliver (a Knative Service
 * exports one function), so it reads the data as JSON and lets {@link PlacementService} bind it by type; it answers
 * with the decision, typed placed or infeasible, as the reply event.
 */
public class PlaceWorkloadsFunction {

    @Inject
    PlacementService placements;

    @Funq
    @EventContract(consumes = { EventTypes.PLACEMENT_REQUESTED, EventTypes.PLACEMENT_INVENTORY_UPDATED,
            EventTypes.APISERVER_RESOURCE_ADD, EventTypes.APISERVER_RESOURCE_UPDATE },
            emits = { EventTypes.PLACEMENT_DECIDED, EventTypes.PLACEMENT_INFEASIBLE })
    public CloudEvent<PlacementDecision> placeWorkloads(CloudEvent<JsonNode> event) {
        PlacementDecision decision = placements.handle(event.type(), event.data());
        if (decision == null) {
            return null;
        }
        boolean placed = PlacementDecision.PLACED.equals(decision.status());
        return CloudEventBuilder.create()
                // derived from the cause: a redelivered request gets the same decision id
                .id(EventIds.derive(event.source(), event.id()))
                .type(placed ? EventTypes.PLACEMENT_DECIDED : EventTypes.PLACEMENT_INFEASIBLE)
                .source(EventSources.PLACE_WORKLOADS)
                .subject(decision.requestId())
                .time(OffsetDateTime.now(ZoneOffset.UTC))
                .build(decision);
    }
}
