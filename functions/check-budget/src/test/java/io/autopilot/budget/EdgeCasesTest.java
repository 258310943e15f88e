package io.autopilot.budget;

import io.autopilot.events.BudgetEvaluation;
import io.autopilot.events.CostAnomaly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format traps of ../shared/notes/finops.md, one named test each. */
class EdgeCasesTest {

    @TempDir
    Path dir;

    private final ExportScanner scanner = new ExportScanner("256MB", 1);

    private static final String FOCUS_HEADER = "BillingAccountId,SubAccountId,ServiceName,ChargeCategory,ChargeClass,"
            + "BillingCurrency,BilledCost,EffectiveCost,ListCost,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,"
            + "BillingPeriodEnd,Tags\n";

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private List<Map<String, Object>> rows(Path file, String sql) {
        return scanner.query(file, sql, rs -> {
            List<Map<String, Object>> out = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                out.add(m);
            }
            return out;
        });
    }

    private static ExportSummary summary(SpendCube cube) {
        return ExportSummary.of(List.of(cube));
    }

    @Test
    void nullStringsAndEmptyCellsReadAsNullNotAsTextOrZero() throws IOException {
        Path f = file("nulls.csv", FOCUS_HEADER
                + "A,NULL,EC2,Usage,NULL,USD,1.5,NULL,,2024-09-01 00:00:00,2024-09-01 01:00:00,NULL,,NULL\n"
                + "A,,EC2,Usage,,USD,NULL,2,2,2024-09-01 01:00:00,2024-09-01 02:00:00,,,\n");
        ExportSummary s = summary(scanner.scan(f, "nulls", List.of()));
        assertEquals(new BigDecimal("1.5"), s.byCurrency().get("USD").billed().stripTrailingZeros());
        assertEquals(new BigDecimal("2"), s.byCurrency().get("USD").effective().stripTrailingZeros());
        assertEquals(Map.of(ExportSummary.NONE, 2L), Map.of(s.bySubAccount().get("USD").keySet().iterator().next(),
                s.bySubAccount().get("USD").values().iterator().next().rows()));
        List<Map<String, Object>> r = rows(f, "SELECT SubAccountId, ChargeClass, Tags, BillingPeriodStart FROM n");
        r.forEach(m -> {
            assertNull(m.get("SubAccountId"));
            assertNull(m.get("ChargeClass"));
            assertNull(m.get("Tags"));
            assertNull(m.get("BillingPeriodStart"));
        });
    }

    @Test
    void nonIsoDatesAreReadAsUtcWhateverTheSpelling() throws IOException {
        Path f = file("dates.csv", FOCUS_HEADER
                + "A,S,EC2,Usage,,USD,1,1,1,2024-09-01 00:00:00,2024-09-01T01:00:00Z,9/2/2024,10/1/24,\n"
                + "A,S,EC2,Usage,,USD,1,1,1,2024-09-01T02:00:00+02:00,2024-09-01T10:00Z,2024-09-01,2024-10-01,\n");
        List<Map<String, Object>> r = rows(f, "SELECT CAST(ChargePeriodStart AS VARCHAR) AS s, CAST(ChargePeriodEnd "
                + "AS VARCHAR) AS e, CAST(BillingPeriodStart AS VARCHAR) AS bs, CAST(BillingPeriodEnd AS VARCHAR) AS be "
                + "FROM n ORDER BY e");
        assertEquals("2024-09-01 00:00:00", r.get(0).get("s"));
        assertEquals("2024-09-01 01:00:00", r.get(0).get("e"));
        assertEquals("2024-09-02 00:00:00", r.get(0).get("bs"), "US month/day/year");
        assertEquals("2024-10-01 00:00:00", r.get(0).get("be"), "two-digit year");
        assertEquals("2024-09-01 00:00:00", r.get(1).get("s"), "an offset is converted to UTC");
        assertEquals("2024-09-01 10:00:00", r.get(1).get("e"), "minutes without seconds");
    }

    @Test
    void fifteenDecimalNumbersSumExactlyWithoutFloatingPointDrift() throws IOException {
        StringBuilder sb = new StringBuilder(FOCUS_HEADER);
        BigDecimal expected = BigDecimal.ZERO;
        for (int i = 0; i < 1000; i++) {
            String v = "0.1" + String.format("%014d", 12345678901234L + i);
            expected = expected.add(new BigDecimal(v));
            sb.append("A,S,EC2,Usage,,USD,").append(v).append(",35.2E-7,0,2024-09-01T00:00:00Z,"
                    + "2024-09-01T01:00:00Z,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z,\n");
        }
        ExportSummary.Totals t = summary(scanner.scan(file("decimals.csv", sb.toString()), "d", List.of()))
                .byCurrency().get("USD");
        assertEquals(0, expected.compareTo(t.billed()), expected + " vs " + t.billed());
        assertEquals(0, new BigDecimal("0.00352").compareTo(t.effective()), "E-notation, 1000 x 35.2E-7");
    }

    @Test
    void mixedCurrenciesAreTotalledApartAndABudgetCountsOnlyItsOwn() {
        Path f = ExportIngestionTest.shared().resolve(
                "datasets/focus/synthetic-focus-data-toolkit/consolidated_multi_provider_1_3.csv");
        Budget usd = new Budget("usd", Budget.Scope.ALL, Budget.Period.MONTH, null, null, new BigDecimal("1000"),
                "USD", Budget.Metric.BILLED_COST, Budget.Basis.BILLING, List.of(), Budget.Include.ALL,
                Budget.OnBreach.NOTIFY);
        SpendCube cube = scanner.scan(f, "multi", List.of(usd));
        ExportSummary s = summary(cube);
        assertEquals(2, s.byCurrency().size(), s.byCurrency().toString());
        BigDecimal budgetSum = cube.cells().stream().filter(c -> c.dimension() == SpendCube.Dimension.NONE)
                .map(c -> c.budgets().get("usd")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, s.byCurrency().get("USD").billed().compareTo(budgetSum), "the EUR row is not in the USD budget");
        assertTrue(s.byCurrency().get("EUR").billed().signum() > 0);
    }

    @Test
    void negativeAwsDiscountAndNegationLinesStayNegativeUsageAndNetAgainstTheirUsage() throws IOException {
        String header = "lineItem/LineItemType,lineItem/UsageAccountId,bill/PayerAccountId,lineItem/ProductCode,"
                + "lineItem/CurrencyCode,lineItem/UnblendedCost,savingsPlan/SavingsPlanEffectiveCost,"
                + "lineItem/UsageStartDate,lineItem/UsageEndDate,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate\n";
        Path f = file("cur.csv", header
                + "Usage,111,999,AmazonEC2,USD,10.00,,2024-09-01T00:00:00Z,2024-09-01T01:00:00Z,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z\n"
                + "EdpDiscount,111,999,AmazonEC2,USD,-1.00,,2024-09-01T00:00:00Z,2024-09-01T01:00:00Z,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z\n"
                + "SavingsPlanCoveredUsage,111,999,AmazonEC2,USD,4.00,2.50,2024-09-01T00:00:00Z,2024-09-01T01:00:00Z,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z\n"
                + "SavingsPlanNegation,111,999,AmazonEC2,USD,-4.00,,2024-09-01T00:00:00Z,2024-09-01T01:00:00Z,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z\n");
        SpendCube cube = scanner.scan(f, "cur", List.of());
        assertEquals(ExportFormat.AWS_CUR_LEGACY, cube.format());
        ExportSummary.Totals t = summary(cube).byCurrency().get("USD");
        assertEquals(0, new BigDecimal("9").compareTo(t.billed()), "10 - 1 + 4 - 4 billed: " + t.billed());
        assertEquals(0, new BigDecimal("11.5").compareTo(t.effective()), "10 - 1 + 2.5 + 0 effective: "
                + t.effective());
        List<Map<String, Object>> cats = rows(f, "SELECT DISTINCT ChargeCategory FROM n");
        assertEquals(List.of(Map.of("ChargeCategory", "Usage")), cats, "discounts are negative usage, not credits");
    }

    @Test
    void azureInclusiveBillingPeriodEndBecomesTheExclusiveFocusEndAndDailyRowsCoverOneDay() {
        Path f = ExportIngestionTest.shared().resolve(
                "datasets/billing-native/azure/ea-actual-cost_finops-toolkit_EA_ActualCost_Small.csv");
        List<Map<String, Object>> r = rows(f, "SELECT DISTINCT CAST(BillingPeriodStart AS VARCHAR) AS bs, "
                + "CAST(BillingPeriodEnd AS VARCHAR) AS be, date_diff('hour', ChargePeriodStart, ChargePeriodEnd) AS h, "
                + "Tags LIKE '{%}' OR Tags IS NULL AS braced FROM n");
        assertEquals(1, r.size(), r.toString());
        assertEquals("2023-09-01 00:00:00", r.get(0).get("bs"));
        assertEquals("2023-10-01 00:00:00", r.get(0).get("be"), "09/30/2023 inclusive -> 2023-10-01 exclusive");
        assertEquals(24L, ((Number) r.get(0).get("h")).longValue());
        assertEquals(true, r.get(0).get("braced"), "brace-less Azure tags are wrapped into a JSON object");
    }

    @Test
    void azureTagsWithoutBracesCanBeMatchedByABudgetScope() throws IOException {
        String header = "SubscriptionId,MeterCategory,ChargeType,PricingModel,CostInBillingCurrency,"
                + "BillingCurrencyCode,Date,BillingPeriodStartDate,BillingPeriodEndDate,Tags\n";
        Path f = file("az.csv", header
                + "s1,Storage,Usage,OnDemand,5,EUR,09/03/2023,09/01/2023,09/30/2023,\"\"\"team\"\": \"\"payments\"\",\"\"env\"\": \"\"prod\"\"\"\n"
                + "s1,Storage,Usage,OnDemand,7,EUR,09/03/2023,09/01/2023,09/30/2023,\"\"\"team\"\": \"\"search\"\"\"\n");
        Budget b = new Budget("payments", new Budget.Scope(List.of(), List.of(), List.of(), List.of(),
                Map.of("team", "payments"), List.of(), Map.of()), Budget.Period.MONTH, null, null, BigDecimal.TEN,
                "EUR", Budget.Metric.EFFECTIVE_COST, Budget.Basis.CHARGE, List.of(), Budget.Include.ALL,
                Budget.OnBreach.NOTIFY);
        SpendCube cube = scanner.scan(f, "az", List.of(b));
        BigDecimal sum = cube.cells().stream().filter(c -> c.dimension() == SpendCube.Dimension.NONE)
                .map(c -> c.budgets().get("payments")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("5").compareTo(sum));
    }

    @Test
    void gcpCreditsBecomeSeparateNegativeCreditRowsAndTheInvoiceMonthIsPacific() {
        Path f = ExportIngestionTest.shared().resolve(
                "datasets/billing-native/gcp/bigquery-export-flattened-with-credits_koku_202011.csv");
        List<Map<String, Object>> r = rows(f, "SELECT ChargeCategory, count(*) AS n, sum(BilledCost) AS billed, "
                + "min(CAST(BillingPeriodStart AS VARCHAR)) AS bs, min(CAST(BillingPeriodEnd AS VARCHAR)) AS be "
                + "FROM n GROUP BY ChargeCategory ORDER BY ChargeCategory");
        Map<String, Object> credit = r.get(0);
        assertEquals("Credit", credit.get("ChargeCategory"));
        assertTrue(((BigDecimal) credit.get("billed")).signum() < 0, "credits are negative: " + credit);
        assertEquals("2020-11-01 07:00:00", credit.get("bs"), "Nov 2020 starts at midnight Pacific (PDT) = 07:00Z");
        assertEquals("2020-12-01 08:00:00", credit.get("be"), "and ends at midnight PST = 08:00Z");
        assertEquals("Usage", r.get(1).get("ChargeCategory"));
    }

    @Test
    void correctionsCountInTheInvoicePeriodButNeverInTheTrendOrAsTodaysSpike() throws IOException {
        Path f = dir.resolve("month.csv");
        SyntheticFocus.write(f, java.time.LocalDate.of(2026, 5, 1), 20, 1, 0.5, 1);
        Budget billing = new Budget("invoice", Budget.Scope.ALL, Budget.Period.MONTH, null, null, new BigDecimal(
                "100000"), "USD", Budget.Metric.BILLED_COST, Budget.Basis.BILLING, List.of(), Budget.Include.ALL,
                Budget.OnBreach.NOTIFY);
        Budget usage = new Budget("usage", Budget.Scope.ALL, Budget.Period.MONTH, null, null, new BigDecimal(
                "100000"), "USD", Budget.Metric.BILLED_COST, Budget.Basis.CHARGE, List.of(), Budget.Include.ALL,
                Budget.OnBreach.NOTIFY);
        SpendCube cube = scanner.scan(f, "m", List.of(billing, usage));
        var asOf = cube.latestChargeEnd();
        BudgetEvaluation inv = BudgetEvaluator.evaluate(billing, List.of(cube), asOf);
        BudgetEvaluation use = BudgetEvaluator.evaluate(usage, List.of(cube), asOf);
        // the -40 correction (charge period in April) is invoiced in May: in the billing view, not in the usage view
        assertEquals(0, new BigDecimal(use.actual()).subtract(new BigDecimal("40"))
                .compareTo(new BigDecimal(inv.actual())), inv.actual() + " vs " + use.actual());
        // the trend ignores it: both forecasts predict the same remaining spend
        BigDecimal remainingInv = new BigDecimal(inv.forecast().expected()).subtract(new BigDecimal(inv.actual()));
        BigDecimal remainingUse = new BigDecimal(use.forecast().expected()).subtract(new BigDecimal(use.actual()));
        assertEquals(0, remainingInv.compareTo(remainingUse), remainingInv + " vs " + remainingUse);
        // and no anomaly comes from it
        List<CostAnomaly> found = new AnomalyDetector(BigDecimal.ONE, BigDecimal.TEN).detect(List.of(cube),
                asOf.toLocalDate().minusDays(1));
        assertTrue(found.isEmpty(), found.toString());
    }

    @Test
    void gzipAndParquetCopiesOfAnExportTotalExactlyLikeThePlainCsv() throws Exception {
        Path csv = ExportIngestionTest.shared().resolve(
                "datasets/focus/synthetic-focus-data-toolkit/gcp_1_3_cost_and_usage_rows100_seed42.csv");
        Path gz = dir.resolve("export.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(csv, out);
        }
        Path parquet = dir.resolve("export.parquet");
        try (var conn = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties()); Statement st = conn.createStatement()) {
            // typed as a provider writes it: money as DECIMAL, not text
            st.execute("COPY (SELECT * REPLACE (CAST(BilledCost AS DECIMAL(38,15)) AS BilledCost, "
                    + "CAST(EffectiveCost AS DECIMAL(38,15)) AS EffectiveCost, CAST(ListCost AS DECIMAL(38,15)) AS ListCost)"
                    + " FROM read_csv('" + csv + "', header = true, all_varchar = true)) TO '" + parquet
                    + "' (FORMAT parquet)");
        }
        Map<String, String> plain = ExportIngestionTest.canon(summary(scanner.scan(csv, "p", List.of())).byCurrency());
        assertEquals(plain, ExportIngestionTest.canon(summary(scanner.scan(gz, "g", List.of())).byCurrency()));
        SpendCube pq = scanner.scan(parquet, "q", List.of());
        assertEquals("1.3", pq.focusVersion());
        assertEquals(plain, ExportIngestionTest.canon(summary(pq).byCurrency()));
    }

    @Test
    void aCur2ExportWithOneResourceTagsMapColumnIsReadAsCur2() throws IOException {
        Path athena = ExportIngestionTest.shared().resolve(
                "datasets/billing-native/aws/cur-legacy-athena-snake-case_koku_2022-07-01-alt-columns.csv");
        PlainCsv csv = PlainCsv.read(athena);
        List<String> tagCols = csv.headersStartingWith("resource_tags_");
        StringBuilder sb = new StringBuilder();
        List<String> keep = csv.header.stream().filter(h -> !tagCols.contains(h)).toList();
        sb.append(String.join(",", keep)).append(",bill_payer_account_name,resource_tags\n");
        for (List<String> row : csv.rows) {
            List<String> cells = new ArrayList<>();
            for (String h : keep) {
                cells.add(quote(csv.get(row, h)));
            }
            StringBuilder tags = new StringBuilder("{");
            for (String t : tagCols) {
                String v = IndependentSums.nz(csv.get(row, t));
                if (v != null) {
                    tags.append(tags.length() > 1 ? "," : "").append('"').append(t.substring("resource_tags_".length()))
                            .append("\":\"").append(v).append('"');
                }
            }
            cells.add("Payer");
            cells.add(quote(tags.append('}').toString()));
            sb.append(String.join(",", cells)).append('\n');
        }
        Path cur2 = file("cur2-derived.csv", sb.toString());
        SpendCube cube = scanner.scan(cur2, "cur2", List.of());
        assertEquals(ExportFormat.AWS_CUR_2, cube.format());
        assertEquals(ExportIngestionTest.canon(IndependentSums.totals(IndependentSums.rows(athena,
                ExportFormat.AWS_CUR_LEGACY))), ExportIngestionTest.canon(summary(cube).byCurrency()));
        List<Map<String, Object>> tags = rows(cur2, "SELECT Tags FROM n WHERE Tags IS NOT NULL AND Tags <> '{}'");
        assertTrue(tags.stream().anyMatch(m -> String.valueOf(m.get("Tags")).startsWith("{\"aws_created_by\"")), tags
                .toString());
    }

    private static String quote(String v) {
        return v == null ? "" : "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
