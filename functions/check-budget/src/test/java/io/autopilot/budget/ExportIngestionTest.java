package io.autopilot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file under ../shared/datasets/focus and ../shared/datasets/billing-native (except the mapping tables, which
 * are not exports) goes through the DuckDB scan; its per-currency totals, and its totals by service and by
 * sub-account, must equal the test's own plain-CSV sums exactly (BigDecimal equality after normalising scale).
 */
class ExportIngestionTest {

    static Path shared() {
        return Path.of(System.getProperty("autopilot.shared.dir", "../../../shared"));
    }

    static List<Path> exportFiles() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (String dir : List.of("datasets/focus", "datasets/billing-native")) {
            try (Stream<Path> s = Files.walk(shared().resolve(dir))) {
                s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".csv"))
                        .filter(p -> !p.toString().contains("/mappings/")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    @TestFactory
    Stream<DynamicTest> everySampleExportTotalsEqualAnIndependentPlainCsvSum() throws IOException {
        List<Path> files = exportFiles();
        assertFalse(files.size() < 50, "expected the whole sample set, found " + files.size());
        ExportScanner scanner = new ExportScanner("256MB", 1);
        return files.stream().map(file -> DynamicTest.dynamicTest(shared().relativize(file).toString(), () -> {
            ExportFormat expected = IndependentSums.expectedFormat(file);
            SpendCube cube = scanner.scan(file, file.toString(), List.of());
            assertEquals(expected, cube.format(), "detected layout");
            ExportSummary summary = ExportSummary.of(List.of(cube));
            List<IndependentSums.Row> rows = IndependentSums.rows(file, expected);
            assertEquals(canon(IndependentSums.totals(rows)), canon(summary.byCurrency()), "totals per currency");
            assertEquals(canonGrouped(IndependentSums.grouped(rows, true)), canonGrouped(summary.byService()),
                    "totals by service");
            assertEquals(canonGrouped(IndependentSums.grouped(rows, false)), canonGrouped(summary.bySubAccount()),
                    "totals by sub-account");
        }));
    }

    static Map<String, String> canon(Map<String, ExportSummary.Totals> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, t) -> out.put(k, t.rows() + " billed=" + plain(t.billed()) + " effective="
                + plain(t.effective()) + " list=" + plain(t.list())));
        return out;
    }

    static Map<String, Map<String, String>> canonGrouped(Map<String, Map<String, ExportSummary.Totals>> m) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, canon(v)));
        return out;
    }

    static String plain(BigDecimal v) {
        return ExportSummary.decimal(v);
    }
}
