package io.autopilot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code ./autopilot check-budget}: JSON lines on stdout, problems on stderr, exit codes. */
class CheckBudgetCommandTest {

    private record Run(int code, List<String> out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CheckBudgetCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsOneTotalsLinePerCurrencyInTheDocumentedShape() throws Exception {
        Path f = ExportIngestionTest.shared().resolve(
                "datasets/focus/synthetic-focus-data-toolkit/consolidated_multi_provider_1_3.csv");
        Run r = run(f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(
                "{\"kind\":\"total\",\"currency\":\"EUR\",\"rows\":1,\"billedCost\":\"100\",\"effectiveCost\":\"100\",\"listCost\":\"120\"}"),
                r.out().subList(0, 1));
        JsonNode usd = new ObjectMapper().readTree(r.out().get(1));
        ExportSummary.Totals expected = IndependentSums.totals(IndependentSums.rows(f, ExportFormat.FOCUS)).get("USD");
        assertEquals(ExportSummary.decimal(expected.billed()), usd.get("billedCost").asText());
        assertEquals(expected.rows(), usd.get("rows").asLong());
    }

    @Test
    void withABudgetsFilePrintsTheEvaluationsBeforeTheTotals() throws Exception {
        Path f = ExportIngestionTest.shared().resolve("datasets/focus/focus-sample-data/FOCUS-1.0/focus_sample.csv");
        Path budgets = Path.of("src/test/resources/budgets-test.yaml");
        Run r = run(f.toString(), "--budgets", budgets.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode first = new ObjectMapper().readTree(r.out().get(0));
        assertEquals("platform", first.get("budget").asText());
        assertEquals("2024-09-01", first.get("periodStart").asText());
        assertTrue(r.out().get(r.out().size() - 1).startsWith("{\"kind\":\"total\",\"currency\":\"USD\",\"rows\":1000,"
                + "\"billedCost\":\"20.52022672899\""), r.out().toString());
    }

    @Test
    void aFileThatIsNoExportExitsOneWithAProblemOnStderr() {
        Run r = run("pom.xml");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\"status\":422"), r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run().code());
        assertEquals(2, run("a.csv", "b.csv").code());
    }
}
