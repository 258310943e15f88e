package io.autopilot.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The exact bytes a decision event becomes in the log, the input of the RFC 9162 leaf hash.
 *
 * <p>Format (documented in docs/record-audit.md): UTF-8 JSON, one object, no whitespace, members sorted by name
 * (code-unit order, as RFC 8785 sorts), with exactly these members: {@code data} (the event data, canonicalised the
 * same way recursively; {@code null} when the event has none), {@code id}, {@code source}, {@code subject}
 * ({@code null} when absent), {@code time} (the event time in UTC, ISO-8601 with {@code Z}, {@code null} when absent),
 * {@code type}, and {@code v} (format version, 1). Strings are escaped as Jackson escapes them (control characters,
 * quote and backslash only); numbers keep the text Jackson parsed them to. Why JSON rather than a binary TLV: an
 * auditor can read a leaf with any tool and still recompute the hash from the bytes {@code GET /audit/entries}
 * returns; why canonical: the same event always yields the same leaf, whichever mode or key order it arrived in.
 */
public record AuditLeaf(String source, String id, String type, String subject, String time, JsonNode data) {

    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    public static AuditLeaf of(String source, String id, String type, String subject, OffsetDateTime time, JsonNode data) {
        return new AuditLeaf(source, id, type, subject,
                time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.toInstant()), data);
    }

    /** The leaf bytes. */
    public byte[] encode() {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                g.writeStartObject();
                g.writeFieldName("data");
                writeCanonical(g, data);
                g.writeStringField("id", id);
                g.writeStringField("source", source);
                g.writeStringField("subject", subject);
                g.writeStringField("time", time);
                g.writeStringField("type", type);
                g.writeNumberField("v", VERSION);
                g.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads leaf bytes back (verifiers and the HTTP API show type and subject from them). */
    public static AuditLeaf decode(byte[] leaf) {
        try {
            JsonNode node = MAPPER.readTree(leaf);
            JsonNode data = node.get("data");
            return new AuditLeaf(text(node, "source"), text(node, "id"), text(node, "type"), text(node, "subject"),
                    text(node, "time"), data == null || data.isNull() ? null : data);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an audit leaf: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void writeCanonical(JsonGenerator g, JsonNode node) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            g.writeNull();
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                names.add(it.next().getKey());
            }
            names.sort(String::compareTo);
            g.writeStartObject();
            for (String name : names) {
                g.writeFieldName(name);
                writeCanonical(g, node.get(name));
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                writeCanonical(g, element);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }

    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.UTF_8);
    }
}
