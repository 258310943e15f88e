package io.autopilot.budget;

import io.autopilot.events.BudgetEvaluation;
import io.autopilot.events.CostAnomaly;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.ApprovalRequest;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;

/**
 * The stateful part of check-budget, framework-free: the latest aggregate of every export seen (a restated export
 * replaces what it restates instead of adding to it; see {@link #ingest}), and which thresholds already fired this
 * period. Every call recomputes every budget from those aggregates.
 *
 * <p>Duplicates: event ids are derived from what they are about (budget, period, threshold; or budget, period and
 * the evaluated figures), so a re-delivered export yields identical ids and the broker drops the repeats on
 * source + id even across restarts of this process, which forgets its in-memory "already fired" set.
 */
public final class BudgetEngine {

    /** What one recompute produced. */
    public record Outcome(List<BudgetEvaluation> evaluations, List<CostAnomaly> anomalies,
            List<CloudEventEnvelope> events) {
    }

    /** OCI writes its cost reports incrementally; every other provider's export is cumulative per period. */
    public static final Predicate<SpendCube> INCREMENTAL_FORMATS = c -> c.format() == ExportFormat.OCI_COST_REPORT;

    private final Predicate<SpendCube> incremental;
    private final List<Budget> budgets;
    private final ObjectMapper mapper;
    private final AnomalyDetector anomalies;
    private final Clock clock;
    private final Map<String, SpendCube> cubes = new LinkedHashMap<>();
    /** budget name -> period start -> threshold keys fired (and "approval"); one period kept per budget. */
    private final Map<String, Map.Entry<String, Set<String>>> fired = new HashMap<>();
    /** event id -> {budget, period start, fired key} of the last evaluation's one-shot events. */
    private final Map<String, String[]> pending = new HashMap<>();
    private final Set<String> anomaliesSent = java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    public BudgetEngine(List<Budget> budgets, ObjectMapper mapper, AnomalyDetector anomalies, Clock clock) {
        this(budgets, mapper, anomalies, clock, INCREMENTAL_FORMATS);
    }

    /** @param incremental which exports hold new rows only (they add up instead of superseding each other) */
    public BudgetEngine(List<Budget> budgets, ObjectMapper mapper, AnomalyDetector anomalies, Clock clock,
            Predicate<SpendCube> incremental) {
        this.incremental = incremental;
        this.budgets = List.copyOf(budgets);
        this.mapper = mapper;
        this.anomalies = anomalies;
        this.clock = clock;
    }

    public List<Budget> budgets() {
        return budgets;
    }

    public synchronized List<SpendCube> cubes() {
        return List.copyOf(cubes.values());
    }

    /** The sources whose aggregates are held (an export fully superseded by a newer run is no longer among them). */
    public synchronized Set<String> sources() {
        Set<String> out = new LinkedHashSet<>();
        cubes.forEach((k, v) -> {
            if (!v.cells().isEmpty()) {
                out.add(k);
            }
        });
        return out;
    }

    /** Which thresholds fired in which period, per budget. */
    public record Fired(String periodStart, List<String> keys) {
    }

    /** Everything this engine knows, to survive a restart: the aggregates, the fired thresholds, the anomalies sent. */
    public record Snapshot(List<SpendCube> cubes, Map<String, Fired> fired, List<String> anomaliesSent) {
    }

    public synchronized Snapshot snapshot() {
        Map<String, Fired> f = new LinkedHashMap<>();
        fired.forEach((budget, e) -> f.put(budget, new Fired(e.getKey(), List.copyOf(e.getValue()))));
        return new Snapshot(List.copyOf(cubes.values()), f, List.copyOf(anomaliesSent));
    }

    /** Takes back a snapshot (of an engine with the same budgets: their sums are columns of the cubes). */
    public synchronized void restore(Snapshot s) {
        cubes.clear();
        s.cubes().forEach(c -> cubes.put(c.source(), c));
        fired.clear();
        s.fired().forEach((budget, f) -> fired.put(budget, Map.entry(f.periodStart(), new LinkedHashSet<>(f.keys()))));
        anomaliesSent.clear();
        anomaliesSent.addAll(s.anomaliesSent());
    }

