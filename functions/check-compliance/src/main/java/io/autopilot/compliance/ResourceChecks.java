package io.autopilot.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.compliance.pss.Control;
import io.autopilot.compliance.pss.PodSpecView;
import io.autopilot.compliance.pss.PodTemplates;
import io.autopilot.compliance.pss.Violation;
import io.autopilot.events.ComplianceFinding;
import io.autopilot.events.EventIds;
import io.autopilot.events.ResourceRef;

/**
 * Every check on one Kubernetes object, as findings grouped by scope. A scope is the complete answer of one group of
 * checks about one resource ({@code <kind>/<ns>/<name>|object}, {@code Namespace//<ns>|network}, ...): comparing a
 * scope's findings with the last ones seen tells what opened and what was resolved. Plain logic; the few lookups go
 * through {@link ClusterView}.
 */
public final class ResourceChecks {

    public static final String DEFAULT_DENY = "network.default-deny";
    public static final String EXPOSED_SERVICE = "network.exposed-service";
    public static final String MTLS_STRICT = "mesh.mtls-strict";
    public static final String TOKEN_AUTOMOUNT = "identity.token-automount";
    public static final String IMAGE_DIGEST = "supply-chain.image-digest";
    public static final String RESOURCE_LIMITS = "resources.limits";
    public static final String CLUSTER_ADMIN = "rbac.cluster-admin-binding";
    public static final String RBAC_WILDCARD = "rbac.wildcard";

