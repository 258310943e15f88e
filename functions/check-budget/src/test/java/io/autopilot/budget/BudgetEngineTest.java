package io.autopilot.budget;

import io.autopilot.events.BudgetEvaluation;
import io.autopilot.events.CostAnomaly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventTypes;

/** Budget evaluation over synthetic month-to-date exports written as FOCUS 1.2 CSV and scanned for real. */
class BudgetEngineTest {

    @TempDir
    static Path dir;

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final String BUDGETS = """
            budgets:
              - name: platform
                amount: 1000
                currency: USD
                metric: BilledCost
                thresholds:
                  - {type: actual, percent: 50}
                  - {type: forecast, percent: 100}
                  - {type: actual, absolute: 1000000}
                onBreach: {approval: true, action: continue-spend}
              - name: payments-team
                amount: 50
                currency: USD
                scope: {tags: {team: payments}}
                include: {credits: false, tax: false}
              - name: eu
                amount: 10000
                currency: EUR
            """;

    static Path may10;
    static Path may20;
    static Path june3;

    @BeforeAll
    static void exports() throws IOException {
        may10 = dir.resolve("may-10.csv");
        may20 = dir.resolve("may-20.csv");
        june3 = dir.resolve("june-3.csv");
        SyntheticFocus.write(may10, LocalDate.of(2026, 5, 1), 10, 1, 0.5, 7);
        SyntheticFocus.write(may20, LocalDate.of(2026, 5, 1), 20, 1, 0.5, 7);
        SyntheticFocus.write(june3, LocalDate.of(2026, 6, 1), 3, 1, 0.5, 7);
    }

    private static BudgetEngine engine(List<Budget> budgets) {
        return new BudgetEngine(budgets, MAPPER, new AnomalyDetector(BigDecimal.TEN, new BigDecimal("50")),
                Clock.fixed(Instant.parse("2026-05-21T06:00:00Z"), ZoneOffset.UTC));
    }

    private static SpendCube scan(Path file, String source, List<Budget> budgets) {
        return new ExportScanner("256MB", 1).scan(file, source, budgets);
    }

