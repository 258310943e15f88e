package io.autopilot.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link CloudEventEnvelope} in either HTTP content mode: the inverse of {@link CloudEventReader}. */
public final class CloudEventWriter {

    private CloudEventWriter() {
    }

    /** Binary mode: one {@code ce-*} header per attribute; the data goes in the body under its own content type. */
    public static Map<String, String> binaryHeaders(CloudEventEnvelope event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", event.specversion());
        headers.put("ce-id", encode(event.id()));
        headers.put("ce-source", encode(event.source()));
        headers.put("ce-type", encode(event.type()));
        putIfPresent(headers, "ce-subject", event.subject());
        putIfPresent(headers, "ce-time", event.time());
        putIfPresent(headers, "ce-dataschema", event.dataschema());
        event.extensions().forEach((name, value) -> headers.put("ce-" + name, encode(value)));
        if (event.datacontenttype() != null) {
            headers.put("content-type", event.datacontenttype());
        }
        return headers;
    }

    /** Structured mode: the whole event as one {@code application/cloudevents+json} object. */
    public static ObjectNode structured(CloudEventEnvelope event, ObjectMapper mapper) {
        ObjectNode node = attributes(event, mapper);
        if (event.hasData()) {
            if (event.isJsonData()) {
                try {
                    node.set("data", mapper.readTree(event.data()));
                } catch (IOException e) {
                    throw new UncheckedIOException("event data is not the JSON its content type claims", e);
                }
            } else {
                node.put("data_base64", Base64.getEncoder().encodeToString(event.data()));
            }
        }
        return node;
    }

    /** The context attributes alone, for listings that must not echo payloads. */
    public static ObjectNode attributes(CloudEventEnvelope event, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("specversion", event.specversion());
        node.put("id", event.id());
        node.put("source", event.source());
        node.put("type", event.type());
        putIfPresent(node, "subject", event.subject());
        putIfPresent(node, "time", event.time());
        putIfPresent(node, "dataschema", event.dataschema());
        putIfPresent(node, "datacontenttype", event.datacontenttype());
        event.extensions().forEach(node::put);
        return node;
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, encode(value));
        }
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    /** Percent-encodes what an HTTP header value cannot carry (CloudEvents HTTP binding, 3.1.3.2). */
    static String encode(String value) {
        StringBuilder out = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean safe = b > 0x20 && b < 0x7f && b != '"' && b != '%' || b == ' ' && i > 0 && i < bytes.length - 1;
            if (!safe && out == null) {
                out = new StringBuilder(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
            if (out != null) {
                if (safe) {
                    out.append((char) b);
                } else {
                    out.append('%').append(String.format("%02X", b));
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
