package io.autopilot.events.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.MalformedRequests;
import io.autopilot.events.SampleEvents;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Posts a structured-mode sample to a function's {@code @QuarkusTest} app in either content mode, so every function's
 * tests send the same samples the same two ways.
 */
public final class CloudEvents {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private CloudEvents() {
    }

    /** RestAssured would append a charset to content types, which the CloudEvent guard judges strictly. */
    public static void noCharsetAppended() {
        RestAssured.config = RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    /** {@link #noCharsetAppended()}, and JSON numbers read back as doubles. */
    public static void plainContentTypes() {
        noCharsetAppended();
        RestAssured.config = RestAssured.config()
                .jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    public static JsonNode sample(String type, String name) {
        try {
            return MAPPER.readTree(SampleEvents.bytes(type, name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Response structured(JsonNode event) {
        return given().contentType("application/cloudevents+json").body(event.toString()).when().post("/");
    }

    /** The same event in binary mode: attributes as ce-* headers, data as the body. */
    public static Response binary(JsonNode event) {
        RequestSpecification request = given().contentType("application/json");
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> attribute = it.next();
            if (!attribute.getKey().equals("data") && !attribute.getKey().equals("datacontenttype")) {
                request.header("ce-" + attribute.getKey(), attribute.getValue().asText());
            }
        }
        return request.body(event.get("data").toString()).when().post("/");
    }

    /** An emitted event's data as JSON. */
    public static JsonNode data(io.autopilot.events.CloudEventEnvelope event) {
        try {
            return MAPPER.readTree(event.data());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The malformed-CloudEvent corpus ({@link io.autopilot.events.MalformedRequests}) posted to {@code path}, one
     * dynamic test per case: each must be answered with its 4xx and an RFC 9457 problem of its type.
     */
    public static List<DynamicTest> malformedRequests(String path) {
        return MalformedRequests.forTarget(MalformedRequests.CLOUDEVENT).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    RequestSpecification request = given();
                    c.headers().forEach(request::header);
                    request.body(new String(c.bodyBytes(), StandardCharsets.UTF_8)).when().post(path)
                            .then().statusCode(c.status()).contentType("application/problem+json")
                            .body("type", equalTo(c.problem().get("type")));
                }))
                .toList();
    }
}
