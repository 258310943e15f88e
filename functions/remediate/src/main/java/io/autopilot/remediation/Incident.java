package io.autopilot.remediation;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One incoming event read as something that may call for an action: its type, a canonical reason (CrashLoopBackOff,
 * OOMKilled, ProbeFailed, the alert name, ...), the labels playbooks match on, the kind of the object it came from,
 * the resolved target, the measured values (facts), the alert fingerprint when it is an alert, and a patch when it
 * carries one (a scaling recommendation).
 */
public record Incident(String type, String source, String id, String reason, Map<String, String> labels,
        String kind, Target target, Map<String, Object> facts, String fingerprint, JsonNode patch,
        boolean autoApply) {

    public String causeKey() {
        return source + "\n" + id;
    }
}
