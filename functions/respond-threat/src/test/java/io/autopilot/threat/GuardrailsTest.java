package io.autopilot.threat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GuardrailsTest {

    /** A clock the test moves. */
    static final class Manual extends Clock {
        Instant now = Instant.parse("2026-11-27T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final ResponseRule.Action ISOLATE = new ResponseRule.Action(ResponseRule.Kind.ISOLATE, Map.of());

    private static ResponseRule rule(int max, Duration window, boolean allowProtected) {
        return new ResponseRule("r", new ResponseRule.Match(List.of(), null, List.of(), List.of(), null), List.of(ISOLATE),
                false, false, allowProtected, new ResponseRule.RateLimit(max, window));
    }

    @Test
    void protectedNamespacesNeedTheRulesExplicitPermission() {
        Guardrails g = new Guardrails(10, Set.of("kube-system"), new Manual());
        assertEquals(Guardrails.PROTECTED_NAMESPACE, g.check(rule(5, Duration.ofMinutes(1), false), ISOLATE,
                "kube-system", "coredns", false).guardrail());
        assertTrue(g.check(rule(5, Duration.ofMinutes(1), true), ISOLATE, "kube-system", "coredns", false).allowed());
    }

    @Test
    void theRateLimitIsPerTargetAndActionAndExpiresWithItsWindow() {
        Manual clock = new Manual();
        Guardrails g = new Guardrails(10, Set.of(), clock);
        ResponseRule r = rule(1, Duration.ofMinutes(5), false);
        assertTrue(g.check(r, ISOLATE, "shop", "a", false).allowed());
        assertEquals(Guardrails.RATE_LIMIT, g.check(r, ISOLATE, "shop", "a", false).guardrail());
        assertTrue(g.check(r, ISOLATE, "shop", "b", false).allowed(), "another pod is another target");
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertTrue(g.check(r, ISOLATE, "shop", "a", false).allowed());
    }

    @Test
    void theCeilingPerMinuteHoldsAcrossTargets() {
        Manual clock = new Manual();
        Guardrails g = new Guardrails(2, Set.of(), clock);
        ResponseRule r = rule(5, Duration.ofMinutes(5), false);
        assertTrue(g.check(r, ISOLATE, "shop", "a", false).allowed());
        assertTrue(g.check(r, ISOLATE, "shop", "b", false).allowed());
        assertEquals(Guardrails.MAX_PER_MINUTE, g.check(r, ISOLATE, "shop", "c", false).guardrail());
        clock.now = clock.now.plusSeconds(61);
        assertTrue(g.check(r, ISOLATE, "shop", "c", false).allowed());
    }

    @Test
    void dryRunsAreJudgedButDoNotUseUpTheLimits() {
        Guardrails g = new Guardrails(1, Set.of(), new Manual());
        ResponseRule r = rule(1, Duration.ofMinutes(5), false);
        for (int i = 0; i < 3; i++) {
            assertTrue(g.check(r, ISOLATE, "shop", "a", true).allowed());
        }
        assertTrue(g.check(r, ISOLATE, "shop", "a", false).allowed());
    }

    @Test
    void anAlertWithoutAPodHasNoTarget() {
        Guardrails g = new Guardrails(1, Set.of(), new Manual());
        assertEquals(Guardrails.NO_TARGET, g.check(rule(1, Duration.ofMinutes(1), false), ISOLATE, null, null, false)
                .guardrail());
    }
}
