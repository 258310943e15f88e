package io.autopilot.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body ({@code application/problem+json}), the answer to every request we refuse.
 *
 * <p>Besides the standard members it names what was wrong, so a caller can fix its request without reading logs:
 * {@code field} is a JSON Pointer (RFC 6901) into the request body, {@code header} an HTTP header name.
 *
 * @param type URI reference identifying the problem type; one of {@link ProblemTypes}
 * @param title short, stable summary of the problem type
 * @param status the HTTP status code
 * @param detail what was wrong with this request
 * @param instance the request path it happened on, when known
 * @param field JSON Pointer of the offending body member, when one is to blame
 * @param header name of the offending HTTP header, when one is to blame
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        String header) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, field, header);
    }
}
