package io.autopilot.threat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Whether an alert matches a rule, and which of its facts made it match (quoted in the response events). */
final class RuleMatcher {

    private RuleMatcher() {
    }

    static boolean matches(ResponseRule.Match match, FalcoAlert alert) {
        if (!match.rules().isEmpty() && !match.rules().contains(alert.rule())) {
            return false;
        }
        if (match.source() != null && !match.source().equals(alert.source())) {
            return false;
        }
        if (match.priority() != null && !priority(match.priority(), Priority.parse(alert.priority()))) {
            return false;
        }
        if (!match.tags().isEmpty() && match.tags().stream().noneMatch(all -> alert.tags().containsAll(all))) {
            return false;
        }
        return match.outputFields().isEmpty()
                || match.outputFields().stream().anyMatch(all -> all.stream().allMatch(c -> c.test(alert)));
    }

    /** {@code >=Warning}, {@code >Notice}, {@code =Critical}, {@code <=Notice}, {@code <Error}, or a bare name (at least). */
    static boolean priority(String condition, Priority actual) {
        String c = condition.trim();
        String op = c.startsWith(">=") || c.startsWith("<=") ? c.substring(0, 2)
                : c.startsWith(">") || c.startsWith("<") || c.startsWith("=") ? c.substring(0, 1) : ">=";
        Priority wanted = Priority.parse(c.substring(c.startsWith(op) ? op.length() : 0));
        return switch (op) {
            case ">=" -> actual.atLeast(wanted);
            case ">" -> actual.atLeast(wanted) && actual != wanted;
            case "=" -> actual == wanted;
            case "<=" -> wanted.atLeast(actual);
            default -> wanted.atLeast(actual) && actual != wanted;
        };
    }

    /** The alert facts a rule looked at: what a reviewer needs to see why it fired. */
    static Map<String, Object> facts(ResponseRule rule, FalcoAlert alert, String eventSource, String eventId) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("falcoRule", alert.rule());
        facts.put("priority", alert.priority());
        if (alert.time() != null) {
            facts.put("time", alert.time());
        }
        if (alert.source() != null) {
            facts.put("source", alert.source());
        }
        if (alert.hostname() != null) {
            facts.put("hostname", alert.hostname());
        }
        facts.put("tags", alert.tags());
        if (alert.output() != null) {
            facts.put("output", alert.output());
        }
        facts.put("outputFields", alert.outputFields());
        facts.put("falcoEventId", eventId);
        facts.put("falcoEventSource", eventSource);
        facts.put("matchedBy", describe(rule.match()));
        return facts;
    }

    private static String describe(ResponseRule.Match m) {
        StringBuilder s = new StringBuilder();
        if (!m.rules().isEmpty()) {
            s.append("rule in ").append(m.rules());
        }
        if (m.priority() != null) {
            s.append(s.length() > 0 ? "; " : "").append("priority ").append(m.priority());
        }
        if (!m.tags().isEmpty()) {
            s.append(s.length() > 0 ? "; " : "").append("tags ").append(m.tags());
        }
        if (!m.outputFields().isEmpty()) {
            s.append(s.length() > 0 ? "; " : "").append("output_fields ").append(m.outputFields());
        }
        if (m.source() != null) {
            s.append(s.length() > 0 ? "; " : "").append("source ").append(m.source());
        }
        return s.length() == 0 ? "every alert" : s.toString();
    }

}
