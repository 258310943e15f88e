package io.autopilot.threat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RuleSetTest {

    private static FalcoAlert alert(String rule, String priority, List<String> tags, Map<String, Object> fields) {
        return new FalcoAlert(null, "out", priority, rule, null, fields, "syscall", tags, "node-1");
    }

    private static ResponseRule only(String yaml) throws Exception {
        return RuleSet.parse(yaml).rules().get(0);
    }

    @Test
    void theShippedRulesFileLoadsWithItsGuardrails() {
        RuleSet rules = ThreatResponder.load(Optional.of(
                Path.of(System.getProperty("autopilot.repo.dir", "../.."), "knative/respond-threat/200-rules.yaml")
                        .toString()));
        assertEquals(List.of("isolate-terminal-shell", "terminate-on-critical", "annotate-warnings"),
                rules.rules().stream().map(ResponseRule::name).toList());
        assertTrue(rules.protectedNamespaces().contains("kube-system"));
        assertTrue(rules.rules().get(1).dryRun(), "terminate stays a dry run in the shipped rules");
    }

    @Test
    void aRuleIsADryRunUnlessItSaysOtherwise() throws Exception {
        assertTrue(only("rules: [{name: r, actions: [{action: label}]}]").dryRun());
    }

    @Test
    void priorityComparatorsFollowFalcoOrderAndABareNameMeansAtLeast() {
        assertTrue(RuleMatcher.priority(">=Warning", Priority.CRITICAL));
        assertFalse(RuleMatcher.priority(">=Warning", Priority.NOTICE));
        assertTrue(RuleMatcher.priority("Warning", Priority.WARNING));
        assertFalse(RuleMatcher.priority(">Warning", Priority.WARNING));
        assertTrue(RuleMatcher.priority("<Warning", Priority.INFORMATIONAL));
        assertTrue(RuleMatcher.priority("=Error", Priority.ERROR));
        assertFalse(RuleMatcher.priority("<=Notice", Priority.ERROR));
    }

    @Test
    void tagsAreAndedWithinAnEntryAndOredAcrossEntries() throws Exception {
        ResponseRule rule = only("rules: [{name: r, match: {tags: [[container, shell], 'network, mitre_exfiltration']},"
                + " actions: [{action: label}]}]");
        assertTrue(RuleMatcher.matches(rule.match(), alert("x", "Notice", List.of("shell", "container", "T1059"), Map.of())));
        assertTrue(RuleMatcher.matches(rule.match(), alert("x", "Notice", List.of("network", "mitre_exfiltration"), Map.of())));
        assertFalse(RuleMatcher.matches(rule.match(), alert("x", "Notice", List.of("container", "network"), Map.of())));
    }

    @Test
    void outputFieldConditionsAreAndedWithinAnEntryAndOredAcrossEntries() throws Exception {
        ResponseRule rule = only("rules: [{name: r, match: {output_fields: ['k8s.ns.name!=kube-system, proc.name=bash',"
                + " 'user.name=root']}, actions: [{action: label}]}]");
        assertTrue(RuleMatcher.matches(rule.match(), alert("x", "Notice", List.of(),
                Map.of("k8s.ns.name", "shop", "proc.name", "bash"))));
        assertFalse(RuleMatcher.matches(rule.match(), alert("x", "Notice", List.of(),
                Map.of("k8s.ns.name", "kube-system", "proc.name", "bash"))));
        assertTrue(RuleMatcher.matches(rule.match(), alert("x", "Notice", List.of(),
                Map.of("k8s.ns.name", "kube-system", "user.name", "root"))));
    }

    @Test
    void ruleNamesAndSourceMustMatchExactly() throws Exception {
        ResponseRule rule = only("rules: [{name: r, match: {rules: [A, B], source: syscall}, actions: [{action: label}]}]");
        assertTrue(RuleMatcher.matches(rule.match(), alert("B", "Debug", List.of(), Map.of())));
        assertFalse(RuleMatcher.matches(rule.match(), alert("b", "Debug", List.of(), Map.of())));
    }

    @Test
    void typosFailAtLoadingNotAtTheFirstAlert() {
        assertThrows(IllegalArgumentException.class, () -> RuleSet.parse("rules: [{name: r, actions: [{action: nuke}]}]"));
        assertThrows(IllegalArgumentException.class, () -> RuleSet.parse("rules: [{name: r, match: {prio: Warning}, "
                + "actions: [{action: label}]}]"));
        assertThrows(IllegalArgumentException.class, () -> RuleSet.parse("rules: [{name: r, match: {priority: '>=Bad'}, "
                + "actions: [{action: label}]}]"));
        assertThrows(IllegalArgumentException.class, () -> RuleSet.parse("rules: [{name: r, actions: []}]"));
        assertThrows(IllegalArgumentException.class, () -> RuleSet.parse("rules: [{name: r, actions: [{action: label}]},"
                + " {name: r, actions: [{action: label}]}]"));
    }
}
