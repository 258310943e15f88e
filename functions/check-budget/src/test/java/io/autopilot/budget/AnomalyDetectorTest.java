package io.autopilot.budget;

import io.autopilot.events.BudgetEvaluation;
import io.autopilot.events.CostAnomaly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyDetectorTest {

    private static SpendCube.Cell cell(SpendCube.Dimension d, String value, LocalDate day, String amount,
            boolean correction) {
        BigDecimal v = new BigDecimal(amount);
        return new SpendCube.Cell(d, value, "USD", "acct-1", day, day.withDayOfMonth(1), correction, 1, v, v, v,
                day.plusDays(1).atStartOfDay(), Map.of());
    }

    private static SpendCube cube(double spikeEc2, boolean spikeIsCorrection) {
        List<SpendCube.Cell> cells = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 5, 1);
        for (int i = 0; i < 14; i++) {
            LocalDate day = first.plusDays(i);
            double noise = (i % 3) * 0.5;
            cells.add(cell(SpendCube.Dimension.SERVICE, "AmazonEC2", day, String.valueOf(100 + noise), false));
            cells.add(cell(SpendCube.Dimension.SERVICE, "AmazonS3", day, String.valueOf(20 + noise), false));
            cells.add(cell(SpendCube.Dimension.SUB_ACCOUNT, "111", day, String.valueOf(60 + noise), false));
            cells.add(cell(SpendCube.Dimension.SUB_ACCOUNT, "222", day, String.valueOf(60 + noise), false));
        }
        LocalDate last = first.plusDays(14);
        cells.add(cell(SpendCube.Dimension.SERVICE, "AmazonEC2", last, String.valueOf(spikeEc2), spikeIsCorrection));
        cells.add(cell(SpendCube.Dimension.SERVICE, "AmazonS3", last, "20", false));
        cells.add(cell(SpendCube.Dimension.SUB_ACCOUNT, "111", last, "60", false));
        cells.add(cell(SpendCube.Dimension.SUB_ACCOUNT, "222", last, String.valueOf(spikeEc2 - 40), spikeIsCorrection));
        return new SpendCube("t", ExportFormat.FOCUS, "1.2", cells);
    }

    @Test
    void flagsADailySpikeWithExpectedActualImpactAndRootCauses() {
        List<CostAnomaly> found = new AnomalyDetector(BigDecimal.TEN, new BigDecimal("50"))
                .detect(List.of(cube(300, false)), LocalDate.of(2026, 5, 15));
        CostAnomaly ec2 = found.stream().filter(a -> a.value().equals("AmazonEC2")).findFirst().orElseThrow();
        assertEquals("ServiceName", ec2.dimension());
        assertEquals(0, new BigDecimal("300").compareTo(new BigDecimal(ec2.actual())));
        assertTrue(new BigDecimal(ec2.impactPercent()).compareTo(new BigDecimal("150")) > 0, ec2.toString());
        assertEquals("222", ec2.rootCauses().get(0).value(), "the sub-account that moved with it");
        assertTrue(found.stream().noneMatch(a -> a.value().equals("AmazonS3")));
    }

    @Test
    void aCorrectionIsNotTodaysSpike() {
        assertTrue(new AnomalyDetector(BigDecimal.TEN, new BigDecimal("50"))
                .detect(List.of(cube(300, true)), LocalDate.of(2026, 5, 15)).stream()
                .noneMatch(a -> a.value().equals("AmazonEC2")));
    }

    @Test
    void ordinaryNoiseIsNoAnomaly() {
        assertTrue(new AnomalyDetector(BigDecimal.ONE, BigDecimal.ONE).detect(List.of(cube(101, false)),
                LocalDate.of(2026, 5, 15)).isEmpty());
    }

    @Test
    void aNewServiceHasNoPercentImpact() {
        List<SpendCube.Cell> cells = new ArrayList<>(cube(100, false).cells());
        for (int i = 0; i < 14; i++) {
            cells.add(cell(SpendCube.Dimension.SERVICE, "AmazonBedrock", LocalDate.of(2026, 5, 1).plusDays(i), "0",
                    false));
        }
        cells.add(cell(SpendCube.Dimension.SERVICE, "AmazonBedrock", LocalDate.of(2026, 5, 15), "80", false));
        CostAnomaly a = new AnomalyDetector(BigDecimal.TEN, new BigDecimal("50")).detect(
                List.of(new SpendCube("t", ExportFormat.FOCUS, "1.2", cells)), LocalDate.of(2026, 5, 15)).get(0);
        assertEquals("AmazonBedrock", a.value());
        assertNull(a.impactPercent());
    }

    @Test
    void aTagABudgetScopesOnIsADimensionOfItsOwn(@TempDir Path dir) throws IOException {
        // 14 quiet days for team=payments, then a spike on day 15; team=search stays flat
        StringBuilder csv = new StringBuilder("BillingAccountId,ChargePeriodStart,ChargePeriodEnd,BilledCost,"
                + "EffectiveCost,BillingCurrency,ServiceName,ChargeCategory,BillingPeriodStart,Tags\n");
        for (int d = 1; d <= 16; d++) {
            String day = String.format("2026-05-%02d", d);
            String next = String.format("2026-05-%02d", d + 1);
            String payments = d == 15 ? "400" : String.valueOf(100 + d % 3);
            for (String[] team : new String[][] { { "payments", payments }, { "search", "50" } }) {
                csv.append("acct,").append(day).append("T00:00:00Z,").append(next).append("T00:00:00Z,")
                        .append(team[1]).append(',').append(team[1]).append(",USD,AmazonEC2,Usage,2026-05-01,")
                        .append("\"{\"\"team\"\": \"\"").append(team[0]).append("\"\"}\"\n");
            }
        }
        Path f = dir.resolve("tags.csv");
        Files.writeString(f, csv);
        List<Budget> budgets = BudgetsFile.parse("""
                budgets:
                  - {name: payments, amount: 5000, currency: USD, scope: {tags: {team: payments}}}
                """);
        SpendCube cube = new ExportScanner("256MB", 1).scan(f, "tags.csv", budgets);
        List<SpendCube.Cell> tags = cube.cells().stream().filter(c -> c.dimension() == SpendCube.Dimension.TAG)
                .filter(c -> c.value() != null).toList();
        assertTrue(tags.stream().allMatch(c -> c.value().equals("team=payments")), tags.toString());
        assertEquals(16, tags.size());
        CostAnomaly a = new AnomalyDetector(BigDecimal.TEN, new BigDecimal("50")).detect(List.of(cube),
                LocalDate.of(2026, 5, 15)).stream().filter(x -> x.dimension().equals("Tags")).findFirst()
                .orElseThrow();
        assertEquals("team=payments", a.value());
        assertEquals(0, new BigDecimal("400").compareTo(new BigDecimal(a.actual())));
    }
}
