package io.autopilot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.autopilot.events.ProblemException;

class BudgetsFileTest {

    @Test
    void readsTheDocumentedExampleStraightFromItsConfigMapManifest() {
        // the one-process runtime reads the manifest a cluster would mount, so the documented example is the tested one
        Path example = Path.of(System.getProperty("autopilot.repo.dir", "../..")).resolve(
                "knative/check-budget/400-configmap-budgets.yaml");
        List<Budget> budgets = BudgetsFile.read(example);
        assertEquals(List.of("aws-invoice", "payments-team", "search-namespace-weekly", "eu-subsidiary"),
                budgets.stream().map(Budget::name).toList());
        assertTrue(budgets.size() >= 2);
        Budget first = budgets.get(0);
        assertEquals("USD", first.currency());
        assertTrue(first.amount().signum() > 0);
    }

    @Test
    void defaultsAreMonthEffectiveCostChargeBasisAndOneActualHundredPercentThreshold() {
        Budget b = BudgetsFile.parse("budgets: [{name: a, amount: 10, currency: USD}]").get(0);
        assertEquals(Budget.Period.MONTH, b.period());
        assertEquals(Budget.Metric.EFFECTIVE_COST, b.metric());
        assertEquals(Budget.Basis.CHARGE, b.basis());
        assertEquals(List.of(new Budget.Threshold(Budget.Threshold.Kind.ACTUAL, new BigDecimal(100), null)),
                b.thresholds());
        assertEquals(Budget.Include.ALL, b.include());
    }

    @Test
    void refusesMistakesNamingTheOffendingEntry() {
        assertField("budgets: [{name: a, amount: 10}]", "/budgets/0/currency");
        assertField("budgets: [{name: a, amount: -1, currency: USD}]", "/budgets/0/amount");
        assertField("budgets: [{name: a, amount: 1, currency: USD, metric: Cost}]", "/budgets/0/metric");
        assertField("budgets: [{name: a, amount: 1, currency: USD, thresholds: [{percent: 50, absolute: 3}]}]",
                "/budgets/0/thresholds/0");
        assertField("budgets: [{name: a, amount: 1, currency: USD, scope: {team: x}}]", "/budgets/0/scope/team");
        assertField("budgets: [{name: a, amount: 1, currency: USD, period: custom}]", "/budgets/0/end");
        assertField("budgets: [{name: a, amount: 1, currency: USD}, {name: a, amount: 2, currency: EUR}]",
                "/budgets/1/name");
        assertField("budgets: [{name: a, amount: 1, currency: USD, amout: 3}]", "/budgets/0/amout");
    }

    private static void assertField(String yaml, String pointer) {
        ProblemException e = assertThrows(ProblemException.class, () -> BudgetsFile.parse(yaml));
        assertEquals(pointer, e.problem().field(), e.problem().detail());
        assertEquals(400, e.problem().status());
    }
}
