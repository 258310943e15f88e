package io.autopilot.system;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the running system's event list, as a user would with curl. */
final class BrokerEvents {

    private BrokerEvents() {
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

    /** The outcome at the only Trigger the event matched, or null while none is recorded. */
    static Object outcome(String id) {
        return byId(id).map(BrokerEvents::deliveries).filter(d -> d.size() == 1).map(d -> d.get(0).get("outcome"))
                .orElse(null);
    }
}
