package io.autopilot.budget;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.http.EventSink;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires the plain parts to configuration and the sink: locate the export an event points at, fetch it, scan it,
 * recompute every budget, send the events. The budgets file is re-read when it changes (a ConfigMap update), and then
 * every known export is scanned again, because each budget is a column of the scan.
 */
@ApplicationScoped
public class CheckBudgetService {

    private static final Logger LOG = Logger.getLogger(CheckBudgetService.class);

    /** What one event did: the exports scanned, the events sent, or why it was skipped. */
    public record Result(List<String> scanned, int evaluated, int sent, String skipped) {
    }

    @ConfigProperty(name = "autopilot.check-budget.budgets-file")
    Optional<String> budgetsFile;

    @ConfigProperty(name = "autopilot.check-budget.local-dir")
    Optional<String> localDir;

    @ConfigProperty(name = "autopilot.check-budget.gcs-endpoint", defaultValue = "https://storage.googleapis.com")
    String gcsEndpoint;

    @ConfigProperty(name = "autopilot.check-budget.s3-endpoint")
    Optional<String> s3Endpoint;

    /** Blob endpoint besides *.blob.core.windows.net (Azurite), read with the workload's Azure identity. */
    @ConfigProperty(name = "autopilot.check-budget.azure-blob-endpoint")
    Optional<String> azureBlobEndpoint;

    @ConfigProperty(name = "autopilot.check-budget.export-names",
            defaultValue = "(?i).*\\.(csv|csv\\.gz|gz|parquet)")
    String exportNames;

    /** Objects that hold new rows only (OCI writes its cost and FOCUS reports incrementally): they add up. */
    @ConfigProperty(name = "autopilot.check-budget.incremental-names",
            defaultValue = "(?i).*/(reports/cost-csv|focus( |%20|\\+)reports)/.*")
    String incrementalNames;

    /** Where the state survives restarts (a volume in a cluster); unset = memory only. */
    @ConfigProperty(name = "autopilot.check-budget.state-dir")
    Optional<String> stateDir;

    @ConfigProperty(name = "autopilot.check-budget.memory-limit", defaultValue = "384MB")
    String memoryLimit;

    @ConfigProperty(name = "autopilot.check-budget.anomaly.min-absolute", defaultValue = "10")
    BigDecimal anomalyMinAbsolute;

    @ConfigProperty(name = "autopilot.check-budget.anomaly.min-percent", defaultValue = "50")
    BigDecimal anomalyMinPercent;

    @Inject
    EventSink sink;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    // one of each per process, so credentials and tokens are cached across exports, not fetched for every read
    private final AwsCredentials aws = AwsCredentials.fromEnvironment();
    private final BearerTokens tokens = BearerTokens.fromEnvironment();
    private BudgetEngine engine;
    private String budgetsVersion;
    private final Map<String, URI> exports = new LinkedHashMap<>();
    private boolean restored;

    public synchronized Result handle(String type, JsonNode data) {
        ExportLocator locator = locator();
        restoreOnce();
        refreshBudgets();
        try {
            return process(locator, type, data);
        } finally {
            persist();
        }
    }

    private Result process(ExportLocator locator, String type, JsonNode data) {
        List<String> scanned = new ArrayList<>();
        BudgetEngine.Outcome outcome;
        if (EventTypes.PING.equals(type)) {
            // daily: exports are restated in place, so read each again, then recompute forecasts with today's data
            for (Map.Entry<String, URI> e : List.copyOf(exports.entrySet())) {
                try {
                    engine.ingest(scan(locator, e.getValue()));
                    scanned.add(e.getKey());
                } catch (ProblemException p) {
                    if (p.problem().status() >= 500) {
                        throw p; // the store is down: the ping is retried, nothing is lost
                    }
                    // gone or no longer readable (an expired presigned URL): keep what was read before
                    LOG.warnf("check-budget could not re-read %s (%s); its last aggregate stays", e.getKey(),
                            p.problem().detail());
                }
            }
            outcome = engine.evaluate();
        } else {
            ExportLocator.Located where = locator.locate(type, data);
            if (where.skipped() != null) {
                LOG.infof("check-budget skipped a %s event: %s", type, where.skipped());
                registry.counter("autopilot.check_budget.skipped").increment();
                return new Result(List.of(), 0, 0, where.skipped());
            }
            SpendCube cube = scan(locator, where.uri());
            exports.put(cube.source(), where.uri());
            scanned.add(cube.source());
            outcome = engine.ingest(cube);
        }
        // exports a newer run superseded completely are not read again
        exports.keySet().retainAll(engine.sources());
        int sent = send(outcome.events());
        return new Result(scanned, outcome.evaluations().size(), sent, null);
    }

    /** Once per process: the state a previous process saved, if there is a state directory and a state in it. */
    private void restoreOnce() {
        if (restored || stateDir.isEmpty() || stateDir.get().isBlank()) {
            return;
        }
        try {
            Optional<StateStore.State> saved = store().load();
            if (saved.isPresent()) {
                StateStore.State st = saved.get();
                refreshBudgets(); // an engine for today's budgets (no exports known yet: nothing is read)
                st.exports().forEach((k, v) -> exports.put(k, URI.create(v)));
                if (st.budgetsVersion().equals(budgetsVersion)) {
                    engine.restore(st.engine());
                } else {
                    // the budgets changed while this was down: their sums are columns of the scan, read again
                    rescan();
                }
                LOG.infof("check-budget restored %d exports from %s", exports.size(), store().file());
            }
            restored = true;
        } catch (IOException e) {
            // a state that cannot be read must not be overwritten by an empty one: refuse until it is fixed
            throw new ProblemException(io.autopilot.events.ProblemTypes.unavailable("the state in "
                    + store().file() + " cannot be read: " + e.getMessage()));
        }
    }

