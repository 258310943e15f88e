package io.autopilot.budget;

import java.util.ArrayList;
import java.util.List;
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

    public static String predicate(Budget b) {
        List<String> parts = new ArrayList<>();
        parts.add("BillingCurrency = " + Normalizer.literal(b.currency()));
        Budget.Scope s = b.scope();
        in(parts, "BillingAccountId", s.billingAccounts());
        in(parts, "SubAccountId", s.subAccounts());
        in(parts, "ServiceName", s.services());
        in(parts, "RegionId", s.regions());
        // a substring test first: cheap, and it spares the JSON parse on the rows that cannot match
        s.tags().forEach((k, v) -> parts.add("contains(Tags, " + Normalizer.literal(v) + ") AND " + tag(k) + " = "
                + Normalizer.literal(v)));
        s.labels().forEach((k, v) -> parts.add("contains(Tags, " + Normalizer.literal(v) + ") AND " + tag(k) + " = "
                + Normalizer.literal(v)));
        if (!s.namespaces().isEmpty()) {
            String values = s.namespaces().stream().map(Normalizer::literal).collect(Collectors.joining(", "));
            String any = s.namespaces().stream().map(n -> "contains(Tags, " + Normalizer.literal(n) + ")")
                    .collect(Collectors.joining(" OR "));
            parts.add("(" + any + ") AND (" + NAMESPACE_TAG_KEYS.stream().map(k -> tag(k) + " IN (" + values + ")")
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

    public static String metric(Budget b) {
        return b.metric().column;
    }

    private static void in(List<String> parts, String column, List<String> values) {
        if (!values.isEmpty()) {
            parts.add(column + " IN (" + values.stream().map(Normalizer::literal).collect(Collectors.joining(", "))
                    + ")");
        }
    }

    /** The string value of one tag, NULL when tags are absent or not JSON (a bad cell must not fail the scan). */
    static String tag(String key) {
        String path = "$.\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return "(CASE WHEN json_valid(Tags) THEN json_extract_string(Tags, " + Normalizer.literal(path) + ") END)";
    }
}
