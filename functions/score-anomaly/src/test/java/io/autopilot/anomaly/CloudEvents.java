package io.autopilot.anomaly;

import static io.restassured.RestAssured.given;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.SampleEvents;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Posts a structured-mode event to the function in either content mode. */
final class CloudEvents {

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private CloudEvents() {
    }

    static void plainContentTypes() {
        RestAssured.config = RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    static ObjectNode sample(String type, String name) {
        try {
            return (ObjectNode) MAPPER.readTree(SampleEvents.bytes(type, name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Response structured(JsonNode event) {
        return given().contentType("application/cloudevents+json").body(event.toString()).when().post("/");
    }

    /** The same event in binary mode: attributes as ce-* headers, data as the body. */
    static Response binary(JsonNode event) {
        RequestSpecification request = given().contentType("application/json");
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> attribute = it.next();
            if (!attribute.getKey().equals("data") && !attribute.getKey().equals("datacontenttype")) {
                request.header("ce-" + attribute.getKey(), attribute.getValue().asText());
            }
        }
        return request.body(event.get("data").toString()).when().post("/");
    }

    static JsonNode data(io.autopilot.events.CloudEventEnvelope event) {
        try {
            return MAPPER.readTree(event.data());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
