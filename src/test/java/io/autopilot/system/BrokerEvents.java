package io.autopilot.system;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.SampleEvents;

/** Reads the running system's event list, as a user would with curl. */
final class BrokerEvents {

    private BrokerEvents() {
    }

    /**
     * A shared sample with a fresh id, so tests sharing the running system do not see each other's events as
     * duplicates.
     */
    static ObjectNode sample(String type, String name) {
        try {
            ObjectNode event = (ObjectNode) new ObjectMapper().readTree(SampleEvents.bytes(type, name));
            event.put("id", name + "-" + UUID.randomUUID());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts a structured-mode event to the broker ingress, expecting 202, and returns its id. */
    static String publish(ObjectNode event) {
        given().contentType("application/cloudevents+json").body(event.toString())
                .when().post("/broker").then().statusCode(202);
        return event.get("id").asText();
    }

    static List<Map<String, Object>> all() {
        return given().queryParam("limit", 10_000).when().get("/broker/events")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    static List<Map<String, Object>> ofType(String type) {
        return all().stream().filter(e -> type.equals(e.get("type"))).toList();
    }

    static Optional<Map<String, Object>> byId(String id) {
        return all().stream().filter(e -> id.equals(e.get("id"))).findFirst();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> deliveries(Map<String, Object> event) {
        return (List<Map<String, Object>>) event.get("deliveries");
    }

    /** The delivery of an event to one Trigger, when one is recorded (an event may match several Triggers). */
    static Optional<Map<String, Object>> delivery(String id, String trigger) {
        return byId(id).map(BrokerEvents::deliveries).flatMap(d -> d.stream()
                .filter(x -> trigger.equals(x.get("trigger"))).findFirst());
    }

    /** The outcome at one Trigger, or null while none is recorded. */
    static Object outcome(String id, String trigger) {
        return delivery(id, trigger).map(d -> d.get("outcome")).orElse(null);
    }

    /** The outcome at the only Trigger the event matched, or null while none is recorded. */
    static Object outcome(String id) {
        return byId(id).map(BrokerEvents::deliveries).filter(d -> d.size() == 1).map(d -> d.get(0).get("outcome"))
                .orElse(null);
    }
}
