package io.autopilot.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Secret;
import io.restassured.response.Response;

/**
 * The events the Knative sources send this function (an ApiServerSource Secret event, the sweep ping), posted in
 * structured or binary mode through shared's {@link io.autopilot.events.testing.CloudEvents}.
 */
final class CloudEvents {

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private CloudEvents() {
    }

    static void plainContentTypes() {
        io.autopilot.events.testing.CloudEvents.noCharsetAppended();
    }

    /** An ApiServerSource (Resource mode) event about a Secret. */
    static ObjectNode secretEvent(String type, String id, Secret secret) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("specversion", "1.0").put("id", id).put("source", "https://10.96.0.1:443").put("type", type)
                .put("subject", "/api/v1/namespaces/" + secret.getMetadata().getNamespace() + "/secrets/"
                        + secret.getMetadata().getName())
                .put("kind", "Secret").put("name", secret.getMetadata().getName())
                .put("namespace", secret.getMetadata().getNamespace()).put("datacontenttype", "application/json");
        ObjectNode data = MAPPER.valueToTree(secret);
        data.put("apiVersion", "v1").put("kind", "Secret");
        event.set("data", data);
        return event;
    }

    static ObjectNode ping(String id) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("specversion", "1.0").put("id", id)
                .put("source", "/apis/v1/namespaces/autopilot/pingsources/rotate-certificates-sweep")
                .put("type", "dev.knative.sources.ping").put("datacontenttype", "application/json");
        event.putObject("data").put("sweep", "all");
        return event;
    }

    static Response structured(JsonNode event) {
        return io.autopilot.events.testing.CloudEvents.structured(event);
    }

    static Response binary(JsonNode event) {
        return io.autopilot.events.testing.CloudEvents.binary(event);
    }
}
