package io.autopilot.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.autopilot.events.ComplianceFinding;
import io.autopilot.events.ResourceRef;

/**
 * The open findings per scope, in memory and bounded (least recently touched scopes fall out first). This is what
 * turns "the current findings of a scope" into "what opened" and "what was resolved".
 *
 * <p>Why memory and not the API or a store: ApiServerSource's Resource mode sends the new object only, never the old
 * one, so the previous state has to be remembered somewhere; a bounded map is enough because the daily ping
 * re-evaluates the whole cluster and reconciles (see {@link ComplianceService}). After a restart the first event of a
 * resource re-reports its findings (same finding ids, so consumers see repeats, not new facts), and a fix made while
 * the function was down is reported as resolved at the next ping. Callers {@link #diff} first, send the events, then
 * {@link #commit}: a failed send leaves the state as it was, so the retried event produces the same events again.
 */
public final class FindingTracker {

    /** What changed in one scope. */
    public record Diff(String scope, List<ComplianceFinding> opened, List<ComplianceFinding> resolved, Map<String, ComplianceFinding> now) {
        public boolean isEmpty() {
            return opened.isEmpty() && resolved.isEmpty();
        }
    }

    private final int maxScopes;
    private final LinkedHashMap<String, Map<String, ComplianceFinding>> open;

    public FindingTracker(int maxScopes) {
        this.maxScopes = maxScopes;
        this.open = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, ComplianceFinding>> eldest) {
                return size() > FindingTracker.this.maxScopes;
            }
        };
    }

    public synchronized Diff diff(String scope, List<ComplianceFinding> current) {
        Map<String, ComplianceFinding> before = open.getOrDefault(scope, Map.of());
        Map<String, ComplianceFinding> now = new LinkedHashMap<>();
        for (ComplianceFinding f : current) {
            now.putIfAbsent(f.findingId(), f);
        }
        List<ComplianceFinding> opened = new ArrayList<>();
        for (ComplianceFinding f : now.values()) {
            if (!before.containsKey(f.findingId())) {
                opened.add(f);
            }
        }
        List<ComplianceFinding> resolved = new ArrayList<>();
        for (ComplianceFinding f : before.values()) {
            if (!now.containsKey(f.findingId())) {
                resolved.add(f);
            }
        }
        return new Diff(scope, opened, resolved, now);
    }

    public synchronized void commit(Diff diff) {
        if (diff.now().isEmpty()) {
            open.remove(diff.scope());
        } else {
            open.put(diff.scope(), Map.copyOf(diff.now()));
        }
    }

    /** Scopes of a resource (by {@link ResourceRef#key()}) that have open findings. */
    public synchronized List<String> scopesOf(String resourceKey) {
        List<String> out = new ArrayList<>();
        for (String scope : open.keySet()) {
            if (scope.startsWith(resourceKey + "|")) {
                out.add(scope);
            }
        }
        return out;
    }

    public synchronized Set<String> scopes() {
        return Set.copyOf(open.keySet());
    }

    public synchronized int openFindings() {
        return open.values().stream().mapToInt(Map::size).sum();
    }
}
