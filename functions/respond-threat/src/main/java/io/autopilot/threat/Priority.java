package io.autopilot.threat;

import java.util.Locale;

/** Falco's priorities, most severe first (syslog order). */
public enum Priority {
    EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL, DEBUG;

    /** Case-insensitive; Falco also writes {@code Info} and {@code Warn} in places. */
    public static Priority parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no priority");
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "INFO" -> INFORMATIONAL;
            case "WARN" -> WARNING;
            default -> {
                try {
                    yield valueOf(v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown Falco priority " + value
                            + " (Emergency, Alert, Critical, Error, Warning, Notice, Informational, Debug)");
                }
            }
        };
    }

    /** True when this priority is at least as severe as {@code other}. */
    public boolean atLeast(Priority other) {
        return ordinal() <= other.ordinal();
    }

    public String display() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
