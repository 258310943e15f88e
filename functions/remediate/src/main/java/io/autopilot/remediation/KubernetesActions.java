package io.autopilot.remediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The actions, through fabric8: measure what an action would take down (for the blast-radius guardrail) and carry
 * it out. Each action uses only the verbs its RBAC set grants (knative/remediate/200-rbac.yaml):
 * <ul>
 * <li>restart: patch the Deployment's pod template annotation {@code kubectl.kubernetes.io/restartedAt} (what
 * {@code kubectl rollout restart} does);
 * <li>scale: set {@code spec.replicas} (absolute or a change, capped);
 * <li>rollback: copy the pod template of the ReplicaSet with the previous {@code deployment.kubernetes.io/revision}
 * into the Deployment (what {@code kubectl rollout undo} does);
 * <li>abort-rollout / promote-rollout: merge-patch an Argo Rollout's status {@code abort: true} / {@code promoteFull:
 * true} (what the kubectl plugin does);
 * <li>cordon: {@code spec.unschedulable: true} on the Node;
 * <li>apply-patch: set the container resources of a recommendation's patch on the Deployment's containers, by name.
 * </ul>
 */
public final class KubernetesActions {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    /** The Kubernetes API could not be reached or refused us: the decision is refused with guardrail "kubernetes". */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The target does not exist. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** What an action would take down at once, and what was read to know it. */
    public record Measure(double share, Map<String, Object> facts) {
    }

    private final KubernetesClient client;

    public KubernetesActions(KubernetesClient client) {
        this.client = client;
    }

    public Measure measure(Target t, Playbook p) {
        try {
            return switch (p.action()) {
                case "restart", "apply-patch", "rollback" -> rollingShare(deployment(t));
                case "scale" -> {
                    Deployment d = deployment(t);
                    int current = replicas(d);
                    int wanted = wantedReplicas(current, p);
                    Map<String, Object> f = deploymentFacts(d);
                    f.put("wantedReplicas", wanted);
                    yield new Measure(current == 0 || wanted >= current ? 0 : (current - wanted) / (double) current, f);
                }
                case "abort-rollout", "promote-rollout" -> {
                    GenericKubernetesResource r = rollout(t).get();
                    if (r == null) {
                        throw new NotFound("no Rollout " + t.key());
                    }
                    Map<String, Object> f = new LinkedHashMap<>();
                    Object status = r.getAdditionalProperties().get("status");
                    if (status instanceof Map<?, ?> s) {
                        f.put("rolloutPhase", s.get("phase"));
                        f.put("currentStepIndex", s.get("currentStepIndex"));
                    }
                    // aborting sends traffic back to the stable ReplicaSet: nothing is taken down
                    yield new Measure(0, f);
                }
                case "cordon" -> {
                    List<Node> nodes = client.nodes().list().getItems();
                    if (nodes.stream().noneMatch(n -> n.getMetadata().getName().equals(t.name()))) {
                        throw new NotFound("no Node " + t.name());
                    }
                    long cordoned = nodes.stream().filter(n -> n.getSpec() != null
                            && Boolean.TRUE.equals(n.getSpec().getUnschedulable())
                            && !n.getMetadata().getName().equals(t.name())).count();
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("nodes", nodes.size());
                    f.put("alreadyCordoned", cordoned);
                    yield new Measure((cordoned + 1) / (double) nodes.size(), f);
                }
                default -> throw new IllegalArgumentException("unknown action " + p.action());
            };
        } catch (KubernetesClientException e) {
            throw translate(t, e);
        }
    }

    /** Carries the action out; returns what changed, for the decision event. */
    public Map<String, Object> execute(Target t, Playbook p, Incident incident, Instant now) {
        Map<String, Object> change = new LinkedHashMap<>();
        try {
            switch (p.action()) {
                case "restart" -> {
                    deployments(t).edit(d -> {
                        PodTemplateSpec tpl = d.getSpec().getTemplate();
                        if (tpl.getMetadata() == null) {
                            tpl.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
                        }
                        if (tpl.getMetadata().getAnnotations() == null) {
                            tpl.getMetadata().setAnnotations(new LinkedHashMap<>());
                        }
                        tpl.getMetadata().getAnnotations().put(RESTARTED_AT, now.toString());
                        return d;
                    });
                    change.put(RESTARTED_AT, now.toString());
                }
                case "scale" -> {
                    int current = replicas(deployment(t));
                    int wanted = wantedReplicas(current, p);
                    deployments(t).edit(d -> {
                        d.getSpec().setReplicas(wanted);
                        return d;
                    });
                    change.put("replicas", current + " -> " + wanted);
                }
                case "rollback" -> {
                    Deployment d = deployment(t);
                    ReplicaSet previous = previousRevision(d);
                    PodTemplateSpec tpl = previous.getSpec().getTemplate();
                    if (tpl.getMetadata() != null && tpl.getMetadata().getLabels() != null) {
                        tpl.getMetadata().getLabels().remove("pod-template-hash");
                    }
                    deployments(t).edit(x -> {
                        x.getSpec().setTemplate(tpl);
                        return x;
                    });
                    change.put("toRevision", previous.getMetadata().getAnnotations().get(REVISION));
                    change.put("fromReplicaSet", previous.getMetadata().getName());
                }
                case "abort-rollout" -> {
                    statusPatch(t, "{\"status\":{\"abort\":true}}");
                    change.put("status.abort", true);
                }
                case "promote-rollout" -> {
                    statusPatch(t, "{\"status\":{\"promoteFull\":true}}");
                    change.put("status.promoteFull", true);
                }
                case "cordon" -> {
                    client.nodes().withName(t.name()).edit(n -> {
                        n.getSpec().setUnschedulable(true);
                        return n;
                    });
                    change.put("spec.unschedulable", true);
                }
                case "apply-patch" -> change.putAll(applyResources(t, incident.patch()));
                default -> throw new IllegalArgumentException("unknown action " + p.action());
            }
            return change;
        } catch (KubernetesClientException e) {
            throw translate(t, e);
        }
    }

