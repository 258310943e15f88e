package io.autopilot.events;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one CloudEvent from an HTTP request in binary or structured content mode (CloudEvents HTTP binding 1.0),
 * refusing anything malformed with a {@link ProblemException} that names the header or field to blame.
 *
 * <p>Written by hand rather than taken from an SDK because every refusal must say exactly what was wrong: which
 * attribute is missing, which header holds a bad timestamp, whether the data is not the JSON it claims to be.
 */
public final class CloudEventReader {

    /** Spec versions we accept. 0.3 is long deprecated and nothing we talk to sends it. */
    public static final Set<String> SUPPORTED_SPEC_VERSIONS = Set.of(CloudEventEnvelope.SPEC_VERSION);

    static final String STRUCTURED_JSON = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch";
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final Set<String> CORE_ATTRIBUTES = Set.of("specversion", "id", "source", "type", "subject", "time",
            "dataschema", "datacontenttype");

    private final ObjectMapper mapper;

    public CloudEventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** True when the request claims to be a CloudEvent at all (ce-* headers or a cloudevents media type). */
    public static boolean looksLikeCloudEvent(Map<String, String> headers) {
        String contentType = headers.get("content-type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents")) {
            return true;
        }
        return headers.keySet().stream().anyMatch(h -> h.startsWith("ce-"));
    }

    /**
     * @param headers request headers with lower-case names (one value each)
     * @param body the request body, possibly empty
     */
    public CloudEventEnvelope read(Map<String, String> headers, byte[] body) {
        String contentType = headers.get("content-type");
        String lowered = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (lowered.startsWith(BATCH)) {
            throw new ProblemException(ProblemTypes.unsupportedMediaType(
                    "batched CloudEvents are not supported: send one event per request"));
        }
        if (lowered.startsWith(STRUCTURED_JSON)) {
            return readStructured(body);
        }
        if (lowered.startsWith("application/cloudevents")) {
            throw new ProblemException(ProblemTypes.unsupportedMediaType("structured CloudEvents are accepted only as "
                    + STRUCTURED_JSON + ", not " + contentType));
        }
        if (headers.keySet().stream().anyMatch(h -> h.startsWith("ce-"))) {
            return readBinary(headers, body);
        }
        throw new ProblemException(ProblemTypes.unsupportedMediaType("not a CloudEvent: send ce-* headers (binary mode) "
                + "or a " + STRUCTURED_JSON + " body (structured mode)"
                + (contentType == null ? "" : "; got content-type " + contentType)));
    }

    private CloudEventEnvelope readBinary(Map<String, String> headers, byte[] body) {
        String specversion = requiredHeader(headers, "specversion");
        checkSpecVersion(specversion, () -> ProblemTypes.invalidCloudEventHeader("ce-specversion",
                "unsupported specversion '" + specversion + "'; supported: " + SUPPORTED_SPEC_VERSIONS));
        String id = requiredHeader(headers, "id");
        String source = requiredHeader(headers, "source");
        String type = requiredHeader(headers, "type");
        String subject = optionalHeader(headers, "subject");
        String time = optionalHeader(headers, "time");
        if (time != null && !isTimestamp(time)) {
            throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-time",
                    "ce-time must be an RFC 3339 timestamp, got '" + time + "'"));
        }
        String dataschema = optionalHeader(headers, "dataschema");
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (!name.startsWith("ce-") || CORE_ATTRIBUTES.contains(name.substring(3))) {
                continue;
            }
            String attribute = name.substring(3);
            if (!ATTRIBUTE_NAME.matcher(attribute).matches()) {
                throw new ProblemException(ProblemTypes.invalidCloudEventHeader(name, "extension attribute name '"
                        + attribute + "' must be 1-20 lower-case letters or digits"));
            }
            extensions.put(attribute, decode(header.getValue()));
        }
        byte[] data = body == null || body.length == 0 ? null : body;
        String contentType = headers.get("content-type");
        if (data != null && contentType == null) {
            throw new ProblemException(ProblemTypes.unsupportedMediaType(
                    "a binary-mode CloudEvent with data needs a content-type header naming the data's media type"));
        }
        if (data != null && CloudEventEnvelope.isJsonMediaType(contentType)) {
            checkJson(data, "the body");
        }
        return new CloudEventEnvelope(specversion, id, source, type, subject, time, dataschema,
                data == null ? null : contentType, extensions, data);
    }

    private CloudEventEnvelope readStructured(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemTypes.malformedJson("", "the body is empty; a structured-mode "
                    + "CloudEvent is a JSON object with specversion, id, source and type"));
        }
        JsonNode root = checkJson(body, "the body");
        if (!root.isObject()) {
            throw new ProblemException(ProblemTypes.invalidCloudEventField("",
                    "a structured-mode CloudEvent must be a JSON object, got " + root.getNodeType()));
        }
        String specversion = requiredMember(root, "specversion");
        checkSpecVersion(specversion, () -> ProblemTypes.invalidCloudEventField("/specversion",
                "unsupported specversion '" + specversion + "'; supported: " + SUPPORTED_SPEC_VERSIONS));
        String id = requiredMember(root, "id");
        String source = requiredMember(root, "source");
        String type = requiredMember(root, "type");
        String subject = optionalMember(root, "subject");
        String time = optionalMember(root, "time");
        if (time != null && !isTimestamp(time)) {
            throw new ProblemException(ProblemTypes.invalidCloudEventField("/time",
                    "time must be an RFC 3339 timestamp, got '" + time + "'"));
        }
        String dataschema = optionalMember(root, "dataschema");
        String contentType = optionalMember(root, "datacontenttype");
        byte[] data = structuredData(root, contentType);
        if (data != null && contentType == null) {
            contentType = root.has("data_base64") ? "application/octet-stream" : CloudEventEnvelope.JSON;
        }
        return new CloudEventEnvelope(specversion, id, source, type, subject, time, dataschema,
                data == null ? null : contentType, structuredExtensions(root), data);
    }

    private byte[] structuredData(JsonNode root, String contentType) {
        JsonNode data = root.get("data");
        JsonNode base64 = root.get("data_base64");
        if (data != null && base64 != null) {
            throw new ProblemException(ProblemTypes.invalidCloudEventField("/data_base64",
                    "data and data_base64 are mutually exclusive"));
        }
        if (base64 != null && !base64.isNull()) {
            if (!base64.isTextual()) {
                throw new ProblemException(ProblemTypes.invalidCloudEventField("/data_base64", "data_base64 must be a string"));
            }
            try {
                return Base64.getDecoder().decode(base64.asText());
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemTypes.invalidCloudEventField("/data_base64",
                        "data_base64 is not valid base64: " + e.getMessage()));
            }
        }
        if (data == null || data.isNull()) {
            return null;
        }
        boolean json = contentType == null || CloudEventEnvelope.isJsonMediaType(contentType);
        if (!json && data.isTextual()) {
            return data.asText().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("re-serialising a parsed JSON tree failed", e);
        }
    }

    private static Map<String, String> structuredExtensions(JsonNode root) {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            if (CORE_ATTRIBUTES.contains(name) || name.equals("data") || name.equals("data_base64")) {
                continue;
            }
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                throw new ProblemException(ProblemTypes.invalidCloudEventField("/" + name,
                        "extension attribute name '" + name + "' must be 1-20 lower-case letters or digits"));
            }
            JsonNode value = member.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new ProblemException(ProblemTypes.invalidCloudEventField("/" + name,
                        "extension attribute '" + name + "' must be a string, number or boolean"));
            }
            extensions.put(name, value.asText());
        }
        return extensions;
    }

    private JsonNode checkJson(byte[] bytes, String what) {
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ProblemException(ProblemTypes.malformedJson("", what + " is empty"));
            }
            return node;
        } catch (IOException e) {
            throw new ProblemException(ProblemTypes.malformedJson("", what + " is not valid JSON: "
                    + firstLine(e.getMessage())));
        }
    }

    private static String requiredHeader(Map<String, String> headers, String attribute) {
        String value = optionalHeader(headers, attribute);
        if (value == null) {
            throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-" + attribute,
                    "required attribute ce-" + attribute + " is missing or empty"));
        }
        return value;
    }

    private static String optionalHeader(Map<String, String> headers, String attribute) {
        String value = headers.get("ce-" + attribute);
        return value == null || value.isBlank() ? null : decode(value.trim());
    }

    private static String requiredMember(JsonNode root, String attribute) {
        String value = optionalMember(root, attribute);
        if (value == null) {
            throw new ProblemException(ProblemTypes.invalidCloudEventField("/" + attribute,
                    "required attribute " + attribute + " is missing or empty"));
        }
        return value;
    }

    private static String optionalMember(JsonNode root, String attribute) {
        JsonNode node = root.get(attribute);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ProblemException(ProblemTypes.invalidCloudEventField("/" + attribute,
                    attribute + " must be a string, got " + node.getNodeType()));
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    private static void checkSpecVersion(String specversion, java.util.function.Supplier<Problem> problem) {
        if (!SUPPORTED_SPEC_VERSIONS.contains(specversion)) {
            throw new ProblemException(problem.get());
        }
    }

    static boolean isTimestamp(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Binary-mode header values are percent-encoded where they hold characters HTTP headers cannot carry. */
    private static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
