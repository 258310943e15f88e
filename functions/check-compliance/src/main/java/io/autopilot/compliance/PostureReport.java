package io.autopilot.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.compliance.pss.PodTemplates;
import io.autopilot.events.ComplianceFinding;
import io.autopilot.events.CompliancePosture;

/**
 * Evaluates the whole cluster from one listing of every kind the checks cover, and scores it per Pod Security
 * Standards level and per framework. Pods and ReplicaSets and Jobs owned by a controller are left out: their
 * controller's template is evaluated instead, so one workload counts once.
 */
public final class PostureReport {

    /** Kinds listed, in evaluation order. */
    static final List<String> KINDS = List.of("Namespace", "Pod", "Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet", "Job", "CronJob", "Service", "RoleBinding", "ClusterRoleBinding", "Role", "ClusterRole",
            "PeerAuthentication");

    /** The posture and every scope's current findings (for reconciling the tracker). */
    public record Result(CompliancePosture posture, List<ResourceChecks.Scoped> scopes) {
    }

    private final ResourceChecks checks;

    public PostureReport(ResourceChecks checks) {
        this.checks = checks;
    }

    public Result evaluate(String cluster, ClusterView view, Instant at) {
        Map<String, Integer> resources = new LinkedHashMap<>();
        List<ResourceChecks.Scoped> scopes = new ArrayList<>();
        int workloads = 0;
        int baselinePassing = 0;
        int restrictedPassing = 0;
        for (String kind : KINDS) {
            int count = 0;
            for (JsonNode object : view.list(kind)) {
                if (!object.hasNonNull("kind")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) object).put("kind", kind);
                }
                if (ownedByController(object, kind)) {
                    continue;
                }
                count++;
                List<ResourceChecks.Scoped> evaluated = checks.evaluate(object, at, view);
                scopes.addAll(evaluated);
                if (PodTemplates.holdsPod(kind) && !evaluated.isEmpty()) {
                    workloads++;
                    List<ComplianceFinding> findings = evaluated.get(0).findings();
                    baselinePassing += findings.stream().noneMatch(f -> "baseline".equals(f.pssLevel())) ? 1 : 0;
                    restrictedPassing += findings.stream().noneMatch(f -> f.pssLevel() != null) ? 1 : 0;
                }
            }
            resources.put(kind, count);
        }
        Map<String, CompliancePosture.Score> levels = new LinkedHashMap<>();
        levels.put("baseline", CompliancePosture.Score.of(workloads, baselinePassing, Map.of()));
        levels.put("restricted", CompliancePosture.Score.of(workloads, restrictedPassing, Map.of()));

        Map<String, CompliancePosture.Score> frameworks = new LinkedHashMap<>();
        for (String framework : Frameworks.ALL) {
            int evaluated = 0;
            int passing = 0;
            Map<String, Integer> failing = new TreeMap<>();
            for (ResourceChecks.Scoped scope : scopes) {
                evaluated++;
                boolean clean = true;
                java.util.Set<String> failedHere = new java.util.TreeSet<>();
                for (ComplianceFinding f : scope.findings()) {
                    List<String> controls = f.frameworks().get(framework);
                    if (controls != null) {
                        clean = false;
                        failedHere.addAll(controls);
                    }
                }
                failedHere.forEach(c -> failing.merge(c, 1, Integer::sum));
                passing += clean ? 1 : 0;
            }
            frameworks.put(framework, CompliancePosture.Score.of(evaluated, passing, failing));
        }
        Map<String, Integer> byCheck = new TreeMap<>();
        int open = 0;
        for (ResourceChecks.Scoped scope : scopes) {
            for (ComplianceFinding f : scope.findings()) {
                byCheck.merge(f.check(), 1, Integer::sum);
                open++;
            }
        }
        return new Result(new CompliancePosture(cluster, at, ComplianceFinding.EVALUATOR, resources, levels, frameworks, byCheck, open),
                scopes);
    }

    private static boolean ownedByController(JsonNode object, String kind) {
        if (!kind.equals("Pod") && !kind.equals("ReplicaSet") && !kind.equals("Job")) {
            return false;
        }
        for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
            if (owner.path("controller").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }
}
