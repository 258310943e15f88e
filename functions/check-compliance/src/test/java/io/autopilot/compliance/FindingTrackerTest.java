package io.autopilot.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.autopilot.events.ComplianceFinding;
import io.autopilot.events.ResourceRef;

class FindingTrackerTest {

    private static ComplianceFinding finding(String path) {
        return ResourceChecks.finding(new ResourceRef("v1", "Pod", "shop", "p", null, null), "pss.privileged",
                "privileged", "baseline", "high", path, "true", "false", "m", null, Instant.EPOCH);
    }

    @Test
    void reportsWhatOpenedAndWhatWasResolvedOnlyAfterCommit() {
        FindingTracker tracker = new FindingTracker(10);
        FindingTracker.Diff first = tracker.diff("s", List.of(finding("a"), finding("b")));
        assertEquals(2, first.opened().size());
        // not committed (the sink failed): the same diff again
        assertEquals(2, tracker.diff("s", List.of(finding("a"), finding("b"))).opened().size());
        tracker.commit(first);
        FindingTracker.Diff second = tracker.diff("s", List.of(finding("b"), finding("c")));
        assertEquals(List.of("c"), second.opened().stream().map(ComplianceFinding::path).toList());
        assertEquals(List.of("a"), second.resolved().stream().map(ComplianceFinding::path).toList());
        tracker.commit(second);
        assertEquals(2, tracker.openFindings());
    }

    @Test
    void forgetsTheLeastRecentlyTouchedScopeBeyondItsBound() {
        FindingTracker tracker = new FindingTracker(2);
        for (String scope : List.of("x", "y", "z")) {
            tracker.commit(tracker.diff(scope, List.of(finding(scope))));
        }
        assertEquals(2, tracker.scopes().size());
        assertTrue(!tracker.scopes().contains("x"));
    }

    @Test
    void findingIdsAreStablePerResourceCheckAndField() {
        assertEquals(finding("a").findingId(), finding("a").findingId());
        assertTrue(!finding("a").findingId().equals(finding("b").findingId()));
    }
}
