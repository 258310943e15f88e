package io.autopilot.threat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The response rules file ({@code autopilot.respond-threat.rules-file}): global guardrails and the rules, read and
 * checked at start-up so a typo fails the deployment instead of silently never matching. Format (Falco Talon's
 * matching, with our guardrails):
 *
 * <pre>
 * guardrails:
 *   max_actions_per_minute: 30          # all rules together
 *   protected_namespaces: [kube-system] # never acted on unless a rule says allow_protected_namespaces: true
 * rules:
 *   - name: isolate-shell-in-container
 *     match:
 *       rules: [Terminal shell in container]
 *       priority: "&gt;=Notice"
 *       tags: [[container, shell]]
 *       output_fields: ["k8s.ns.name!=falco"]
 *     actions:
 *       - action: isolate
 *       - action: label
 *         parameters: {threat.autopilot.io/quarantined: "true"}
 *     dry_run: false                    # default true
 *     continue: false                   # default false: first matching rule wins
 *     rate_limit: {max: 1, window: PT5M}
 * </pre>
 */
public record RuleSet(int maxActionsPerMinute, Set<String> protectedNamespaces, List<ResponseRule> rules) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> RULE_KEYS = Set.of("name", "description", "match", "actions", "dry_run",
            "continue", "allow_protected_namespaces", "rate_limit");
    private static final Set<String> MATCH_KEYS = Set.of("rules", "priority", "tags", "output_fields", "source");

    public static RuleSet read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(YAML.readTree(in), file.toString());
        }
    }

    public static RuleSet parse(String yaml) throws IOException {
        return parse(YAML.readTree(yaml), "rules");
    }

    static RuleSet parse(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw invalid(where, "the rules file must be a mapping with guardrails and rules");
        }
        JsonNode guardrails = root.path("guardrails");
        int perMinute = guardrails.path("max_actions_per_minute").asInt(30);
        if (perMinute < 0) {
            throw invalid(where, "guardrails.max_actions_per_minute cannot be negative");
        }
        Set<String> protectedNs = new HashSet<>(strings(guardrails.get("protected_namespaces")));
        if (!guardrails.has("protected_namespaces")) {
            protectedNs.add("kube-system");
        }
        List<ResponseRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonNode list = root.path("rules");
        for (int i = 0; i < list.size(); i++) {
            ResponseRule rule = rule(list.get(i), where + ": rules[" + i + "]");
            if (!names.add(rule.name())) {
                throw invalid(where, "two rules are named " + rule.name());
            }
            rules.add(rule);
        }
        return new RuleSet(perMinute, Set.copyOf(protectedNs), List.copyOf(rules));
    }

    private static ResponseRule rule(JsonNode node, String where) {
        node.fieldNames().forEachRemaining(key -> {
            if (!RULE_KEYS.contains(key)) {
                throw invalid(where, "unknown key " + key + " (" + RULE_KEYS + ")");
            }
        });
        String name = node.path("name").asText("");
        if (name.isBlank()) {
            throw invalid(where, "a rule needs a name");
        }
        JsonNode match = node.path("match");
        match.fieldNames().forEachRemaining(key -> {
            if (!MATCH_KEYS.contains(key)) {
                throw invalid(where, "unknown match key " + key + " (" + MATCH_KEYS + ")");
            }
        });
        String priority = match.hasNonNull("priority") ? match.get("priority").asText() : null;
        if (priority != null) {
            try {
                RuleMatcher.priority(priority, Priority.NOTICE);
            } catch (IllegalArgumentException e) {
                throw invalid(where, e.getMessage());
            }
        }
        List<List<String>> tags = new ArrayList<>();
        for (JsonNode entry : match.path("tags")) {
            tags.add(entry.isArray() ? strings(entry) : split(entry.asText()));
        }
        List<List<ResponseRule.FieldCondition>> fields = new ArrayList<>();
        for (JsonNode entry : match.path("output_fields")) {
            List<ResponseRule.FieldCondition> all = new ArrayList<>();
            for (String condition : entry.isArray() ? strings(entry) : split(entry.asText())) {
                all.add(condition(condition, where));
            }
            fields.add(all);
        }
        ResponseRule.Match m = new ResponseRule.Match(strings(match.get("rules")), priority, tags, fields,
                match.hasNonNull("source") ? match.get("source").asText() : null);

        List<ResponseRule.Action> actions = new ArrayList<>();
        for (JsonNode a : node.path("actions")) {
            ResponseRule.Kind kind;
            try {
                kind = ResponseRule.Kind.parse(a.path("action").asText(""));
            } catch (IllegalArgumentException e) {
                throw invalid(where, e.getMessage());
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            a.path("parameters").fields().forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().asText()));
            actions.add(new ResponseRule.Action(kind, Map.copyOf(parameters)));
        }
        if (actions.isEmpty()) {
            throw invalid(where, "rule " + name + " has no actions");
        }
        JsonNode rate = node.path("rate_limit");
        Duration window;
        try {
            window = Duration.parse(rate.path("window").asText("PT5M"));
        } catch (RuntimeException e) {
            throw invalid(where, "rate_limit.window must be an ISO-8601 duration such as PT5M");
        }
        return new ResponseRule(name, m, List.copyOf(actions), node.path("dry_run").asBoolean(true),
                node.path("continue").asBoolean(false), node.path("allow_protected_namespaces").asBoolean(false),
                new ResponseRule.RateLimit(rate.path("max").asInt(1), window));
    }

    private static ResponseRule.FieldCondition condition(String text, String where) {
        int ne = text.indexOf("!=");
        int eq = text.indexOf('=');
        if (ne > 0) {
            return new ResponseRule.FieldCondition(text.substring(0, ne).trim(), false, text.substring(ne + 2).trim());
        }
        if (eq > 0) {
            return new ResponseRule.FieldCondition(text.substring(0, eq).trim(), true, text.substring(eq + 1).trim());
        }
        throw invalid(where, "output_fields condition " + text + " is not key=value or key!=value");
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            if (node.isArray()) {
                node.forEach(n -> out.add(n.asText()));
            } else if (!node.isNull()) {
                out.add(node.asText());
            }
        }
        return out;
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static IllegalArgumentException invalid(String where, String what) {
        return new IllegalArgumentException(where + ": " + what);
    }
}
