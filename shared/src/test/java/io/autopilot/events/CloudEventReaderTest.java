package io.autopilot.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CloudEventReaderTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final CloudEventReader reader = new CloudEventReader(mapper);

    @Test
    void readsABinaryEventWithExtensionsAndPercentEncodedValues() {
        Map<String, String> headers = Map.of("content-type", "application/json", "ce-specversion", "1.0",
                "ce-id", "a-1", "ce-source", "/test", "ce-type", "io.autopilot.alert.firing",
                "ce-subject", "caf%C3%A9", "ce-time", "2026-08-20T10:00:00Z", "ce-severity", "critical");
        CloudEventEnvelope event = reader.read(headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals("a-1", event.id());
        assertEquals("café", event.subject());
        assertEquals("critical", event.attribute("severity"));
        assertEquals("application/json", event.datacontenttype());
        assertEquals("{\"a\":1}", event.dataAsString());
    }

    @Test
    void readsAStructuredEventAndKeepsJsonDataAsJson() throws Exception {
        String body = "{\"specversion\":\"1.0\",\"id\":\"s-1\",\"source\":\"/t\",\"type\":\"x.y\",\"priority\":3,"
                + "\"data\":{\"k\":[1,2]}}";
        CloudEventEnvelope event = reader.read(Map.of("content-type", "application/cloudevents+json; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals("application/json", event.datacontenttype());
        assertEquals("3", event.extensions().get("priority"));
        assertEquals(mapper.readTree("{\"k\":[1,2]}"), mapper.readTree(event.data()));
    }

    @Test
    void decodesDataBase64InStructuredMode() {
        String body = "{\"specversion\":\"1.0\",\"id\":\"s-2\",\"source\":\"/t\",\"type\":\"x.y\","
                + "\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"AAEC\"}";
        CloudEventEnvelope event = reader.read(Map.of("content-type", "application/cloudevents+json"),
                body.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] { 0, 1, 2 }, event.data());
    }

    @Test
    void acceptsABinaryEventWithoutData() {
        CloudEventEnvelope event = reader.read(Map.of("ce-specversion", "1.0", "ce-id", "n-1", "ce-source", "/t",
                "ce-type", "x.y"), new byte[0]);
        assertNull(event.data());
        assertNull(event.datacontenttype());
    }

    @Test
    void roundTripsThroughBothWriterModes() {
        CloudEventEnvelope original = CloudEventEnvelope.json("r-1", "x.y", "/t", "sub ject é", "2026-08-20T10:00:00Z",
                Map.of("alertname", "A B"), "{\"v\":true}".getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new HashMap<>();
        CloudEventWriter.binaryHeaders(original).forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        CloudEventEnvelope binary = reader.read(headers, original.data());
        JsonNode structuredJson = CloudEventWriter.structured(original, mapper);
        CloudEventEnvelope structured = reader.read(Map.of("content-type", "application/cloudevents+json"),
                structuredJson.toString().getBytes(StandardCharsets.UTF_8));
        for (CloudEventEnvelope copy : new CloudEventEnvelope[] { binary, structured }) {
            assertEquals(original.subject(), copy.subject());
            assertEquals(original.extensions(), copy.extensions());
            assertEquals(original.time(), copy.time());
            assertEquals(original.dataAsString(), copy.dataAsString());
        }
    }

    @Test
    void refusesBinaryDataWithoutAContentType() {
        ProblemException e = assertThrows(ProblemException.class, () -> reader.read(Map.of("ce-specversion", "1.0",
                "ce-id", "n-1", "ce-source", "/t", "ce-type", "x.y"), "{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(415, e.problem().status());
    }

    @Test
    void refusesDataAndDataBase64Together() {
        String body = "{\"specversion\":\"1.0\",\"id\":\"s\",\"source\":\"/t\",\"type\":\"x\",\"data\":1,\"data_base64\":\"AA==\"}";
        ProblemException e = assertThrows(ProblemException.class, () -> reader.read(
                Map.of("content-type", "application/cloudevents+json"), body.getBytes(StandardCharsets.UTF_8)));
        assertEquals("/data_base64", e.problem().field());
    }

    /** The shared malformed corpus, minus the size cases that only an HTTP server's body limit enforces. */
    @TestFactory
    Iterable<DynamicTest> refusesEveryMalformedCloudEventOfTheCorpusNamingTheCulprit() {
        return MalformedRequests.forTarget(MalformedRequests.CLOUDEVENT).stream()
                .filter(c -> c.status() != 413)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    ProblemException e = assertThrows(ProblemException.class,
                            () -> reader.read(c.headers(), c.bodyBytes()));
                    assertEquals(c.status(), e.problem().status(), c.toString());
                    assertProblemHas(c.problem(), e.problem());
                }))
                .toList();
    }

    @TestFactory
    Iterable<DynamicTest> readsEveryValidSampleAndEverySampleThatFailsOnlyInItsData() {
        return SampleEvents.all().stream()
                .filter(s -> !s.name().startsWith(SampleEvents.ENVELOPE_FAILURE))
                .map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
                    CloudEventEnvelope event = reader.read(Map.of("content-type", "application/cloudevents+json"),
                            s.bytes());
                    assertEquals(s.type(), event.type());
                    assertTrue(event.hasData(), "samples carry data");
                }))
                .toList();
    }

    static void assertProblemHas(Map<String, String> expected, Problem actual) {
        expected.forEach((member, value) -> {
            String got = switch (member) {
                case "type" -> actual.type();
                case "field" -> actual.field();
                case "header" -> actual.header();
                case "title" -> actual.title();
                default -> throw new IllegalArgumentException("unknown problem member " + member);
            };
            assertEquals(value, got, "problem member " + member + " of " + actual);
        });
    }
}
