package io.autopilot.compliance.pss;

import java.util.Locale;

/** The two enforcing Pod Security Standards levels ({@code privileged} allows everything, so it has no checks). */
public enum Level {
    BASELINE, RESTRICTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code baseline} or {@code restricted}, any case; anything else is an error naming the allowed values. */
    public static Level parse(String value) {
        if (value != null) {
            for (Level level : values()) {
                if (level.id().equalsIgnoreCase(value.trim())) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("level must be baseline or restricted, got " + value);
    }
}
