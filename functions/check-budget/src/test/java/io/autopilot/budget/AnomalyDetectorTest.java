package io.autopilot.budget;

import io.autopilot.events.BudgetEvaluation;
import io.autopilot.events.CostAnomaly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    private static SpendCube.Cell cell(SpendCube.Dimension d, String value, LocalDate day, String amount,
            boolean correction) {
        BigDecimal v = new BigDecimal(amount);
        return new SpendCube.Cell(d, value, "USD", day, day.withDayOfMonth(1), correction, 1, v, v, v,
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
}
