package io.autopilot.budget;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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

    @ConfigProperty(name = "autopilot.check-budget.export-names",
            defaultValue = "(?i).*\\.(csv|csv\\.gz|gz|parquet)")
    String exportNames;

    /** Objects that hold new rows only (OCI writes its cost and FOCUS reports incrementally): they add up. */
    @ConfigProperty(name = "autopilot.check-budget.incremental-names",
            defaultValue = "(?i).*/(reports/cost-csv|focus( |%20|\\+)reports)/.*")
    String incrementalNames;

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

    private BudgetEngine engine;
    private FileTime budgetsVersion;
    private final Map<String, URI> exports = new LinkedHashMap<>();

    public synchronized Result handle(String type, JsonNode data) {
        ExportLocator locator = locator();
        refreshBudgets();
        List<String> scanned = new ArrayList<>();
        BudgetEngine.Outcome outcome;
        if (EventTypes.PING.equals(type)) {
            // daily: exports are restated in place, so read each again, then recompute forecasts with today's data
            for (Map.Entry<String, URI> e : exports.entrySet()) {
                scan(locator, e.getValue());
                scanned.add(e.getKey());
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
        int sent = send(outcome.events());
        return new Result(scanned, outcome.evaluations().size(), sent, null);
    }

    private SpendCube scan(ExportLocator locator, URI uri) {
        ExportFetcher fetcher = new ExportFetcher(locator, localDir.map(Path::of));
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
        FileTime version = null;
        List<Budget> budgets = List.of();
        if (budgetsFile.isPresent() && !budgetsFile.get().isBlank()) {
            Path file = Path.of(budgetsFile.get());
            try {
                version = Files.getLastModifiedTime(file);
            } catch (IOException e) {
                throw new ProblemException(io.autopilot.events.ProblemTypes.unavailable("the budgets file "
                        + file + " cannot be read: " + e.getMessage()));
            }
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
        ExportLocator locator = locator();
        for (URI uri : exports.values()) {
            engine.ingest(scan(locator, uri));
        }
    }

    /** Forgets every export, aggregate and fired threshold (tests; an operator restarting the pod does the same). */
    public synchronized void reset() {
        engine = null;
        budgetsVersion = null;
        exports.clear();
    }

    private ExportLocator locator() {
        return new ExportLocator(gcsEndpoint, s3Endpoint.orElse(""), exportNames);
    }
}
