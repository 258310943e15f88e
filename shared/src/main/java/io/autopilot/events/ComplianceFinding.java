package io.autopilot.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One failed check on one field of one resource: the payload of {@code io.autopilot.compliance.finding} and, with
 * {@code resolvedAt} and {@code resolution} set, of {@code io.autopilot.compliance.resolved}.
 *
 * @param findingId stable id of (resource, check, field): the event subject, the same on every re-detection
 * @param check {@code pss.<PSA check id>} or one of the check ids of check-compliance
 * @param control the PSA check id for PSS checks, else the check's own control name
 * @param pssLevel {@code baseline} or {@code restricted} for PSS controls, null otherwise
 * @param severity high, medium or low
 * @param resource the object inspected
 * @param path the field path from the object's root
 * @param observed the value seen ({@code <unset>} when missing)
 * @param allowed the values the control allows
 * @param message one sentence for a human
 * @param frameworks framework → control ids this finding is evidence for
 * @param remediation a ready-to-apply object that fixes it (the default-deny NetworkPolicy), or null
 * @param evaluator what judged it, with the rule version
 * @param observedAt when the event that showed it happened
 * @param resolvedAt when a later event showed it fixed (resolved events only)
 * @param resolution {@code fixed} or {@code deleted} (resolved events only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComplianceFinding(String findingId, String check, String control, String pssLevel, String severity,
        ResourceRef resource, String path, String observed, String allowed, String message,
        Map<String, List<String>> frameworks, JsonNode remediation, String evaluator, Instant observedAt,
        Instant resolvedAt, String resolution) {

    public static final String EVALUATOR = "autopilot check-compliance (Pod Security Standards v1.37)";

    public ComplianceFinding resolved(Instant at, String why, ResourceRef now) {
        return new ComplianceFinding(findingId, check, control, pssLevel, severity, now == null ? resource : now, path, observed,
                allowed, message, frameworks, null, evaluator, observedAt, at, why);
    }
}
