package io.autopilot.certificates;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations cert-manager users write (Go: {@code 2160h}, {@code 1h30m}, {@code 90m}) and ISO-8601 ones. */
public final class Durations {

    private static final Pattern GO = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

    private Durations() {
    }

    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: " + text);
            }
        }
        Matcher m = GO.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            double amount = Double.parseDouble(m.group(1));
            long millis = (long) (amount * switch (m.group(2)) {
                case "h" -> 3_600_000d;
                case "m" -> 60_000d;
                case "s" -> 1_000d;
                default -> 1d;
            });
            total = total.plusMillis(millis);
            end = m.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new IllegalArgumentException("not a duration (Go style like 2160h or 1h30m, or ISO-8601 like P90D): "
                    + text);
        }
        return total;
    }
}
