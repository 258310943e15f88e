package io.autopilot.events;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One CloudEvent (spec 1.0) as it travels between a producer, the broker and a function: context attributes plus
 * the raw data bytes. Data stays bytes so the broker can pass events on without knowing their payload types.
 *
 * @param specversion always "1.0" once read
 * @param id producer-unique id; with {@code source}, what consumers deduplicate on
 * @param source URI-reference of the producer, one of {@link EventSources} for our own events
 * @param type one of {@link EventTypes} for our own events
 * @param subject the entity the event is about (alert fingerprint, workload, ...), or null
 * @param time RFC 3339 timestamp of the occurrence, or null
 * @param dataschema URI of the data's schema, or null
 * @param datacontenttype media type of {@code data}, or null when there is no data
 * @param extensions extension attributes (lower-case names), never null
 * @param data the payload bytes, or null
 */
public record CloudEventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        String time,
        String dataschema,
        String datacontenttype,
        Map<String, String> extensions,
        byte[] data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** An event we produce ourselves, carrying JSON data. */
    public static CloudEventEnvelope json(String id, String type, String source, String subject, String time,
            Map<String, String> extensions, byte[] json) {
        return new CloudEventEnvelope(SPEC_VERSION, id, source, type, subject, time, null, JSON, extensions, json);
    }

    public boolean hasData() {
        return data != null && data.length > 0;
    }

    /** True when the data is JSON: no content type (the CloudEvents default for JSON formats) or a JSON media type. */
    public boolean isJsonData() {
        return datacontenttype == null || isJsonMediaType(datacontenttype);
    }

    /** The value of a context attribute or extension by its CloudEvents name, or null: what Trigger filters read. */
    public String attribute(String name) {
        return switch (name) {
            case "specversion" -> specversion;
            case "id" -> id;
            case "source" -> source;
            case "type" -> type;
            case "subject" -> subject;
            case "time" -> time;
            case "dataschema" -> dataschema;
            case "datacontenttype" -> datacontenttype;
            default -> extensions.get(name);
        };
    }

    public String dataAsString() {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    static boolean isJsonMediaType(String mediaType) {
        String base = mediaType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return base.equals("application/json") || base.endsWith("+json") || base.equals("text/json");
    }

    @Override
    public String toString() {
        return "CloudEvent{id=" + id + ", type=" + type + ", source=" + source + ", subject=" + subject + "}";
    }
}
