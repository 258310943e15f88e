package io.autopilot.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The corpus of bad requests in {@code malformed/}: what to send and the problem it must earn. */
public final class MalformedRequests {

    public static final String CLOUDEVENT = "cloudevent";
    public static final String WEBHOOK = "webhook";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MalformedRequests() {
    }

    /** One bad request. {@code problem} holds the members the answer's problem body must have, with their values. */
    public record Case(String name, String target, String description, Map<String, String> headers, String body,
            Integer padTo, int status, Map<String, String> problem) {

        /** The body to send, padded with trailing spaces when the case is about size. */
        public byte[] bodyBytes() {
            String text = body == null ? "" : body;
            if (padTo != null && padTo > text.length()) {
                text = text + " ".repeat(padTo - text.length());
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return name + " (" + description + ")";
        }
    }

    public static List<Case> forTarget(String target) {
        return SampleEvents.list("malformed").stream()
                .map(MalformedRequests::read)
                .filter(c -> c.target().equals(target))
                .toList();
    }

    private static Case read(Path file) {
        String name = file.getFileName().toString();
        try {
            Case raw = MAPPER.readValue(SampleEvents.resource("malformed/" + name), Case.class);
            return new Case(name, raw.target(), raw.description(), raw.headers(), raw.body(), raw.padTo(),
                    raw.status(), raw.problem());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable malformed-request case " + name, e);
        }
    }
}
