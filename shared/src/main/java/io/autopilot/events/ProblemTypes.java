package io.autopilot.events;

/**
 * The problem types Autopilot answers with, and factories for the bodies. Types are URNs: stable identifiers that
 * do not pretend to be dereferenceable pages.
 */
public final class ProblemTypes {

    public static final String MALFORMED_JSON = "urn:autopilot:problem:malformed-json";
    public static final String INVALID_FIELD = "urn:autopilot:problem:invalid-field";
    public static final String INVALID_CLOUDEVENT = "urn:autopilot:problem:invalid-cloudevent";
    public static final String UNSUPPORTED_MEDIA_TYPE = "urn:autopilot:problem:unsupported-media-type";
    public static final String PAYLOAD_TOO_LARGE = "urn:autopilot:problem:payload-too-large";
    public static final String UNAUTHORIZED = "urn:autopilot:problem:unauthorized";
    public static final String NOT_FOUND = "urn:autopilot:problem:not-found";
    public static final String METHOD_NOT_ALLOWED = "urn:autopilot:problem:method-not-allowed";
    public static final String UNAVAILABLE = "urn:autopilot:problem:unavailable";
    public static final String INTERNAL = "urn:autopilot:problem:internal";
    public static final String UNPROCESSABLE = "urn:autopilot:problem:unprocessable";
    public static final String FORBIDDEN = "urn:autopilot:problem:forbidden";

    private ProblemTypes() {
    }

    public static Problem malformedJson(String pointer, String detail) {
        return new Problem(MALFORMED_JSON, "Malformed JSON", 400, detail, null, pointer, null);
    }

    public static Problem invalidField(String pointer, String detail) {
        return new Problem(INVALID_FIELD, "Invalid field", 400, detail, null, pointer, null);
    }

    public static Problem invalidCloudEventHeader(String header, String detail) {
        return new Problem(INVALID_CLOUDEVENT, "Invalid CloudEvent", 400, detail, null, null, header);
    }

    public static Problem invalidCloudEventField(String pointer, String detail) {
        return new Problem(INVALID_CLOUDEVENT, "Invalid CloudEvent", 400, detail, null, pointer, null);
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", 415, detail, null, null, "content-type");
    }

    public static Problem payloadTooLarge(long limitBytes) {
        return new Problem(PAYLOAD_TOO_LARGE, "Payload too large", 413,
                "the request body exceeds the limit of " + limitBytes + " bytes", null, null, "content-length");
    }

    public static Problem unauthorized(String detail) {
        return new Problem(UNAUTHORIZED, "Unauthorized", 401, detail, null, null, "authorization");
    }

    public static Problem notFound(String detail) {
        return new Problem(NOT_FOUND, "Not found", 404, detail, null, null, null);
    }

    public static Problem methodNotAllowed(String detail) {
        return new Problem(METHOD_NOT_ALLOWED, "Method not allowed", 405, detail, null, null, null);
    }

    public static Problem unavailable(String detail) {
        return new Problem(UNAVAILABLE, "Service unavailable", 503, detail, null, null, null);
    }

    /** Well-formed input Autopilot cannot use (e.g. a file that is no billing export it knows). */
    public static Problem unprocessable(String detail) {
        return new Problem(UNPROCESSABLE, "Unprocessable content", 422, detail, null, null, null);
    }

    /** A request for something this deployment may not touch (e.g. a local file outside the allowed folder). */
    public static Problem forbidden(String detail) {
        return new Problem(FORBIDDEN, "Forbidden", 403, detail, null, null, null);
    }

    public static Problem internal(String detail) {
        return new Problem(INTERNAL, "Internal error", 500, detail, null, null, null);
    }
}
