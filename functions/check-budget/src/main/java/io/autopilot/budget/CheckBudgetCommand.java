package io.autopilot.budget;

import io.autopilot.events.BudgetEvaluation;
import io.autopilot.events.CostAnomaly;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.autopilot.events.ProblemException;

/**
 * {@code ./autopilot check-budget <export-file-or-url> [--budgets <file>]}: the same ingestion and evaluation as the
 * function, on one export, printed as JSON lines: one {@code budget.evaluated} payload per budget (when a budgets
 * file is given), then one totals line per billing currency. Exit 0 on success, 1 when the export or budgets file
 * cannot be used (the problem JSON on stderr), 2 on a usage error.
 */
public final class CheckBudgetCommand {

    private CheckBudgetCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String export = null;
        Path budgetsFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--budgets") && i + 1 < args.length) {
                budgetsFile = Path.of(args[++i]);
            } else if (args[i].startsWith("--budgets=")) {
                budgetsFile = Path.of(args[i].substring("--budgets=".length()));
            } else if (args[i].startsWith("-") || export != null) {
                err.println("usage: ./autopilot check-budget <export-file-or-url> [--budgets <budgets-file>]");
                return 2;
            } else {
                export = args[i];
            }
        }
        if (export == null) {
            err.println("usage: ./autopilot check-budget <export-file-or-url> [--budgets <budgets-file>]");
            return 2;
        }
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        try {
            List<Budget> budgets = budgetsFile == null ? List.of() : BudgetsFile.read(budgetsFile);
            URI uri = export.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? URI.create(export)
                    : Path.of(export).toAbsolutePath().toUri();
            // a local file named on the command line is the user's own choice: its folder is the allowed one
            Optional<Path> dir = "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri).toAbsolutePath().getParent())
                    : Optional.empty();
            ExportLocator locator = new ExportLocator("https://storage.googleapis.com",
                    Optional.ofNullable(System.getenv("AUTOPILOT_S3_ENDPOINT")).orElse(""), ".*");
            ExportFetcher fetcher = new ExportFetcher(locator, dir);
            if (dir.isPresent() && !Files.exists(Path.of(uri))) {
                err.println("no such file: " + export);
                return 1;
            }
            SpendCube cube;
            try (ExportFetcher.Fetched f = fetcher.fetch(uri)) {
                cube = new ExportScanner().scan(f.path(), export, budgets);
            }
            BudgetEngine engine = new BudgetEngine(budgets, mapper,
                    new AnomalyDetector(new BigDecimal("10"), new BigDecimal("50")), Clock.systemUTC());
            BudgetEngine.Outcome outcome = engine.ingest(cube);
            for (BudgetEvaluation e : outcome.evaluations()) {
                out.println(mapper.writeValueAsString(e));
            }
            ExportSummary summary = ExportSummary.of(List.of(cube));
            summary.byCurrency().forEach((currency, t) -> {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("kind", "total");
                line.put("currency", currency);
                line.put("rows", t.rows());
                line.put("billedCost", ExportSummary.decimal(t.billed()));
                line.put("effectiveCost", ExportSummary.decimal(t.effective()));
                line.put("listCost", ExportSummary.decimal(t.list()));
                try {
                    out.println(mapper.writeValueAsString(line));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
            out.flush();
            return 0;
        } catch (ProblemException e) {
            try {
                err.println(mapper.writeValueAsString(e.problem()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                err.println(e.problem().detail());
            }
            return 1;
        } catch (Exception e) {
            err.println("check-budget failed: " + e);
            return 1;
        }
    }
}
