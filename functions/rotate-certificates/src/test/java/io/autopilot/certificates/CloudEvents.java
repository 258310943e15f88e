package io.autopilot.certificates;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Secret;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;

/** Posts CloudEvents to the function in structured and binary mode, shaped as the Knative sources send them. */
final class CloudEvents {

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private CloudEvents() {
    }

    static void plainContentTypes() {
        RestAssured.config = RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
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
        return given().contentType("application/cloudevents+json").body(event.toString()).post("/");
    }

    static Response binary(JsonNode event) {
        var request = given().contentType("application/json")
                .header("ce-specversion", "1.0").header("ce-id", event.get("id").asText())
                .header("ce-source", event.get("source").asText()).header("ce-type", event.get("type").asText());
        event.fieldNames().forEachRemaining(name -> {
            if (!java.util.Set.of("specversion", "id", "source", "type", "data", "datacontenttype").contains(name)) {
                request.header("ce-" + name, event.get(name).asText());
            }
        });
        return request.body(event.path("data").toString()).post("/");
    }
}