    /**
     * Takes one export's aggregate and recomputes. Exports are restated, not appended: the same object again replaces
     * its predecessor, and a cumulative export from another run of the same export (a sibling directory: AWS CUR
     * writes each run under a new assembly id, Azure under a new run id) supersedes, per billing account and billing
     * period, whatever the older run said about them, so a restatement at a new path never double-counts. Parts of
     * one run (the files of one directory, e.g. a split CUR or a partitioned Azure export) add up, and so do exports
     * in unrelated folders. Incremental exports (OCI cost and FOCUS reports: each file
     * holds new rows only) always add. Between two runs the fresher data wins, so a late re-delivery of an old run
     * cannot undo a newer one.
     */
    public synchronized Outcome ingest(SpendCube cube) {
        SpendCube incoming = cube;
        if (!incremental.test(incoming)) {
            for (Map.Entry<String, SpendCube> held : List.copyOf(cubes.entrySet())) {
                SpendCube h = held.getValue();
                if (h.source().equals(incoming.source()) || !siblingRuns(h.source(), incoming.source())
                        || incremental.test(h)) {
                    continue;
                }
                Set<SpendCube.Coverage> common = new LinkedHashSet<>(h.coverage());
                common.retainAll(incoming.coverage());
                if (common.isEmpty()) {
                    continue;
                }
                if (fresher(incoming, h)) {
                    SpendCube rest = h.without(common);
                    if (rest.cells().isEmpty()) {
                        cubes.remove(held.getKey());
                    } else {
                        cubes.put(held.getKey(), rest);
                    }
                } else {
                    incoming = incoming.without(common);
                }
            }
        }
        cubes.put(incoming.source(), incoming);
        return evaluate();
    }

    /** The directory of an object or file: the unit of one export run. */
    static String runOf(String source) {
        int slash = source.lastIndexOf('/');
        return slash < 0 ? "" : source.substring(0, slash);
    }

    /**
     * Two runs of one export: different directories side by side in the same folder, as a provider lays its runs
     * out ({@code <report>/<period>/<assembly-id>/}, {@code <export>/<period>/<run-id>/}). Exports in other folders
     * (another subscription's export, another report) never supersede each other, even for the same account.
     */
    static boolean siblingRuns(String a, String b) {
        String ra = runOf(a);
        String rb = runOf(b);
        return !ra.equals(rb) && !ra.isEmpty() && runOf(ra).equals(runOf(rb));
    }

    private static boolean fresher(SpendCube a, SpendCube b) {
        LocalDateTime fa = a.latestChargeEnd();
        LocalDateTime fb = b.latestChargeEnd();
        return fb == null || (fa != null && !fa.isBefore(fb));
    }

    /** Recomputes every budget from the aggregates held; what a daily ping does. */
    public synchronized Outcome evaluate() {
        List<SpendCube> all = List.copyOf(cubes.values());
        LocalDateTime asOf = all.stream().map(SpendCube::latestChargeEnd).filter(java.util.Objects::nonNull)
                .max(LocalDateTime::compareTo).orElse(null);
        if (asOf == null) {
            return new Outcome(List.of(), List.of(), List.of());
        }
        String now = clock.instant().toString();
        pending.clear();
        List<BudgetEvaluation> evaluations = new ArrayList<>();
        List<CloudEventEnvelope> events = new ArrayList<>();
        for (Budget b : budgets) {
            BudgetEvaluation e = BudgetEvaluator.evaluate(b, all, asOf);
            evaluations.add(e);
            events.add(event(EventIds.derive(EventTypes.BUDGET_EVALUATED, b.name(), e.periodStart(), e.actual(),
                    e.forecast() == null ? "-" : e.forecast().expected(), e.freshness()),
                    EventTypes.BUDGET_EVALUATED, b.name(), now, e));
            Set<String> done = firedIn(b.name(), e.periodStart());
            boolean newBreach = false;
            for (BudgetEvaluation.Crossed c : e.crossed()) {
                if (done.add(c.threshold())) {
                    newBreach = true;
                    String id = EventIds.derive(EventTypes.BUDGET_EXCEEDED, b.name(), e.periodStart(), c.threshold());
                    pending.put(id, new String[] { b.name(), e.periodStart(), c.threshold() });
                    events.add(event(id, EventTypes.BUDGET_EXCEEDED, b.name(), now, e.withBreached(c)));
                }
            }
            if (newBreach && b.onBreach().approval() && done.add("approval")) {
                CloudEventEnvelope approval = approval(b, e, now);
                pending.put(approval.id(), new String[] { b.name(), e.periodStart(), "approval" });
                events.add(approval);
            }
        }
        LocalDate lastComplete = asOf.toLocalDate().minusDays(1);
        List<CostAnomaly> found = anomalies.detect(all, lastComplete);
        for (CostAnomaly a : found) {
            String id = EventIds.derive(EventTypes.COST_ANOMALY_DETECTED, a.dimension(), a.value(), a.currency(),
                    a.day());
            if (anomaliesSent.add(id)) {
                events.add(event(id, EventTypes.COST_ANOMALY_DETECTED, a.dimension() + "=" + a.value(), now, a));
            }
        }
        return new Outcome(evaluations, found, events);
    }