    private static List<CloudEventEnvelope> ofType(BudgetEngine.Outcome o, String type) {
        return o.events().stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void evaluatesEveryBudgetInItsOwnCurrencyWithScopeAndExclusions() {
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine.Outcome o = engine(budgets).ingest(scan(may10, "s3://b/may.csv", budgets));
        assertEquals(3, o.evaluations().size());
        BudgetEvaluation platform = o.evaluations().get(0);
        BudgetEvaluation payments = o.evaluations().get(1);
        BudgetEvaluation eu = o.evaluations().get(2);
        ExportSummary s = ExportSummary.of(List.of(scan(may10, "x", List.of())));
        // platform (BilledCost, charge basis): all USD rows charged in May; the April correction is not in May usage
        assertEquals(0, s.byCurrency().get("USD").billed().add(new BigDecimal("40"))
                .compareTo(new BigDecimal(platform.actual())), platform.actual());
        assertEquals(0, s.byCurrency().get("EUR").effective().compareTo(new BigDecimal(eu.actual())));
        assertTrue(new BigDecimal(payments.actual()).compareTo(new BigDecimal(platform.actual())) < 0);
        assertEquals("2026-05-01", platform.periodStart());
        assertEquals("2026-05-11T00:00Z", platform.freshness());
        assertNotNull(platform.forecast());
        assertEquals("run-rate", platform.forecast().method());
        assertTrue(new BigDecimal(platform.forecast().lower()).compareTo(new BigDecimal(platform.forecast().expected())) < 0);
        assertEquals(1, ofType(o, EventTypes.APPROVAL_REQUESTED).size());
    }

    @Test
    void eachThresholdFiresOncePerPeriodThenReArmsInTheNextPeriod() {
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine engine = engine(budgets);
        BudgetEngine.Outcome first = engine.ingest(scan(may10, "s3://b/cur/export.csv", budgets));
        List<String> fired = ofType(first, EventTypes.BUDGET_EXCEEDED).stream().map(CloudEventEnvelope::subject)
                .toList();
        assertTrue(fired.contains("platform"), fired.toString());
        // the restated export, now 20 days: the same thresholds do not fire again, evaluations still go out
        BudgetEngine.Outcome second = engine.ingest(scan(may20, "s3://b/cur/export.csv", budgets));
        assertEquals(3, ofType(second, EventTypes.BUDGET_EVALUATED).size());
        assertTrue(ofType(second, EventTypes.BUDGET_EXCEEDED).stream()
                .noneMatch(e -> first.events().stream().anyMatch(f -> f.id().equals(e.id()))));
        assertTrue(ofType(second, EventTypes.APPROVAL_REQUESTED).isEmpty(), "one sign-off request per period");
        // June: a new period, the 50% threshold re-arms
        BudgetEngine.Outcome june = engine.ingest(scan(june3, "s3://b/cur/june.csv", budgets));
        assertEquals("2026-06-01", june.evaluations().get(0).periodStart());
        List<CloudEventEnvelope> juneBreaches = ofType(june, EventTypes.BUDGET_EXCEEDED);
        assertTrue(juneBreaches.stream().anyMatch(e -> e.subject().equals("platform")), juneBreaches.toString());
        assertTrue(juneBreaches.stream().allMatch(e -> new String(e.data()).contains("\"periodStart\":\"2026-06-01\"")));
        assertEquals(1, ofType(june, EventTypes.APPROVAL_REQUESTED).size(), "a new period asks for sign-off again");
    }

    @Test
    void aRestatedExportReplacesItsPredecessorInsteadOfAddingToIt() {
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine engine = engine(budgets);
        engine.ingest(scan(may10, "s3://b/export.csv", budgets));
        BudgetEngine.Outcome again = engine.ingest(scan(may10, "s3://b/export.csv", budgets));
        BudgetEngine.Outcome once = engine(budgets).ingest(scan(may10, "s3://b/export.csv", budgets));
        assertEquals(once.evaluations().get(0).actual(), again.evaluations().get(0).actual());
    }

    /** Two exports into one engine, in this order: the outcome of the second. */
    private static BudgetEngine.Outcome oneThenTheOther(List<Budget> budgets, Path first, String firstSource,
            Path second, String secondSource) {
        BudgetEngine engine = engine(budgets);
        engine.ingest(scan(first, firstSource, budgets));
        return engine.ingest(scan(second, secondSource, budgets));
    }

    private static BudgetEngine.Outcome alone(List<Budget> budgets, Path file) {
        return engine(budgets).ingest(scan(file, "s3://b/alone.csv", budgets));
    }

    @Test
    void aRestatementFromANewRunSupersedesTheOlderRunInsteadOfAddingToIt() {
        // AWS CUR writes every run under a new assembly id, Azure under a new run id: the same period at a new path
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine.Outcome restated = oneThenTheOther(budgets, may10, "s3://b/cur/202605/assembly-1/cur-1.csv",
                may20, "s3://b/cur/202605/assembly-2/cur-1.csv");
        BudgetEngine.Outcome expected = alone(budgets, may20);
        assertEquals(expected.evaluations().get(0).actual(), restated.evaluations().get(0).actual());
        assertEquals(expected.evaluations().get(2).actual(), restated.evaluations().get(2).actual(), "EUR too");
    }

    @Test
    void aLateRedeliveryOfAnOlderRunDoesNotUndoTheNewerOne() {
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine.Outcome late = oneThenTheOther(budgets, may20, "s3://b/cur/assembly-2/cur-1.csv", may10,
                "s3://b/cur/assembly-1/cur-1.csv");
        assertEquals(alone(budgets, may20).evaluations().get(0).actual(), late.evaluations().get(0).actual());
    }

    @Test
    void exportsOfOtherFoldersAddUpEvenForTheSameAccountAndPeriod() {
        // e.g. two subscription-scoped Azure exports of one billing account, each in its own export folder
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine.Outcome both = oneThenTheOther(budgets, may10, "https://a.blob/c/costs/sub-a/20260501/run-1/p.csv",
                may10, "https://a.blob/c/costs/sub-b/20260501/run-1/p.csv");
        BigDecimal once = new BigDecimal(alone(budgets, may10).evaluations().get(0).actual());
        assertEquals(0, once.multiply(BigDecimal.valueOf(2)).compareTo(new BigDecimal(both.evaluations().get(0)
                .actual())));
    }

    @Test
    void thePartsOfOneRunAddUp() throws IOException {
        // a split export: two files of one run, each with half the days
        Path first = dir.resolve("part-1.csv");
        Path second = dir.resolve("part-2.csv");
        SyntheticFocus.write(first, LocalDate.of(2026, 5, 1), 5, 1, 0.5, 11);
        SyntheticFocus.write(second, LocalDate.of(2026, 5, 6), 5, 1, 0.5, 12);
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine engine = engine(budgets);
        BigDecimal one = new BigDecimal(engine.ingest(scan(first, "s3://b/cur/run-1/part-1.csv", budgets))
                .evaluations().get(0).actual());
        BigDecimal both = new BigDecimal(engine.ingest(scan(second, "s3://b/cur/run-1/part-2.csv", budgets))
                .evaluations().get(0).actual());
        BigDecimal onlySecond = new BigDecimal(engine(budgets).ingest(scan(second, "s3://b/y.csv", budgets))
                .evaluations().get(0).actual());
        assertEquals(0, one.add(onlySecond).compareTo(both), one + " + " + onlySecond + " vs " + both);
    }

    @Test
    void incrementalExportsAddUpAcrossRuns() {
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine engine = new BudgetEngine(budgets, MAPPER, new AnomalyDetector(BigDecimal.TEN,
                new BigDecimal("50")), Clock.fixed(Instant.parse("2026-05-21T06:00:00Z"), ZoneOffset.UTC),
                c -> c.source().contains("/reports/"));
        engine.ingest(scan(may10, "oci://b/reports/run-1/0001.csv", budgets));
        BudgetEngine.Outcome two = engine.ingest(scan(may10, "oci://b/reports/run-2/0002.csv", budgets));
        BigDecimal once = new BigDecimal(engine(budgets).ingest(scan(may10, "s3://b/x.csv", budgets))
                .evaluations().get(0).actual());
        assertEquals(0, once.multiply(BigDecimal.valueOf(2)).compareTo(new BigDecimal(two.evaluations().get(0)
                .actual())));
    }

    @Test
    void aRedeliveredExportYieldsIdenticalEventIdsEvenAfterARestart() {
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine.Outcome a = engine(budgets).ingest(scan(may10, "gs://b/export.csv", budgets));
        BudgetEngine.Outcome b = engine(budgets).ingest(scan(may10, "gs://b/export.csv", budgets));
        assertEquals(a.events().stream().map(CloudEventEnvelope::id).toList(),
                b.events().stream().map(CloudEventEnvelope::id).toList());
    }

    @Test
    void theApprovalRequestNamesTheBudgetAndItsTopContributors() throws IOException {
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEngine.Outcome o = engine(budgets).ingest(scan(may10, "s3://b/export.csv", budgets));
        CloudEventEnvelope approval = ofType(o, EventTypes.APPROVAL_REQUESTED).get(0);
        JsonNode data = MAPPER.readTree(approval.data());
        assertEquals(approval.subject(), data.get("approvalId").asText());
        assertEquals("continue-spend", data.get("action").asText());
        assertEquals("budget/platform", data.get("target").asText());
        assertEquals("AmazonEC2", data.at("/facts/topContributors/services/0/value").asText(),
                data.toString());
        assertTrue(data.get("reason").asText().contains("AmazonEC2"), data.get("reason").asText());
    }

    @Test
    void noForecastBeforeThreeCompleteDays() throws IOException {
        Path two = dir.resolve("two-days.csv");
        SyntheticFocus.write(two, LocalDate.of(2026, 7, 1), 2, 1, 1.0, 3);
        List<Budget> budgets = BudgetsFile.parse(BUDGETS);
        BudgetEvaluation e = engine(budgets).ingest(scan(two, "x", budgets)).evaluations().get(0);
        assertNull(e.forecast());
        assertTrue(e.forecastNote().contains("3 complete days"), e.forecastNote());
    }

    @Test
    void withoutCubesThereIsNothingToEvaluate() {
        assertTrue(engine(BudgetsFile.parse(BUDGETS)).evaluate().events().isEmpty());
    }
}
