package io.autopilot.budget;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Reads the budgets file (YAML; a ConfigMap mounted as a file in a cluster, or the ConfigMap manifest itself). Every mistake is refused with the JSON
 * pointer of the offending entry, never guessed around: a budget that silently means something else is worse than
 * none. The format is documented in docs/check-budget.md.
 */
public final class BudgetsFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> BUDGET_KEYS = Set.of("name", "amount", "currency", "metric", "basis", "period",
            "start", "end", "scope", "include", "thresholds", "onBreach");

    private BudgetsFile() {
    }

    public static List<Budget> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ProblemException(ProblemTypes.unprocessable("cannot read the budgets file " + file + ": "
                    + e.getMessage()));
        }
    }

    public static List<Budget> parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ProblemException(ProblemTypes.malformedJson("", "the budgets file is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse("")));
        }
        if (root != null && "ConfigMap".equals(root.path("kind").asText()) && root.path("data").has("budgets.yaml")) {
            // the manifest itself (the one-process runtime reads the ConfigMap a cluster would mount)
            return parse(root.path("data").path("budgets.yaml").asText());
        }
        if (root == null || !root.path("budgets").isArray()) {
            throw new ProblemException(ProblemTypes.invalidField("/budgets", "the budgets file needs a list 'budgets'"));
        }
        List<Budget> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode b : root.get("budgets")) {
            String at = "/budgets/" + i++;
            Budget budget = budget(b, at);
            if (!names.add(budget.name())) {
                throw new ProblemException(ProblemTypes.invalidField(at + "/name", "duplicate budget name "
                        + budget.name()));
            }
            out.add(budget);
        }
        return out;
    }

    private static Budget budget(JsonNode b, String at) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!BUDGET_KEYS.contains(key)) {
                throw new ProblemException(ProblemTypes.invalidField(at + "/" + key, "unknown budget key '" + key
                        + "' (known: " + String.join(", ", new java.util.TreeSet<>(BUDGET_KEYS)) + ")"));
            }
        }
        String name = text(b, "name", at, null);
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/name",
                    "a budget needs a name of letters, digits, '.', '_' or '-' (at most 63)"));
        }
        BigDecimal amount = decimal(b.get("amount"), at + "/amount");
        if (amount == null || amount.signum() <= 0) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/amount", "amount must be a positive number"));
        }
        String currency = text(b, "currency", at, null);
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/currency",
                    "currency must be an ISO 4217 code such as USD (budgets never add currencies)"));
        }
        Budget.Metric metric = switch (text(b, "metric", at, "EffectiveCost")) {
            case "EffectiveCost" -> Budget.Metric.EFFECTIVE_COST;
            case "BilledCost" -> Budget.Metric.BILLED_COST;
            case "ListCost" -> Budget.Metric.LIST_COST;
            default -> throw new ProblemException(ProblemTypes.invalidField(at + "/metric",
                    "metric must be BilledCost, EffectiveCost or ListCost"));
        };
        Budget.Basis basis = enumOf(Budget.Basis.class, text(b, "basis", at, "charge"), at + "/basis",
                "basis must be charge (usage in the period) or billing (invoiced in the period)");
        Budget.Period period = enumOf(Budget.Period.class, text(b, "period", at, "month"), at + "/period",
                "period must be month, week, quarter or custom");
        LocalDate start = date(b, "start", at);
        LocalDate end = date(b, "end", at);
        if (period == Budget.Period.CUSTOM && (start == null || end == null || !end.isAfter(start))) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/end",
                    "a custom period needs start and end dates (end exclusive, after start)"));
        }
        List<Budget.Threshold> thresholds = new ArrayList<>();
        JsonNode ts = b.path("thresholds");
        if (!ts.isMissingNode() && !ts.isArray()) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/thresholds", "thresholds must be a list"));
        }
        int j = 0;
        for (JsonNode t : ts) {
            thresholds.add(threshold(t, at + "/thresholds/" + j++));
        }
        if (thresholds.isEmpty()) {
            thresholds.add(new Budget.Threshold(Budget.Threshold.Kind.ACTUAL, new BigDecimal(100), null));
        }
        return new Budget(name, scope(b.path("scope"), at + "/scope"), period, start, end, amount, currency, metric,
                basis, List.copyOf(thresholds), include(b.path("include"), at + "/include"),
                onBreach(b.path("onBreach"), at + "/onBreach"));
    }

    private static Budget.Threshold threshold(JsonNode t, String at) {
        Budget.Threshold.Kind kind = enumOf(Budget.Threshold.Kind.class, text(t, "type", at, "actual"), at + "/type",
                "threshold type must be actual or forecast");
        BigDecimal percent = decimal(t.get("percent"), at + "/percent");
        BigDecimal absolute = decimal(t.get("absolute"), at + "/absolute");
        if ((percent == null) == (absolute == null)) {
            throw new ProblemException(ProblemTypes.invalidField(at, "a threshold needs exactly one of percent or "
                    + "absolute"));
        }
        if ((percent != null && percent.signum() <= 0) || (absolute != null && absolute.signum() <= 0)) {
            throw new ProblemException(ProblemTypes.invalidField(at, "threshold levels must be positive"));
        }
        return new Budget.Threshold(kind, percent, absolute);
    }

    private static Budget.Scope scope(JsonNode s, String at) {
        if (s.isMissingNode() || s.isNull()) {
            return Budget.Scope.ALL;
        }
        Set<String> known = Set.of("billingAccounts", "subAccounts", "services", "regions", "tags", "namespaces",
                "labels");
        s.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw new ProblemException(ProblemTypes.invalidField(at + "/" + k, "unknown scope key '" + k
                        + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")"));
            }
        });
        return new Budget.Scope(list(s, "billingAccounts", at), list(s, "subAccounts", at), list(s, "services", at),
                list(s, "regions", at), map(s, "tags", at), list(s, "namespaces", at), map(s, "labels", at));
    }

    private static Budget.Include include(JsonNode n, String at) {
        if (n.isMissingNode() || n.isNull()) {
            return Budget.Include.ALL;
        }
        return new Budget.Include(bool(n, "credits", at), bool(n, "tax", at), bool(n, "purchases", at),
                bool(n, "corrections", at));
    }

    private static Budget.OnBreach onBreach(JsonNode n, String at) {
        if (n.isMissingNode() || n.isNull()) {
            return Budget.OnBreach.NOTIFY;
        }
        boolean approval = n.path("approval").asBoolean(false);
        String action = n.path("action").asText(null);
        if (approval && (action == null || action.isBlank())) {
            action = "approve-spend-over-budget";
        }
        return new Budget.OnBreach(approval, action);
    }

    private static boolean bool(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return true;
        }
        if (!v.isBoolean()) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/" + key, key + " must be true or false"));
        }
        return v.asBoolean();
    }

    private static List<String> list(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/" + key, key + " must be a list of strings"));
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
    }

    private static Map<String, String> map(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/" + key, key + " must be a map of key: value"));
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String text(JsonNode n, String key, String at, String dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isValueNode()) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/" + key, key + " must be a single value"));
        }
        return v.asText();
    }

    private static LocalDate date(JsonNode n, String key, String at) {
        String v = text(n, key, at, null);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemTypes.invalidField(at + "/" + key, key + " must be a date YYYY-MM-DD"));
        }
    }

    private static BigDecimal decimal(JsonNode v, String at) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemTypes.invalidField(at, "not a number: " + v.asText()));
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String at, String message) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemTypes.invalidField(at, message));
        }
    }
}
