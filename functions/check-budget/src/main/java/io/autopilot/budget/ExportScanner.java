package io.autopilot.budget;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Scans one export file with DuckDB: detects its layout from the header, normalises it in SQL and aggregates it into
 * a {@link SpendCube} in one pass. DuckDB streams the file (CSV, gzip-compressed CSV or Parquet) in vectors, so
 * memory stays bounded by the aggregate, not by the file; its own memory is capped by {@code memoryLimit}.
 */
public final class ExportScanner {

    private static final Logger LOG = Logger.getLogger(ExportScanner.class);

    private final String memoryLimit;
    private final int threads;

    public ExportScanner(String memoryLimit, int threads) {
        this.memoryLimit = memoryLimit;
        this.threads = threads;
    }

    public ExportScanner() {
        this("384MB", Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** What the header says: layout and columns. */
    public record Detected(ExportFormat format, String focusVersion, Columns columns, boolean parquet) {
    }

    /**
     * One way to read a file: the relation, the header as the normaliser sees it and how the normaliser treats it.
     * {@code name} says which path served a scan (logs, tests).
     */
    public record Reading(String name, String relation, Columns columns, boolean typed, boolean nullsResolved) {

        String normalized(ExportFormat format) {
            return new Normalizer(columns, typed, nullsResolved).select(format);
        }
    }

    public SpendCube scan(Path file, String source, List<Budget> budgets) {
        return withReadings(file, source, (st, d) -> {
            List<SpendCube.Cell> cells = new ArrayList<>();
            List<String> tagKeys = BudgetFilter.tagKeys(budgets);
            try (ResultSet rs = st.executeQuery(cubeSql(budgets))) {
                while (rs.next()) {
                    cells.add(cell(rs, budgets, tagKeys));
                }
            }
            return new SpendCube(source, d.format(), d.focusVersion(), cells);
        });
    }

    /** Runs any SQL over the normalised rows of a file (view {@code n}); for tests and benchmarks. */
    public <T> T query(Path file, String sql, ResultReader<T> reader) {
        return withReadings(file, file.getFileName().toString(), (st, d) -> {
            try (ResultSet rs = st.executeQuery(sql)) {
                return reader.read(rs);
            }
        });
    }

    /** The same SQL over one named reading only (the fast path or the lenient one), to compare them in tests. */
    public <T> T query(Path file, String readingName, String sql, ResultReader<T> reader) {
        return withReadings(file, file.getFileName().toString(), r -> r.name().equals(readingName), (st, d) -> {
            try (ResultSet rs = st.executeQuery(sql)) {
                return reader.read(rs);
            }
        });
    }

    private interface Work<T> {
        T run(Statement st, Detected d) throws SQLException;
    }

    /**
     * Runs the work over the first reading that can read the whole file. A typed read stops at the first cell that
     * does not fit its type (a "$10,000.00", a US date); the lenient reading then reads every cell. The error a
     * caller sees is the last reading's.
     */
    private <T> T withReadings(Path file, String source, Work<T> work) {
        return withReadings(file, source, r -> true, work);
    }

    private <T> T withReadings(Path file, String source, java.util.function.Predicate<Reading> which, Work<T> work) {
        try (Connection conn = open()) {
            Detected d = detect(conn, file);
            List<Reading> readings = readings(file, d).stream().filter(which).toList();
            if (readings.isEmpty()) {
                throw new IllegalArgumentException("no such reading for " + file);
            }
            SQLException last = null;
            for (Reading r : readings) {
                try (Statement st = conn.createStatement()) {
                    define(st, r, d);
                    return work.run(st, d);
                } catch (SQLException e) {
                    last = e;
                    LOG.debugf("%s: the %s reading failed (%s); trying the next", source, r.name(),
                            firstLine(e.getMessage()));
                }
            }
            throw last;
        } catch (SQLException e) {
            throw new ProblemException(ProblemTypes.unprocessable("cannot read the export " + source + ": "
                    + firstLine(e.getMessage())));
        }
    }

    private static void define(Statement st, Reading r, Detected d) throws SQLException {
        st.execute("CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM " + r.relation());
        st.execute("CREATE OR REPLACE TEMP VIEW n AS " + r.normalized(d.format()));
    }

    /** The readings to try, fastest first. */
    static List<Reading> readings(Path file, Detected d) {
        if (d.parquet()) {
            return List.of(new Reading("parquet", relation(file, true), d.columns(), true, false));
        }
        Reading lenient = new Reading("lenient", relation(file, false), d.columns(), false, false);
        if (d.format() != ExportFormat.FOCUS) {
            return List.of(lenient);
        }
        Map<String, String> types = Normalizer.focusCsvTypes(d.columns());
        Columns typed = new Columns(d.columns().names(), types);
        return List.of(new Reading("typed", typedCsv(file, types), typed, true, true), lenient);
    }

    @FunctionalInterface
    public interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public Detected detect(Path file) {
        try (Connection conn = open()) {
            return detect(conn, file);
        } catch (SQLException e) {
            throw new ProblemException(ProblemTypes.unprocessable("cannot read the export " + file.getFileName()
                    + ": " + firstLine(e.getMessage())));
        }
    }

    private Detected detect(Connection conn, Path file) throws SQLException {
        boolean parquet = isParquet(file);
        List<String> names = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + relation(file, parquet))) {
            while (rs.next()) {
                names.add(rs.getString("column_name"));
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        Columns columns = new Columns(names, parquet ? types : Map.of());
        ExportFormat format = FormatDetector.detect(columns).orElseThrow(() -> new ProblemException(
                ProblemTypes.unprocessable("not a billing export check-budget knows: " + file.getFileName()
                        + " has none of the column sets of FOCUS, AWS CUR, GCP, Azure or OCI exports (columns: "
                        + String.join(", ", names.subList(0, Math.min(12, names.size()))) + ")")));
        return new Detected(format, format == ExportFormat.FOCUS ? FormatDetector.focusVersion(columns) : null,
                columns, parquet);
    }

    private Connection open() throws SQLException {
        // the driver directly, not DriverManager: under Quarkus' class loaders the registered driver may be invisible
        Connection conn = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
        try (Statement st = conn.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute("SET memory_limit = '" + memoryLimit + "'");
            st.execute("SET threads = " + threads);
            st.execute("SET preserve_insertion_order = false");
            for (String macro : Normalizer.MACROS) {
                st.execute(macro);
            }
        }
        return conn;
    }

    static boolean isParquet(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == '1';
        } catch (IOException e) {
            throw new ProblemException(ProblemTypes.unprocessable("cannot open the export " + file.getFileName()));
        }
    }

    private static String relation(Path file, boolean parquet) {
        String path = Normalizer.literal(file.toAbsolutePath().toString());
        if (parquet) {
            return "read_parquet(" + path + ")";
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        // Every cell as text: the normaliser's lenient readers decide what a number or a date is, per cell.
        // Exports are comma-separated with RFC 4180 quoting; saying so keeps the sniffer from guessing a dialect
        // on odd files. Short rows (a legacy CUR sample has them) are padded with NULLs rather than refused.
        return "read_csv(" + path + ", header = true, all_varchar = true, sample_size = 2048, delim = ',', "
                + "quote = '\"', escape = '\"', strict_mode = false, null_padding = true"
                + (name.endsWith(".gz") ? ", compression = 'gzip'" : "") + ")";
    }

    /**
     * The FOCUS fast path: the same dialect as the lenient read, the NULL spellings real exports use (empty, "NULL")
     * read as SQL NULL, and the cost and period columns typed.
     */
    private static String typedCsv(Path file, Map<String, String> types) {
        String lenient = relation(file, false);
        String struct = types.entrySet().stream()
                .map(e -> Normalizer.literal(e.getKey()) + ": " + Normalizer.literal(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        return lenient.substring(0, lenient.length() - 1) + ", nullstr = ['', 'NULL', 'null'], types = " + struct
                + ")";
    }

    /**
     * One scan, two stages. The scan aggregates every row once into fine groups keyed by everything a cell or a budget
     * can ask about (currency, charge day, billing-period start, charge class and category, billing account, the four
     * dimensions and the budget-relevant tag values); grouping sets then roll those groups up into the base cells
     * and one set per dimension, and each budget is a filtered sum over the groups. Per row the work is a hash
     * lookup; budget predicates and roll-ups run per group, so adding budgets barely costs scan time.
     */
    static String cubeSql(List<Budget> budgets) {
        String tagExtract = BudgetFilter.tagExtract(budgets);
        String keys = "BillingCurrency, day, bstart, ChargeClass, ChargeCategory, BillingAccountId, ServiceName, "
                + "SubAccountId, RegionId, SkuId" + (tagExtract == null ? "" : ", tv");
        String fine = "SELECT " + keys + ", count(*) AS rows, sum(BilledCost) AS BilledCost, "
                + "sum(EffectiveCost) AS EffectiveCost, sum(ListCost) AS ListCost, "
                // freshness from rows of at most a day (usage): purchases and monthly fees span their whole term
                + "max(ChargePeriodEnd) FILTER (WHERE ChargePeriodEnd <= ChargePeriodStart + INTERVAL 1 DAY "
                + "AND coalesce(ChargeClass, '') <> 'Correction') AS latest_end "
                + "FROM (SELECT *, CAST(ChargePeriodStart AS DATE) AS day, CAST(BillingPeriodStart AS DATE) AS bstart"
                + (tagExtract == null ? "" : ", " + tagExtract + " AS tv") + " FROM n) GROUP BY " + keys;
        List<String> tagKeys = BudgetFilter.tagKeys(budgets);
        StringBuilder rollup = new StringBuilder("SELECT GROUPING(ServiceName) AS g_service, GROUPING(SubAccountId) "
                + "AS g_sub, GROUPING(RegionId) AS g_region, GROUPING(SkuId) AS g_sku");
        StringBuilder tagColumns = new StringBuilder();
        for (int i = 0; i < tagKeys.size(); i++) {
            rollup.append(", GROUPING(tag").append(i).append(") AS g_tag").append(i).append(", tag").append(i);
            tagColumns.append(", tv[").append(i + 1).append("] AS tag").append(i);
        }
        rollup.append(", ServiceName, SubAccountId, RegionId, SkuId, cur, acct, day, bstart, corr, sum(rows) AS rows, "
                + "sum(BilledCost) AS billed, sum(EffectiveCost) AS effective, sum(ListCost) AS list, "
                + "max(latest_end) AS latest_end");
        for (int i = 0; i < budgets.size(); i++) {
            Budget b = budgets.get(i);
            rollup.append(", sum(").append(BudgetFilter.metric(b)).append(") FILTER (WHERE ")
                    .append(BudgetFilter.predicate(b, k -> "tv[" + (tagKeys.indexOf(k) + 1) + "]"))
                    .append(") AS b").append(i);
        }
        // the billing account is in every set: a newer export of an account's period supersedes an older one
        String base = "cur, acct, day, bstart, corr";
        StringBuilder sets = new StringBuilder("(" + base + ")");
        for (String dim : List.of("ServiceName", "SubAccountId", "RegionId", "SkuId")) {
            sets.append(", (").append(base).append(", ").append(dim).append(")");
        }
        for (int i = 0; i < tagKeys.size(); i++) {
            sets.append(", (").append(base).append(", tag").append(i).append(")");
        }
        return "WITH fine AS (" + fine + ") " + rollup + " FROM (SELECT *, coalesce(BillingCurrency, '"
                + ExportSummary.NO_CURRENCY + "') AS cur, BillingAccountId AS acct, "
                + "coalesce(ChargeClass = 'Correction', false) AS corr" + tagColumns + " FROM fine)"
                + " GROUP BY GROUPING SETS (" + sets + ")";
    }

    private static SpendCube.Cell cell(ResultSet rs, List<Budget> budgets, List<String> tagKeys)
            throws SQLException {
        SpendCube.Dimension dim = SpendCube.Dimension.NONE;
        String value = null;
        if (rs.getInt("g_service") == 0) {
            dim = SpendCube.Dimension.SERVICE;
            value = rs.getString("ServiceName");
        } else if (rs.getInt("g_sub") == 0) {
            dim = SpendCube.Dimension.SUB_ACCOUNT;
            value = rs.getString("SubAccountId");
        } else if (rs.getInt("g_region") == 0) {
            dim = SpendCube.Dimension.REGION;
            value = rs.getString("RegionId");
        } else if (rs.getInt("g_sku") == 0) {
            dim = SpendCube.Dimension.SKU;
            value = rs.getString("SkuId");
        } else {
            for (int i = 0; i < tagKeys.size(); i++) {
                if (rs.getInt("g_tag" + i) == 0) {
                    dim = SpendCube.Dimension.TAG;
                    String v = rs.getString("tag" + i);
                    // rows without the tag (or not among the values budgets ask about) have no value to judge
                    value = v == null ? null : tagKeys.get(i) + "=" + v;
                    break;
                }
            }
        }
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (int i = 0; i < budgets.size(); i++) {
            sums.put(budgets.get(i).name(), orZero(rs.getBigDecimal("b" + i)));
        }
        java.sql.Date day = rs.getDate("day");
        java.sql.Date bstart = rs.getDate("bstart");
        Timestamp latest = rs.getTimestamp("latest_end");
        return new SpendCube.Cell(dim, value, rs.getString("cur"), rs.getString("acct"),
                day == null ? null : day.toLocalDate(), bstart == null ? null : bstart.toLocalDate(),
                rs.getBoolean("corr"), rs.getLong("rows"), orZero(rs.getBigDecimal("billed")),
                orZero(rs.getBigDecimal("effective")), orZero(rs.getBigDecimal("list")),
                latest == null ? null : latest.toLocalDateTime(), sums);
    }

    static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static LocalDate dayOf(LocalDateTime t) {
        return t == null ? null : t.toLocalDate();
    }
}