    /** Kinds the function evaluates; anything else is acknowledged and ignored (a Trigger may send more). */
    public static final Set<String> KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "ReplicationController", "Job", "CronJob", "Namespace", "NetworkPolicy", "Service", "RoleBinding",
            "ClusterRoleBinding", "Role", "ClusterRole", "PeerAuthentication");

    static final String OBJECT = "object";
    static final String NETWORK = "network";
    static final String MESH = "mesh";

    /** A scope and the complete list of its current findings. */
    public record Scoped(String scope, List<ComplianceFinding> findings) {
    }

    /** Tunables: namespaces left alone, subjects allowed to hold cluster-admin. */
    public record Settings(Set<String> excludedNamespaces, Set<String> allowedClusterAdmins, String meshRootNamespace) {
        public static Settings defaults() {
            return new Settings(Set.of("kube-system", "kube-public", "kube-node-lease"),
                    Set.of("Group:system:masters"), "istio-system");
        }
    }

    private final Settings settings;

    public ResourceChecks(Settings settings) {
        this.settings = settings;
    }

    public static String scope(String resourceKey, String group) {
        return resourceKey + "|" + group;
    }

    /** The findings of every scope this object's arrival or change decides. */
    public List<Scoped> evaluate(JsonNode object, Instant at, ClusterView cluster) {
        ResourceRef ref = ResourceRef.of(object);
        String kind = ref.kind() == null ? "" : ref.kind();
        List<Scoped> out = new ArrayList<>(2);
        switch (kind) {
            case "Namespace" -> {
                if (!excluded(ref.name())) {
                    out.add(new Scoped(scope(ref.key(), OBJECT), List.of()));
                    out.add(network(object, at, cluster));
                    out.add(mesh(object, at, cluster));
                }
            }
            case "NetworkPolicy" -> {
                if (!excluded(ref.namespace())) {
                    out.add(network(namespaceStub(ref.namespace()), at, cluster));
                }
            }
            case "PeerAuthentication" -> out.add(new Scoped(scope(ref.key(), OBJECT), peerAuthentication(object, ref, at)));
            case "Service" -> out.add(new Scoped(scope(ref.key(), OBJECT), service(object, ref, at)));
            case "RoleBinding", "ClusterRoleBinding" ->
                    out.add(new Scoped(scope(ref.key(), OBJECT), binding(object, ref, at, cluster)));
            case "Role", "ClusterRole" -> out.add(new Scoped(scope(ref.key(), OBJECT), wildcards(object, ref, at)));
            default -> PodTemplates.of(object)
                    .ifPresent(pod -> out.add(new Scoped(scope(ref.key(), OBJECT), pod(pod, ref, at))));
        }
        return out;
    }

    /** The Pod Security Standards (every control, each tagged with its level) and the workload checks. */
    public List<ComplianceFinding> pod(PodSpecView pod, ResourceRef ref, Instant at) {
        List<ComplianceFinding> out = new ArrayList<>();
        if (excluded(ref.namespace())) {
            return out;
        }
        for (Control control : Control.values()) {
            for (Violation v : control.check(pod)) {
                out.add(finding(ref, "pss." + control.id(), control.id(), control.level().id(),
                        control.level() == io.autopilot.compliance.pss.Level.BASELINE ? "high" : "medium", v.path(),
                        v.observed(), v.allowed(), "Pod Security Standards " + control.level().id() + " control "
                                + control.id() + " is not met", null, at));
            }
        }
        JsonNode automount = pod.spec().get("automountServiceAccountToken");
        if (automount == null || !(automount.isBoolean() && !automount.booleanValue())) {
            out.add(finding(ref, TOKEN_AUTOMOUNT, "serviceAccountTokenAutomount", null, "low",
                    pod.specPath() + ".automountServiceAccountToken", automount == null ? Violation.UNSET
                            : automount.asText(), "false",
                    "the service-account token is mounted; workloads that do not call the API should not carry it",
                    null, at));
        }
        for (String list : new String[] { "containers", "initContainers", "ephemeralContainers" }) {
            JsonNode containers = pod.spec().path(list);
            for (int i = 0; i < containers.size(); i++) {
                JsonNode c = containers.get(i);
                String path = pod.specPath() + "." + list + "[" + i + "]";
                String image = c.path("image").asText("");
                if (!image.contains("@sha256:")) {
                    out.add(finding(ref, IMAGE_DIGEST, "imagePinnedByDigest", null, "low", path + ".image", image,
                            "<repository>@sha256:<digest>", "the image is not pinned by digest, so what runs can change "
                                    + "under the same tag", null, at));
                }
                if (!list.equals("ephemeralContainers")) {
                    for (String resource : new String[] { "cpu", "memory" }) {
                        JsonNode limit = c.path("resources").path("limits").get(resource);
                        if (limit == null || limit.isNull() || limit.asText().isEmpty()) {
                            out.add(finding(ref, RESOURCE_LIMITS, "resourceLimits", null, "low",
                                    path + ".resources.limits." + resource, Violation.UNSET, "a quantity",
                                    "no " + resource + " limit: one container can starve its node", null, at));
                        }
                    }
                }
            }
        }
        return out;
    }

    // --- namespaces: default-deny and mesh ---

    private Scoped network(JsonNode namespace, Instant at, ClusterView cluster) {
        ResourceRef ref = ResourceRef.of(namespace);
        List<JsonNode> policies = cluster.networkPolicies(ref.name());
        boolean ingress = false;
        boolean egress = false;
        for (JsonNode policy : policies) {
            if (!selectsAllPods(policy)) {
                continue;
            }
            Set<String> types = policyTypes(policy);
            ingress |= types.contains("Ingress") && policy.path("spec").path("ingress").isEmpty();
            egress |= types.contains("Egress") && onlyDns(policy.path("spec").path("egress"));
        }
        List<ComplianceFinding> findings = new ArrayList<>(1);
        if (!ingress || !egress) {
            String missing = !ingress && !egress ? "ingress and egress" : !ingress ? "ingress" : "egress";
            findings.add(finding(ref, DEFAULT_DENY, "defaultDenyNetworkPolicy", null, "medium",
                    "networkpolicies(namespace=" + ref.name() + ")",
                    policies.isEmpty() ? "no NetworkPolicy" : "no default-deny " + missing + " among "
                            + policies.size() + " NetworkPolicies",
                    "a NetworkPolicy selecting every pod (podSelector: {}) that denies ingress and egress except DNS",
                    "namespace " + ref.name() + " has no default-deny " + missing + "; apply the remediation",
                    DefaultDenyPolicy.forNamespace(ref.name()), at));
        }
        return new Scoped(scope(ref.key(), NETWORK), findings);
    }

    private Scoped mesh(JsonNode namespace, Instant at, ClusterView cluster) {
        ResourceRef ref = ResourceRef.of(namespace);
        JsonNode labels = namespace.path("metadata").path("labels");
        boolean meshed = "enabled".equals(labels.path("istio-injection").asText(""))
                || labels.hasNonNull("istio.io/rev") || labels.hasNonNull("istio.io/dataplane-mode");
        List<ComplianceFinding> findings = new ArrayList<>(1);
        if (meshed) {
            String mode = effectiveMtls(cluster.peerAuthentications(ref.name()));
            if (mode == null) {
                mode = effectiveMtls(cluster.peerAuthentications(settings.meshRootNamespace()));
            }
            if (!"STRICT".equals(mode)) {
                findings.add(finding(ref, MTLS_STRICT, "mtlsStrict", null, "medium",
                        "peerauthentications(namespace=" + ref.name() + ").spec.mtls.mode",
                        mode == null ? "PERMISSIVE (Istio's default, no PeerAuthentication)" : mode, "STRICT",
                        "namespace " + ref.name() + " is in the mesh but accepts plaintext", null, at));
            }
        }
        return new Scoped(scope(ref.key(), MESH), findings);
    }

    /** The namespace-wide PeerAuthentication's mode (no selector), or null if there is none. */
    private static String effectiveMtls(List<JsonNode> peerAuthentications) {
        for (JsonNode pa : peerAuthentications) {
            if (pa.path("spec").path("selector").path("matchLabels").isEmpty()) {
                String mode = pa.path("spec").path("mtls").path("mode").asText("");
                return mode.isEmpty() || mode.equals("UNSET") ? null : mode;
            }
        }
        return null;
    }

    private List<ComplianceFinding> peerAuthentication(JsonNode pa, ResourceRef ref, Instant at) {
        List<ComplianceFinding> out = new ArrayList<>(1);
        String mode = pa.path("spec").path("mtls").path("mode").asText("");
        if (mode.equals("PERMISSIVE") || mode.equals("DISABLE")) {
            out.add(finding(ref, MTLS_STRICT, "mtlsStrict", null, "medium", "spec.mtls.mode", mode, "STRICT, UNSET",
                    "this PeerAuthentication lets workloads accept plaintext", null, at));
        }
        pa.path("spec").path("portLevelMtls").fields().forEachRemaining(port -> {
            String portMode = port.getValue().path("mode").asText("");
            if (portMode.equals("PERMISSIVE") || portMode.equals("DISABLE")) {
                out.add(finding(ref, MTLS_STRICT, "mtlsStrict", null, "medium",
                        "spec.portLevelMtls[" + port.getKey() + "].mode", portMode, "STRICT, UNSET",
                        "port " + port.getKey() + " accepts plaintext", null, at));
            }
        });
        return out;
    }

    private static boolean selectsAllPods(JsonNode policy) {
        JsonNode selector = policy.path("spec").path("podSelector");
        return selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
    }

    /** policyTypes as the API defaults them: Ingress always, Egress when egress rules exist. */
    private static Set<String> policyTypes(JsonNode policy) {
        JsonNode types = policy.path("spec").path("policyTypes");
        if (types.isArray() && !types.isEmpty()) {
            Set<String> out = new java.util.HashSet<>();
            types.forEach(t -> out.add(t.asText()));
            return out;
        }
        return policy.path("spec").has("egress") ? Set.of("Ingress", "Egress") : Set.of("Ingress");
    }

    /** Egress rules that allow nothing, or only DNS (port 53): still a default deny. */
    private static boolean onlyDns(JsonNode egress) {
        for (JsonNode rule : egress) {
            JsonNode ports = rule.path("ports");
            if (ports.isEmpty()) {
                return false;
            }
            for (JsonNode port : ports) {
                if (!"53".equals(port.path("port").asText(""))) {
                    return false;
                }
            }
        }
        return true;
    }

    // --- services ---

    private List<ComplianceFinding> service(JsonNode service, ResourceRef ref, Instant at) {
        List<ComplianceFinding> out = new ArrayList<>(1);
        if (excluded(ref.namespace())) {
            return out;
        }
        String type = service.path("spec").path("type").asText("ClusterIP");
        boolean approved = "true".equals(service.path("metadata").path("annotations")
                .path("compliance.autopilot.io/exposure-approved").asText(""));
        if ((type.equals("NodePort") || type.equals("LoadBalancer")) && !approved) {
            out.add(finding(ref, EXPOSED_SERVICE, "serviceExposure", null, "low", "spec.type", type,
                    "ClusterIP (or annotate compliance.autopilot.io/exposure-approved: \"true\")",
                    "the Service is reachable from outside the cluster without a recorded approval", null, at));
        }
        JsonNode externalIps = service.path("spec").path("externalIPs");
        if (!externalIps.isEmpty()) {
            out.add(finding(ref, EXPOSED_SERVICE, "serviceExposure", null, "medium", "spec.externalIPs",
                    externalIps.toString(), "<unset>",
                    "externalIPs let a Service claim any address (CVE-2020-8554)", null, at));
        }
        return out;
    }

    // --- RBAC ---

    private List<ComplianceFinding> binding(JsonNode binding, ResourceRef ref, Instant at, ClusterView cluster) {
        List<ComplianceFinding> out = new ArrayList<>(1);
        JsonNode roleRef = binding.path("roleRef");
        String roleKind = roleRef.path("kind").asText("");
        String roleName = roleRef.path("name").asText("");
        JsonNode subjects = binding.path("subjects");
        if (roleKind.equals("ClusterRole") && roleName.equals("cluster-admin")) {
            for (int i = 0; i < subjects.size(); i++) {
                JsonNode s = subjects.get(i);
                String subject = s.path("kind").asText() + ":" + (s.hasNonNull("namespace")
                        ? s.path("namespace").asText() + "/" : "") + s.path("name").asText();
                if (!settings.allowedClusterAdmins().contains(subject)) {
                    out.add(finding(ref, CLUSTER_ADMIN, "clusterAdminBinding", null, "high", "subjects[" + i + "]",
                            subject, "only " + String.join(", ", settings.allowedClusterAdmins()),
                            subject + " holds cluster-admin", null, at));
                }
            }
            return out;
        }
        if (binding.path("metadata").path("labels").path("kubernetes.io/bootstrapping").asText("")
                .equals("rbac-defaults") || roleName.startsWith("system:")) {
            return out;
        }
        String roleNamespace = roleKind.equals("Role") ? ref.namespace() : null;
        Optional<JsonNode> role = cluster.role(roleNamespace, roleName);
        role.ifPresent(r -> {
            for (ComplianceFinding wildcard : wildcards(r, ResourceRef.of(r), at)) {
                out.add(finding(ref, RBAC_WILDCARD, "rbacWildcard", null, "high", "roleRef",
                        roleKind + "/" + roleName + " " + wildcard.path() + " = " + wildcard.observed(),
                        "explicit verbs, resources and API groups",
                        "this binding grants a wildcard rule of " + roleKind + " " + roleName, null, at));
            }
        });
        return out;
    }

    private List<ComplianceFinding> wildcards(JsonNode role, ResourceRef ref, Instant at) {
        List<ComplianceFinding> out = new ArrayList<>(1);
        if (role.path("metadata").path("labels").path("kubernetes.io/bootstrapping").asText("").equals("rbac-defaults")
                || ref.name() == null || ref.name().startsWith("system:") || excluded(ref.namespace())) {
            return out;
        }
        JsonNode rules = role.path("rules");
        for (int i = 0; i < rules.size(); i++) {
            for (String field : new String[] { "verbs", "resources", "apiGroups" }) {
                for (JsonNode value : rules.get(i).path(field)) {
                    if (value.asText().equals("*")) {
                        out.add(finding(ref, RBAC_WILDCARD, "rbacWildcard", null, "high",
                                "rules[" + i + "]." + field, rules.get(i).path(field).toString(),
                                "explicit " + field, "a wildcard grants everything, including what is added later",
                                null, at));
                    }
                }
            }
        }
        return out;
    }

    // --- helpers ---

    private boolean excluded(String namespace) {
        return namespace != null && settings.excludedNamespaces().contains(namespace);
    }

    private static JsonNode namespaceStub(String name) {
        ObjectNode ns = JsonNodeFactory.instance.objectNode();
        ns.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", name);
        return ns;
    }

    static ComplianceFinding finding(ResourceRef ref, String check, String control, String level, String severity, String path,
            String observed, String allowed, String message, JsonNode remediation, Instant at) {
        Map<String, java.util.List<String>> frameworks = Frameworks.controls(check);
        return new ComplianceFinding(EventIds.derive(ref.key(), check, path), check, control, level, severity, ref, path,
                observed, allowed, message, frameworks, remediation, ComplianceFinding.EVALUATOR, at, null, null);
    }
}