    private void persist() {
        if (stateDir.isEmpty() || stateDir.get().isBlank() || engine == null) {
            return;
        }
        Map<String, String> where = new LinkedHashMap<>();
        // no query strings on disk: presigned and SAS URLs carry credentials (such an export is not re-read after
        // a restart; its last aggregate is in the snapshot)
        exports.forEach((k, v) -> where.put(k, stripQuery(v)));
        try {
            store().save(new StateStore.State(budgetsVersion, where, engine.snapshot()));
        } catch (IOException e) {
            LOG.errorf("check-budget could not save its state to %s: %s", store().file(), e.getMessage());
            registry.counter("autopilot.check_budget.state_save_failures").increment();
        }
    }

    private StateStore store() {
        return new StateStore(Path.of(stateDir.orElseThrow()), mapper);
    }

    private static String stripQuery(URI uri) {
        String s = uri.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    private SpendCube scan(ExportLocator locator, URI uri) {
        ExportFetcher fetcher = new ExportFetcher(locator, localDir.map(Path::of), aws, tokens);
        try (ExportFetcher.Fetched f = fetcher.fetch(uri)) {
            SpendCube cube = new ExportScanner(memoryLimit, Math.max(1, Runtime.getRuntime().availableProcessors()))
                    .scan(f.path(), ExportFetcher.redact(uri), engine.budgets());
            registry.counter("autopilot.check_budget.exports_scanned", "format", cube.format().name()).increment();
            return cube;
        }
    }

    private int send(List<CloudEventEnvelope> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                sink.send(events.get(i));
                registry.counter("autopilot.check_budget.emitted", "type", events.get(i).type()).increment();
            } catch (RuntimeException e) {
                engine.notSent(events.subList(i, events.size()));
                throw e;
            }
        }
        return events.size();
    }

    /** (Re)reads the budgets file when it changed; a changed file means every known export is scanned again. */
    private void refreshBudgets() {
        String version = "none";
        List<Budget> budgets = List.of();
        if (budgetsFile.isPresent() && !budgetsFile.get().isBlank()) {
            Path file = Path.of(budgetsFile.get());
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ProblemException(io.autopilot.events.ProblemTypes.unavailable("the budgets file "
                        + file + " cannot be read: " + e.getMessage()));
            }
            version = io.autopilot.events.EventIds.derive("budgets", new String(content,
                    java.nio.charset.StandardCharsets.UTF_8));
            if (engine != null && version.equals(budgetsVersion)) {
                return;
            }
            try {
                budgets = BudgetsFile.read(file);
            } catch (ProblemException e) {
                // a broken ConfigMap is the operator's to fix, not the event's fault: 503, so the Broker retries
                // the export and nothing is lost meanwhile
                throw new ProblemException(io.autopilot.events.ProblemTypes.unavailable("the budgets file " + file
                        + " is invalid at " + e.problem().field() + ": " + e.problem().detail()));
            }
        } else if (engine != null) {
            return;
        }
        Pattern incremental = Pattern.compile(incrementalNames);
        engine = new BudgetEngine(budgets, mapper, new AnomalyDetector(anomalyMinAbsolute, anomalyMinPercent),
                Clock.systemUTC(),
                BudgetEngine.INCREMENTAL_FORMATS.or(c -> incremental.matcher(c.source()).matches()));
        budgetsVersion = version;
        rescan();
    }

    /** Every known export into the (new) engine. */
    private void rescan() {
        ExportLocator locator = locator();
        for (URI uri : List.copyOf(exports.values())) {
            try {
                engine.ingest(scan(locator, uri));
            } catch (ProblemException p) {
                if (p.problem().status() >= 500) {
                    throw p;
                }
                LOG.warnf("check-budget could not re-read %s (%s)", ExportFetcher.redact(uri), p.problem().detail());
            }
        }
    }

    /**
     * Forgets every export, aggregate and fired threshold, in memory and on disk (tests; an operator deleting the
     * state file and restarting the pod does the same).
     */
    public synchronized void reset() {
        engine = null;
        budgetsVersion = null;
        exports.clear();
        restored = false;
        if (stateDir.isPresent() && !stateDir.get().isBlank()) {
            try {
                Files.deleteIfExists(store().file());
            } catch (IOException e) {
                throw new IllegalStateException("cannot delete " + store().file(), e);
            }
        }
    }

    /** Forgets the in-memory state only, as a restart does (tests of the state file). */
    synchronized void forgetMemory() {
        engine = null;
        budgetsVersion = null;
        exports.clear();
        restored = false;
    }

    private ExportLocator locator() {
        return new ExportLocator(gcsEndpoint, s3Endpoint.orElse(""), azureBlobEndpoint.orElse(""), exportNames);
    }
}
