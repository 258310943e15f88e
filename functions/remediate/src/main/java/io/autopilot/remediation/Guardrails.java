package io.autopilot.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks every action passes before it runs, and the memory they need: actions per target (rate limit over a
 * window, cooldown since the last), alert fingerprints that resolved (never act on an alert that resolved in the
 * meantime, robusta#345), and approvals asked for. Each check answers with the measured values it compared, so the
 * decision event can show them. Thread-safe: one instance serves concurrent requests.
 */
public final class Guardrails {

    /** A guardrail's answer: which one said no (null: all passed) and what it measured. */
    public record Verdict(String guardrail, String reason, Map<String, Object> facts) {

        public boolean allowed() {
            return guardrail == null;
        }
    }

    private final Map<String, Deque<Instant>> actions = new ConcurrentHashMap<>();
    private final Set<String> resolved = ConcurrentHashMap.newKeySet();

    /** Forget the alert: from now on nothing acts on it. */
    public void resolved(String fingerprint) {
        if (fingerprint != null) {
            resolved.add(fingerprint);
        }
    }

    public boolean isResolved(String fingerprint) {
        return fingerprint != null && resolved.contains(fingerprint);
    }

    /** An alert firing again after it resolved is a new episode: act on it again. */
    public void firing(String fingerprint) {
        if (fingerprint != null) {
            resolved.remove(fingerprint);
        }
    }

    /** Rate limit and cooldown for one target, measured at {@code now}. */
    public Verdict check(String targetKey, Instant now, int rateLimitMax, Duration window, Duration cooldown) {
        Deque<Instant> past = actions.computeIfAbsent(targetKey, k -> new ArrayDeque<>());
        synchronized (past) {
            while (!past.isEmpty() && past.peekFirst().isBefore(now.minus(window))) {
                past.pollFirst();
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("actionsInWindow", past.size());
            facts.put("rateLimit", rateLimitMax);
            facts.put("rateLimitWindowSeconds", window.toSeconds());
            facts.put("cooldownSeconds", cooldown.toSeconds());
            Optional<Instant> last = Optional.ofNullable(past.peekLast());
            last.ifPresent(l -> facts.put("secondsSinceLast", Duration.between(l, now).toSeconds()));
            if (last.isPresent() && Duration.between(last.get(), now).compareTo(cooldown) < 0) {
                return new Verdict("cooldown", "last action on " + targetKey + " "
                        + Duration.between(last.get(), now).toSeconds() + " s ago; cooldown " + cooldown.toSeconds()
                        + " s", facts);
            }
            if (past.size() >= rateLimitMax) {
                return new Verdict("rate-limit", past.size() + " actions on " + targetKey + " in the last "
                        + window.toSeconds() + " s; limit " + rateLimitMax, facts);
            }
            return new Verdict(null, "within rate limit and cooldown", facts);
        }
    }

    /** Count an action (taken or rehearsed) against its target. */
    public void record(String targetKey, Instant at) {
        Deque<Instant> past = actions.computeIfAbsent(targetKey, k -> new ArrayDeque<>());
        synchronized (past) {
            past.addLast(at);
        }
    }

    /** The share an action takes down at once against the allowed share. */
    public static Verdict blastRadius(double share, double allowed, Map<String, Object> measured) {
        Map<String, Object> facts = new LinkedHashMap<>(measured);
        facts.put("share", Math.round(share * 10000) / 10000.0);
        facts.put("blastRadius", allowed);
        if (share > allowed + 1e-9) {
            return new Verdict("blast-radius", String.format(java.util.Locale.ROOT,
                    "the action would take down %.0f %% at once; at most %.0f %% allowed", share * 100, allowed * 100),
                    facts);
        }
        return new Verdict(null, "within blast radius", facts);
    }
}
