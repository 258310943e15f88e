package io.autopilot.budget.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.autopilot.budget.AnomalyDetector;
import io.autopilot.budget.Budget;
import io.autopilot.budget.BudgetEngine;
import io.autopilot.budget.BudgetsFile;
import io.autopilot.budget.ExportScanner;
import io.autopilot.budget.SpendCube;
import io.autopilot.budget.SyntheticFocus;

/**
 * Budget evaluation over a large FOCUS 1.2 export against DuckDB itself running the baseline query on the same file
 * in the same JVM, alternating runs. Not a JUnit test, not JMH (each run is seconds, a JMH fork per file would only
 * add noise): run by src/bench/check-budget-bench.sh, which also measures peak RSS per mode with /usr/bin/time.
 *
 * <pre>
 *   generate &lt;file.csv&gt; &lt;target-bytes&gt;     write the synthetic export (and file.parquet beside it)
 *   compare  &lt;file&gt; &lt;budgets.yaml&gt; &lt;reps&gt;  alternate baseline / ours, print times and the ratio
 *   ours     &lt;file&gt; &lt;budgets.yaml&gt;          one evaluation (for RSS)
 *   baseline &lt;file&gt;                          one baseline query (for RSS)
 * </pre>
 */
public final class BudgetScanBenchmark {

    private BudgetScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]));
            case "compare" -> compare(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "ours" -> System.out.println("ours ms " + ours(Path.of(args[1]), BudgetsFile.read(Path.of(args[2]))));
            case "baseline" -> System.out.println("baseline ms " + baseline(Path.of(args[1])));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void generate(Path csv, long targetBytes) throws Exception {
        // one day with one resource per service is ~ 200 rows x ~700 bytes; scale resources to reach the target
        Path probe = Files.createTempFile("probe", ".csv");
        SyntheticFocus.write(probe, LocalDate.of(2026, 5, 1), 1, 1, 0.6, 42);
        long perResourceDay = Files.size(probe);
        Files.delete(probe);
        int days = 20;
        int resources = (int) Math.max(1, targetBytes / (perResourceDay * days));
        long rows = SyntheticFocus.write(csv, LocalDate.of(2026, 5, 1), days, resources, 0.6, 42);
        System.out.printf("wrote %s: %d rows, %d bytes (%d resources per service, %d days)%n", csv, rows,
                Files.size(csv), resources, days);
        Path parquet = Path.of(csv.toString().replaceAll("\\.csv$", ".parquet"));
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
                Statement st = c.createStatement()) {
            st.execute("SET memory_limit = '384MB'");
            // typed as the providers' Parquet exports are: decimals for money, timestamps with time zone for periods
            st.execute("SET TimeZone = 'UTC'");
            st.execute("COPY (SELECT * REPLACE (CAST(BilledCost AS DECIMAL(38,10)) AS BilledCost, "
                    + "CAST(EffectiveCost AS DECIMAL(38,10)) AS EffectiveCost, CAST(ListCost AS DECIMAL(38,10)) AS "
                    + "ListCost, CAST(ChargePeriodStart AS TIMESTAMPTZ) AS ChargePeriodStart, "
                    + "CAST(ChargePeriodEnd AS TIMESTAMPTZ) AS ChargePeriodEnd, "
                    + "CAST(BillingPeriodStart AS TIMESTAMPTZ) AS BillingPeriodStart, "
                    + "CAST(BillingPeriodEnd AS TIMESTAMPTZ) AS BillingPeriodEnd) FROM read_csv('" + csv
                    + "', header = true, all_varchar = true)) TO '" + parquet + "' (FORMAT parquet)");
        }
        System.out.printf("wrote %s: %d bytes%n", parquet, Files.size(parquet));
    }

    static void compare(Path file, Path budgetsFile, int reps) throws Exception {
        List<Budget> budgets = BudgetsFile.read(budgetsFile);
        baseline(file); // warm the page cache and the native library once
        List<Long> base = new ArrayList<>();
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            base.add(baseline(file));
            mine.add(ours(file, budgets));
        }
        long b = median(base);
        long m = median(mine);
        System.out.printf("file %s (%d bytes)%nbaseline ms %s median %d%nours ms %s median %d%nratio %.2f%n", file,
                Files.size(file), base, b, mine, m, (double) m / b);
    }

    /** DuckDB's own best effort at the question: types sniffed, one aggregate. */
    static long baseline(Path file) throws Exception {
        long t0 = System.nanoTime();
        String rel = file.toString().endsWith(".parquet") ? "read_parquet('" + file + "')" : "read_csv('" + file + "')";
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
                Statement st = c.createStatement()) {
            st.execute("SET memory_limit = '384MB'");
            try (ResultSet rs = st.executeQuery("SELECT BillingCurrency, SUM(EffectiveCost) FROM " + rel
                    + " GROUP BY BillingCurrency")) {
                while (rs.next()) {
                    rs.getBigDecimal(2);
                }
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The whole evaluation: detect, normalise, one scan with every budget, then evaluate, forecast, anomalies. */
    static long ours(Path file, List<Budget> budgets) {
        long t0 = System.nanoTime();
        SpendCube cube = new ExportScanner("384MB", Runtime.getRuntime().availableProcessors()).scan(file,
                file.toString(), budgets);
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        BudgetEngine.Outcome o = new BudgetEngine(budgets, mapper, new AnomalyDetector(BigDecimal.TEN,
                new BigDecimal("50")), Clock.systemUTC()).ingest(cube);
        if (o.evaluations().size() != budgets.size()) {
            throw new IllegalStateException("evaluations missing");
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static long median(List<Long> v) {
        long[] a = v.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
