package io.autopilot.threat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One response rule: which Falco alerts it matches, what it does, and its own guardrails.
 *
 * @param name unique name, quoted in every {@code threat.responded} event
 * @param match the conditions, all of which must hold
 * @param actions what to do, in order
 * @param dryRun true (the default) reports what would be done without doing it
 * @param continueAfter false (the default) stops at the first matching rule, as Falco Talon does
 * @param allowProtectedNamespaces true lets this rule act in protected namespaces (kube-system by default)
 * @param rateLimit at most this many actions per target and action within the window
 */
public record ResponseRule(String name, Match match, List<Action> actions, boolean dryRun, boolean continueAfter,
        boolean allowProtectedNamespaces, RateLimit rateLimit) {

    /** The action kinds, as written in the rules file. */
    public enum Kind {
        LABEL("label"), ANNOTATE("annotate"), ISOLATE("isolate"), TERMINATE("terminate"), EVENT("event");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Kind parse(String value) {
            for (Kind kind : values()) {
                if (kind.id.equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown action " + value + " (label, annotate, isolate, terminate, event)");
        }
    }

    public record Action(Kind kind, Map<String, String> parameters) {
    }

    public record RateLimit(int max, Duration window) {
    }

    /**
     * Talon's matching semantics: {@code rules} any of (exact names); {@code priority} a comparator and a Falco priority
     * ({@code >=Warning}; a bare name means at least); {@code tags} entries OR'ed, the tags within an entry AND'ed;
     * {@code outputFields} entries OR'ed, the {@code key=value} / {@code key!=value} conditions within an entry
     * AND'ed; {@code source} exact. An empty condition matches everything.
     */
    public record Match(List<String> rules, String priority, List<List<String>> tags, List<List<FieldCondition>> outputFields,
            String source) {
    }

    public record FieldCondition(String field, boolean equals, String value) {
        boolean test(FalcoAlert alert) {
            String actual = alert.field(field);
            boolean same = value.equals(actual);
            return equals == same;
        }

        @Override
        public String toString() {
            return field + (equals ? "=" : "!=") + value;
        }
    }
}