    private void statusPatch(Target t, String json) {
        try {
            rollout(t).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 405) {
                throw e;
            }
            // no status subresource served (older API servers, test doubles): patch the object itself
            rollout(t).patch(PatchContext.of(PatchType.JSON_MERGE), json);
        }
    }

    private Map<String, Object> applyResources(Target t, JsonNode patch) {
        JsonNode containers = patch.path("body").path("spec").path("template").path("spec").path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            throw new IllegalArgumentException("the patch sets no container resources");
        }
        Map<String, Object> change = new LinkedHashMap<>();
        deployments(t).edit(d -> {
            for (JsonNode c : containers) {
                String name = c.path("name").asText();
                var container = d.getSpec().getTemplate().getSpec().getContainers().stream()
                        .filter(x -> x.getName().equals(name)).findFirst()
                        .orElseThrow(() -> new NotFound("no container " + name + " in " + t.key()));
                ResourceRequirements rr = container.getResources() == null ? new ResourceRequirements()
                        : container.getResources();
                if (rr.getRequests() == null) {
                    rr.setRequests(new LinkedHashMap<>());
                }
                c.path("resources").path("requests").fields().forEachRemaining(e -> {
                    rr.getRequests().put(e.getKey(), new Quantity(e.getValue().asText()));
                    change.put(name + ".requests." + e.getKey(), e.getValue().asText());
                });
                container.setResources(rr);
            }
            return d;
        });
        return change;
    }

    ReplicaSet previousRevision(Deployment d) {
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).list()
                .getItems()) {
            boolean ownedByD = rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences()
                    .stream().anyMatch(o -> "Deployment".equals(o.getKind())
                            && d.getMetadata().getName().equals(o.getName()));
            if (ownedByD && rs.getMetadata().getAnnotations() != null
                    && rs.getMetadata().getAnnotations().containsKey(REVISION)) {
                owned.add(rs);
            }
        }
        owned.sort(Comparator.comparingLong(
                (ReplicaSet rs) -> Long.parseLong(rs.getMetadata().getAnnotations().get(REVISION))).reversed());
        if (owned.size() < 2) {
            throw new NotFound("no previous revision of " + d.getMetadata().getNamespace() + "/Deployment/"
                    + d.getMetadata().getName() + " (" + owned.size() + " revision(s) found)");
        }
        return owned.get(1);
    }

    private Measure rollingShare(Deployment d) {
        Map<String, Object> f = deploymentFacts(d);
        int replicas = replicas(d);
        if (replicas == 0) {
            return new Measure(0, f);
        }
        var strategy = d.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            f.put("strategy", "Recreate");
            return new Measure(1.0, f);
        }
        IntOrString mu = strategy == null || strategy.getRollingUpdate() == null ? null
                : strategy.getRollingUpdate().getMaxUnavailable();
        int unavailable = resolve(mu == null ? new IntOrString("25%") : mu, replicas);
        f.put("maxUnavailable", mu == null ? "25%" : (mu.getStrVal() != null ? mu.getStrVal() : mu.getIntVal()));
        f.put("podsDownAtOnce", unavailable);
        return new Measure(unavailable / (double) replicas, f);
    }

    /** maxUnavailable: a count, or a percentage of replicas rounded down (as the Deployment controller does). */
    static int resolve(IntOrString v, int replicas) {
        if (v.getStrVal() != null && v.getStrVal().endsWith("%")) {
            return (int) Math.floor(Double.parseDouble(v.getStrVal().replace("%", "")) * replicas / 100.0);
        }
        return v.getIntVal() != null ? v.getIntVal() : Integer.parseInt(v.getStrVal());
    }

    private Map<String, Object> deploymentFacts(Deployment d) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("replicas", replicas(d));
        f.put("readyReplicas", d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas());
        return f;
    }

    static int wantedReplicas(int current, Playbook p) {
        String r = p.replicas().trim();
        int wanted = r.startsWith("+") || r.startsWith("-") ? current + Integer.parseInt(r) : Integer.parseInt(r);
        wanted = Math.max(0, wanted);
        if (p.maxReplicas() != null) {
            wanted = Math.min(wanted, p.maxReplicas());
        }
        return wanted;
    }

    private static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private Resource<Deployment> deployments(Target t) {
        return client.apps().deployments().inNamespace(t.namespace()).withName(t.name());
    }

    private Deployment deployment(Target t) {
        if (!"Deployment".equals(t.kind())) {
            throw new IllegalArgumentException("this action needs a Deployment, not a " + t.kind());
        }
        Deployment d = deployments(t).get();
        if (d == null) {
            throw new NotFound("no Deployment " + t.key());
        }
        return d;
    }

    private Resource<GenericKubernetesResource> rollout(Target t) {
        return client.genericKubernetesResources("argoproj.io/v1alpha1", "Rollout").inNamespace(t.namespace())
                .withName(t.name());
    }

    private static RuntimeException translate(Target t, KubernetesClientException e) {
        if (e.getCode() == 404) {
            return new NotFound(t.key() + " not found");
        }
        return new Unavailable("Kubernetes API: " + (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "")
                + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
