package io.autopilot.threat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The limits every action passes before it is taken: no target, protected namespace, rate limit per target and
 * action, maximum actions per minute over all rules. Dry-run actions pass the same checks (so a dry run says truly
 * what would happen) but do not use up the limits. In memory: a restart forgets the counts, which errs towards acting,
 * and is why the per-minute ceiling exists.
 */
public final class Guardrails {

    public static final String NO_TARGET = "no-target";
    public static final String PROTECTED_NAMESPACE = "protected-namespace";
    public static final String RATE_LIMIT = "rate-limit";
    public static final String MAX_PER_MINUTE = "max-actions-per-minute";

    /** {@code guardrail} null means allowed. */
    public record Verdict(String guardrail, String reason) {
        public boolean allowed() {
            return guardrail == null;
        }
    }

    private final int maxPerMinute;
    private final Set<String> protectedNamespaces;
    private final Clock clock;
    private final Deque<Instant> lastMinute = new ArrayDeque<>();
    private final Map<String, Deque<Instant>> perTarget = new HashMap<>();

    public Guardrails(int maxPerMinute, Set<String> protectedNamespaces, Clock clock) {
        this.maxPerMinute = maxPerMinute;
        this.protectedNamespaces = protectedNamespaces;
        this.clock = clock;
    }

    public synchronized Verdict check(ResponseRule rule, ResponseRule.Action action, String namespace, String pod,
            boolean dryRun) {
        if (namespace == null || pod == null) {
            return new Verdict(NO_TARGET, "the alert names no pod (output fields k8s.ns.name and k8s.pod.name)");
        }
        if (protectedNamespaces.contains(namespace) && !rule.allowProtectedNamespaces()) {
            return new Verdict(PROTECTED_NAMESPACE, "namespace " + namespace + " is protected and rule " + rule.name()
                    + " does not set allow_protected_namespaces");
        }
        Instant now = clock.instant();
        prune(lastMinute, now.minus(Duration.ofMinutes(1)));
        String key = namespace + "/" + pod + "#" + action.kind().id();
        Deque<Instant> target = perTarget.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(target, now.minus(rule.rateLimit().window()));
        if (target.size() >= rule.rateLimit().max()) {
            return new Verdict(RATE_LIMIT, action.kind().id() + " on " + namespace + "/" + pod + " already ran "
                    + target.size() + " time(s) in the last " + rule.rateLimit().window());
        }
        if (lastMinute.size() >= maxPerMinute) {
            return new Verdict(MAX_PER_MINUTE, maxPerMinute + " actions were taken in the last minute");
        }
        if (!dryRun) {
            target.addLast(now);
            lastMinute.addLast(now);
        }
        if (perTarget.size() > 10_000) {
            perTarget.values().removeIf(Deque::isEmpty);
        }
        return new Verdict(null, null);
    }

    private static void prune(Deque<Instant> times, Instant before) {
        while (!times.isEmpty() && times.peekFirst().isBefore(before)) {
            times.removeFirst();
        }
    }
}