    /**
     * Un-marks the thresholds (and approval) of events the sink did not take, so the retry of the same export fires
     * them again instead of believing they went out.
     */
    public synchronized void notSent(List<CloudEventEnvelope> unsent) {
        for (CloudEventEnvelope e : unsent) {
            String[] key = pending.remove(e.id());
            if (key != null) {
                Map.Entry<String, Set<String>> entry = fired.get(key[0]);
                if (entry != null && entry.getKey().equals(key[1])) {
                    entry.getValue().remove(key[2]);
                }
            }
            if (EventTypes.COST_ANOMALY_DETECTED.equals(e.type())) {
                anomaliesSent.remove(e.id());
            }
        }
    }

    /** The "already fired" set of a budget's current period; a new period re-arms every threshold. */
    private Set<String> firedIn(String budget, String periodStart) {
        Map.Entry<String, Set<String>> entry = fired.get(budget);
        if (entry == null || !entry.getKey().equals(periodStart)) {
            entry = Map.entry(periodStart, new LinkedHashSet<>());
            fired.put(budget, entry);
        }
        return entry.getValue();
    }

    private CloudEventEnvelope approval(Budget b, BudgetEvaluation e, String now) {
        String approvalId = EventIds.derive("approval", b.name(), e.periodStart());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("budget", b.name());
        facts.put("period", Map.of("start", e.periodStart(), "end", e.periodEnd()));
        facts.put("currency", e.currency());
        facts.put("metric", e.metric());
        facts.put("amount", e.amount());
        facts.put("actual", e.actual());
        if (e.forecast() != null) {
            facts.put("forecast", e.forecast().expected());
        }
        facts.put("crossed", e.crossed().stream().map(BudgetEvaluation.Crossed::threshold).toList());
        facts.put("topContributors", e.topContributors());
        String reason = "budget " + b.name() + " " + e.crossed().get(0).kind() + " spend " + e.crossed().get(0).value()
                + " " + e.currency() + " reached " + e.crossed().get(0).threshold() + " of " + e.amount() + " "
                + e.currency() + " for " + e.periodStart() + ".." + e.periodEnd() + topNames(e);
        ApprovalRequest request = new ApprovalRequest(approvalId, b.onBreach().action(), "budget/" + b.name(), reason,
                facts, clock.instant());
        return event(EventIds.derive(EventTypes.APPROVAL_REQUESTED, approvalId), EventTypes.APPROVAL_REQUESTED,
                approvalId, now, request);
    }

    private static String topNames(BudgetEvaluation e) {
        List<String> names = new ArrayList<>();
        e.topContributors().services().stream().limit(3).forEach(c -> names.add(c.value() + " " + c.amount()));
        return names.isEmpty() ? "" : "; top services: " + String.join(", ", names);
    }

    private CloudEventEnvelope event(String id, String type, String subject, String time, Object payload) {
        try {
            return CloudEventEnvelope.json(id, type, EventSources.CHECK_BUDGET, subject, time, Map.of(),
                    mapper.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("payload records always serialise", e);
        }
    }
}
