package io.autopilot.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Event ids derived from what an event is about, so the same input always yields the same id and consumers can
 * drop repeats (CloudEvents' {@code source} + {@code id} uniqueness rule, turned to our advantage).
 */
public final class EventIds {

    private EventIds() {
    }

    /** The first 32 hex digits of SHA-256 over the parts, newline-separated. */
    public static String derive(String... parts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
