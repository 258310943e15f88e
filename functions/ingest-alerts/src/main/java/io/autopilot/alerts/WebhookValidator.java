package io.autopilot.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.autopilot.events.Alert;
import io.autopilot.events.AlertmanagerWebhook;
import io.autopilot.events.AlertmanagerWebhook.WebhookAlert;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Checks a whole webhook message before anything is emitted, so a bad alert in position 3 cannot leave alerts 1 and
 * 2 half-published, and turns each alert into the {@link Alert} payload.
 */
final class WebhookValidator {

    /** Go's zero time, which Alertmanager sends for "no end yet". */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

    private WebhookValidator() {
    }

    static List<Alert> validate(AlertmanagerWebhook webhook) {
        if (webhook == null) {
            throw invalid("", "the body must be an Alertmanager webhook message (a JSON object)");
        }
        if (!AlertmanagerWebhook.PROTOCOL_VERSION.equals(webhook.version())) {
            throw invalid("/version", "webhook protocol version must be \"" + AlertmanagerWebhook.PROTOCOL_VERSION
                    + "\", got " + (webhook.version() == null ? "none" : "\"" + webhook.version() + "\""));
        }
        if (webhook.status() != null && !isStatus(webhook.status())) {
            throw invalid("/status", "status must be \"firing\" or \"resolved\", got \"" + webhook.status() + "\"");
        }
        if (webhook.truncatedAlerts() != null && webhook.truncatedAlerts() < 0) {
            throw invalid("/truncatedAlerts", "truncatedAlerts cannot be negative");
        }
        if (webhook.alerts() == null || webhook.alerts().isEmpty()) {
            throw invalid("/alerts", "alerts must be a non-empty array");
        }
        List<Alert> alerts = new ArrayList<>(webhook.alerts().size());
        for (int i = 0; i < webhook.alerts().size(); i++) {
            alerts.add(alert(webhook, webhook.alerts().get(i), "/alerts/" + i));
        }
        return alerts;
    }

    private static Alert alert(AlertmanagerWebhook webhook, WebhookAlert alert, String at) {
        if (alert == null) {
            throw invalid(at, "an alert must be an object");
        }
        if (!isStatus(alert.status())) {
            throw invalid(at + "/status", "status must be \"firing\" or \"resolved\", got "
                    + (alert.status() == null ? "none" : "\"" + alert.status() + "\""));
        }
        if (alert.labels() == null || alert.labels().isEmpty()) {
            throw invalid(at + "/labels", "an alert needs its labels: they are its identity");
        }
        Instant startsAt = timestamp(alert.startsAt(), at + "/startsAt", true);
        Instant endsAt = timestamp(alert.endsAt(), at + "/endsAt", false);
        String fingerprint = alert.fingerprint();
        if (fingerprint == null || fingerprint.isEmpty()) {
            fingerprint = LabelFingerprint.of(alert.labels());
        } else if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw invalid(at + "/fingerprint", "fingerprint must be 16 lower-case hex digits, got \"" + fingerprint + "\"");
        }
        return new Alert(alert.status(), fingerprint, Map.copyOf(withoutNulls(alert.labels())),
                alert.annotations() == null ? Map.of() : Map.copyOf(withoutNulls(alert.annotations())),
                startsAt, endsAt, blankToNull(alert.generatorURL()), webhook.receiver(), webhook.groupKey(),
                webhook.externalURL());
    }

    private static Instant timestamp(String value, String pointer, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw invalid(pointer, "an RFC 3339 timestamp is required");
            }
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            return instant.equals(GO_ZERO_TIME) ? zeroAllowed(required, pointer) : instant;
        } catch (DateTimeParseException e) {
            throw invalid(pointer, "must be an RFC 3339 timestamp, got \"" + value + "\"");
        }
    }

    private static Instant zeroAllowed(boolean required, String pointer) {
        if (required) {
            throw invalid(pointer, "the zero time is not a start time");
        }
        return null;
    }

    private static boolean isStatus(String status) {
        return Alert.FIRING.equals(status) || Alert.RESOLVED.equals(status);
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        Map<String, String> copy = new java.util.HashMap<>();
        map.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        return copy;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(ProblemTypes.invalidField(pointer, detail));
    }
}
