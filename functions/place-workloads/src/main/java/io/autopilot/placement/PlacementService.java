package io.autopilot.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.EventTypes;
import io.autopilot.events.JsonProblems;
import io.autopilot.events.PlacementDecision;
import io.autopilot.events.PlacementRequest;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.SiteInventory;

/**
 * Routes each accepted event type to its handling and returns the decision to emit, or null when there is nothing
 * to say (an inventory update, a Deployment that did not opt in, a Deployment generation already placed).
 */
@ApplicationScoped
public class PlacementService {

    @Inject
    ObjectMapper mapper;

    @Inject
    InventoryStore inventory;

    @ConfigProperty(name = "autopilot.place-workloads.time-limit", defaultValue = "30ms")
    Duration timeLimit;

    @ConfigProperty(name = "autopilot.place-workloads.latency-price-per-ms-hour", defaultValue = "0.0001")
    double latencyPrice;

    @ConfigProperty(name = "autopilot.place-workloads.carbon-price-per-kg", defaultValue = "0.19")
    double carbonPrice;

    /** Deployment (namespace/name) to the generation last placed: status updates must not re-place it. */
    private final Map<String, Long> placedGenerations = new ConcurrentHashMap<>();

    public PlacementDecision handle(String type, JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw new ProblemException(ProblemTypes.invalidField("", type + " needs data"));
        }
        return switch (type) {
            case EventTypes.PLACEMENT_REQUESTED -> place(bind(data, PlacementRequest.class));
            case EventTypes.PLACEMENT_INVENTORY_UPDATED -> {
                SiteInventory update = bind(data, SiteInventory.class);
                if (update.sites() == null || update.sites().isEmpty()) {
                    throw new ProblemException(ProblemTypes.invalidField("/sites", "an inventory needs sites"));
                }
                inventory.replace(update);
                yield null;
            }
            case EventTypes.APISERVER_RESOURCE_ADD, EventTypes.APISERVER_RESOURCE_UPDATE -> deployment(data);
            default -> throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type",
                    "place-workloads does not handle " + type));
        };
    }

    PlacementDecision place(PlacementRequest request) {
        SiteInventory sites = request.inventory();
        String at = "/inventory";
        if (sites == null) {
            sites = inventory.current().orElseThrow(() -> new ProblemException(ProblemTypes.invalidField("/inventory",
                    "the request carries no inventory and none is configured "
                            + "(autopilot.place-workloads.inventory-file)")));
            at = "inventory";
        }
        Pricing pricing = new Pricing(latencyPrice, carbonPrice, Pricing.DEFAULT.wattsPerCore(),
                Pricing.DEFAULT.wattsPerGiB(), Pricing.DEFAULT.wattsPerGpu(), Pricing.DEFAULT.pue());
        return new Placer(pricing, timeLimit).place(request, sites, at, Instant.now());
    }

    private PlacementDecision deployment(JsonNode object) {
        if (!DeploymentWorkloads.optedIn(object)) {
            return null;
        }
        JsonNode metadata = object.path("metadata");
        String key = metadata.path("namespace").asText("") + "/" + metadata.path("name").asText("");
        long generation = metadata.path("generation").asLong(0);
        if (generation > 0 && Long.valueOf(generation).equals(placedGenerations.get(key))) {
            return null;
        }
        PlacementRequest request = new PlacementRequest(key + "@" + generation,
                List.of(DeploymentWorkloads.workload(object)), null, null);
        PlacementDecision decision = place(request);
        placedGenerations.put(key, generation);
        return decision;
    }

    private <T> T bind(JsonNode data, Class<T> type) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new ProblemException(JsonProblems.from(e));
        }
    }

}
