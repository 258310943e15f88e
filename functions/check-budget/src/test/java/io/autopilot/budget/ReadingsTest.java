package io.autopilot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.autopilot.events.ProblemException;

/**
 * The typed FOCUS CSV reading is a fast path, never a second meaning: wherever it reads a file at all, its normalised
 * rows equal the lenient reading's, value for value; where a cell does not fit its type the scan falls back to the
 * lenient reading rather than failing or dropping the row.
 */
class ReadingsTest {

    private final ExportScanner scanner = new ExportScanner("256MB", 1);

    @Test
    void theTypedReadingGivesTheLenientReadingsRowsOnEverySampleFocusFileItCanRead() throws IOException {
        Map<String, String> served = new TreeMap<>();
        for (Path file : ExportIngestionTest.exportFiles()) {
            if (scanner.detect(file).format() != ExportFormat.FOCUS) {
                continue;
            }
            String name = ExportIngestionTest.shared().relativize(file).toString();
            List<String> lenient = rows(file, "lenient");
            List<String> typed;
            try {
                typed = rows(file, "typed");
            } catch (ProblemException e) {
                served.put(name, "lenient");
                continue;
            }
            assertEquals(lenient, typed, name);
            served.put(name, "typed");
        }
        // the conformant files (the FOCUS 1.0 sample with its "NULL" strings, the generated 1.2/1.3 sets) must take
        // the fast path, or it is a path in name only
        assertEquals("typed", served.get("datasets/focus/focus-sample-data/FOCUS-1.0/focus_sample.csv"), served
                .toString());
        for (String provider : List.of("aws", "azure", "gcp")) {
            for (String version : List.of("1_2", "1_3")) {
                String f = "datasets/focus/synthetic-focus-data-toolkit/" + provider + "_" + version
                        + "_cost_and_usage_rows100_seed42.csv";
                assertEquals("typed", served.get(f), f + " in " + served);
            }
        }
        assertTrue(served.size() >= 20, served.toString());
    }

    @Test
    void aCellTheTypedReadingCannotTakeFallsBackToTheLenientReading(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("saas.csv");
        Files.writeString(f, "BillingAccountId,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ListCost,"
                + "BillingCurrency,ServiceName,ChargeCategory\n"
                + "acct,2025-04-01T00:00:00Z,2025-04-02T00:00:00Z,\"$10,000.00\",10000,10000,USD,SaaS,Purchase\n"
                + "acct,4/2/25,4/3/25,5.5,5.5,5.5,USD,SaaS,Usage\n");
        assertThrows(ProblemException.class, () -> rows(f, "typed"));
        SpendCube cube = scanner.scan(f, "saas.csv", List.of());
        ExportSummary.Totals t = ExportSummary.of(List.of(cube)).byCurrency().get("USD");
        assertEquals(2, t.rows());
        assertEquals("10005.5", ExportSummary.decimal(t.billed()));
        assertEquals("10005.5", ExportSummary.decimal(t.effective()));
    }

    @Test
    void anOffsetInAPeriodColumnIsHonouredByTheTypedReading(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("offset.csv");
        Files.writeString(f, "BillingAccountId,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,"
                + "BillingCurrency,ServiceName,ChargeCategory,BillingPeriodStart\n"
                + "acct,2025-04-01T23:30:00-02:00,2025-04-02T00:30:00-02:00,1,1,USD,Compute,Usage,2025-04-01\n");
        List<String> typed = rows(f, "typed");
        assertEquals(rows(f, "lenient"), typed);
        assertTrue(typed.get(0).contains("2025-04-02 01:30:00"), typed.toString());
    }

    private List<String> rows(Path file, String reading) {
        return scanner.query(file, reading, "SELECT * FROM n ORDER BY ALL", ReadingsTest::strings);
    }

    private static List<String> strings(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                sb.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
            }
            out.add(sb.toString());
        }
        return out;
    }
}
