package io.autopilot.placement;

import static io.autopilot.events.testing.CloudEvents.binary;
import static io.autopilot.events.testing.CloudEvents.sample;
import static io.autopilot.events.testing.CloudEvents.structured;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.autopilot.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.autopilot.events.testing.CloudEvents;

/** In its own app instance: an inventory update changes what every later request in that instance sees. */
@QuarkusTest
@TestProfile(InventoryUpdateTest.Isolated.class)
class InventoryUpdateTest {

    public static class Isolated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autopilot.place-workloads.time-limit", "40ms");
        }
    }

    @BeforeEach
    void plain() {
        CloudEvents.plainContentTypes();
    }

    @Test
    void placesOnTheSitesOfTheLatestInventoryEvent() {
        structured(sample(EventTypes.PLACEMENT_INVENTORY_UPDATED, "valid-two-sites.json")).then().statusCode(204);
        binary(sample(EventTypes.PLACEMENT_REQUESTED, "valid-deferrable.json").deepCopy()).then().statusCode(200)
                .header("ce-type", EventTypes.PLACEMENT_DECIDED)
                .body("assignments[0].site", oneOf("lab-a", "lab-b"));
    }

    @Test
    void refusesAnInventoryWithoutSites() {
        structured(sample(EventTypes.PLACEMENT_INVENTORY_UPDATED, "fail-no-sites.json")).then().statusCode(400)
                .body("field", equalTo("/sites"));
    }
}
