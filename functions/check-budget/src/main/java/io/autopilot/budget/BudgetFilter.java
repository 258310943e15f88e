package io.autopilot.budget;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A budget's scope and include/exclude options as a SQL predicate over normalised rows, and its metric as the summed
 * expression, so each budget is one {@code SUM(...) FILTER (...)} column of the single scan.
 */
public final class BudgetFilter {

    /** Tag keys Kubernetes cost allocation is known to write a namespace under (OpenCost, AKS, GKE, EKS split cost). */
    static final List<String> NAMESPACE_TAG_KEYS = List.of("namespace", "kubernetes.io/namespace", "k8s-namespace",
            "aws:eks:namespace", "k8s-namespace-name", "kubernetes_namespace");

    private BudgetFilter() {
    }

    /**
     * The budget's scope as a predicate over the columns of the scan's fine groups (the FOCUS names), with each tag
     * value read through {@code tagRef}: tags are looked up once per row by the scan ({@link #tagExtract}), so the
     * predicate itself runs per group, not per row.
     */
    public static String predicate(Budget b, Function<String, String> tagRef) {
        List<String> parts = new ArrayList<>();
        parts.add("BillingCurrency = " + Normalizer.literal(b.currency()));
        Budget.Scope s = b.scope();
        in(parts, "BillingAccountId", s.billingAccounts());
        in(parts, "SubAccountId", s.subAccounts());
        in(parts, "ServiceName", s.services());
        in(parts, "RegionId", s.regions());
        s.tags().forEach((k, v) -> parts.add(tagRef.apply(k) + " = " + Normalizer.literal(v)));
        s.labels().forEach((k, v) -> parts.add(tagRef.apply(k) + " = " + Normalizer.literal(v)));
        if (!s.namespaces().isEmpty()) {
            String values = s.namespaces().stream().map(Normalizer::literal).collect(Collectors.joining(", "));
            parts.add("(" + NAMESPACE_TAG_KEYS.stream().map(k -> tagRef.apply(k) + " IN (" + values + ")")
                    .collect(Collectors.joining(" OR ")) + ")");
        }
        Budget.Include inc = b.include();
        if (!inc.credits()) {
            parts.add("coalesce(ChargeCategory, '') <> 'Credit'");
        }
        if (!inc.tax()) {
            parts.add("coalesce(ChargeCategory, '') <> 'Tax'");
        }
        if (!inc.purchases()) {
            parts.add("coalesce(ChargeCategory, '') <> 'Purchase'");
        }
        if (!inc.corrections()) {
            parts.add("coalesce(ChargeClass, '') <> 'Correction'");
        }
        return String.join(" AND ", parts);
    }

    /** Every tag key some budget's scope reads (tags, labels, the namespace keys), in a stable order. */
    public static List<String> tagKeys(List<Budget> budgets) {
        Set<String> keys = new LinkedHashSet<>();
        for (Budget b : budgets) {
            keys.addAll(b.scope().tags().keySet());
            keys.addAll(b.scope().labels().keySet());
            if (!b.scope().namespaces().isEmpty()) {
                keys.addAll(NAMESPACE_TAG_KEYS);
            }
        }
        return List.copyOf(keys);
    }

    /**
     * Per row, the values of {@link #tagKeys} as one list (one JSON parse per row, not one per key and budget), and
     * only for rows whose tag text contains one of the wanted values: a substring test is far cheaper than a parse and
     * the other rows cannot match. Tags that are not JSON give NULL rather than failing the scan. Null when no budget
     * reads tags.
     */
    public static String tagExtract(List<Budget> budgets) {
        List<String> keys = tagKeys(budgets);
        if (keys.isEmpty()) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (Budget b : budgets) {
            values.addAll(b.scope().tags().values());
            values.addAll(b.scope().labels().values());
            values.addAll(b.scope().namespaces());
        }
        String candidate = values.stream().map(v -> "contains(Tags, " + Normalizer.literal(v) + ")")
                .collect(Collectors.joining(" OR "));
        String paths = keys.stream().map(k -> Normalizer.literal(jsonPath(k))).collect(Collectors.joining(", "));
        return "CASE WHEN " + candidate + " THEN try(json_extract_string(Tags, [" + paths + "])) END";
    }

    public static String metric(Budget b) {
        return b.metric().column;
    }

    private static void in(List<String> parts, String column, List<String> values) {
        if (!values.isEmpty()) {
            parts.add(column + " IN (" + values.stream().map(Normalizer::literal).collect(Collectors.joining(", "))
                    + ")");
        }
    }

    private static String jsonPath(String key) {
        return "$.\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
