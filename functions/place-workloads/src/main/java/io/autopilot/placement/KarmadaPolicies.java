package io.autopilot.placement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.autopilot.events.PlacementRequest.Workload;
import io.autopilot.events.SiteInventory.Site;

/**
 * The decision in the form a cluster applies: a Karmada {@code PropagationPolicy} pinning the Deployment to its
 * member cluster (all replicas there: Divided, Aggregated), or, for a node pool of one cluster, a strategic-merge
 * patch adding required node affinity to the Deployment's pod template.
 */
final class KarmadaPolicies {

    private KarmadaPolicies() {
    }

    static Map<String, Object> propagationPolicy(Workload workload, Site site) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", workload.name() + "-placement");
        if (workload.namespace() != null) {
            metadata.put("namespace", workload.namespace());
        }
        metadata.put("labels", Map.of("app.kubernetes.io/managed-by", "autopilot-place-workloads"));
        Map<String, Object> placement = new LinkedHashMap<>();
        placement.put("clusterAffinity", Map.of("clusterNames", List.of(site.cluster())));
        placement.put("replicaScheduling", ordered("replicaSchedulingType", "Divided",
                "replicaDivisionPreference", "Aggregated"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("resourceSelectors", List.of(ordered("apiVersion", "apps/v1", "kind", "Deployment",
                "name", workload.name())));
        spec.put("placement", placement);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("apiVersion", "policy.karmada.io/v1alpha1");
        policy.put("kind", "PropagationPolicy");
        policy.put("metadata", metadata);
        policy.put("spec", spec);
        return policy;
    }

    static Map<String, Object> nodeAffinityPatch(Map<String, String> nodeSelector) {
        List<Map<String, Object>> expressions = new ArrayList<>();
        nodeSelector.forEach((key, value) -> expressions.add(ordered("key", key, "operator", "In",
                "values", List.of(value))));
        Map<String, Object> required = Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions", expressions)));
        Map<String, Object> affinity = Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
                required));
        return Map.of("spec", Map.of("template", Map.of("spec", Map.of("affinity", affinity))));
    }

    /** A map that keeps the order its pairs are given in, so the emitted YAML reads like a hand-written one. */
    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
