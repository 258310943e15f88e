package io.autopilot.threat;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.autopilot.events.EventIds;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The Kubernetes side of each action, through fabric8. Every action is idempotent (labels and annotations are set,
 * the isolation policy is created or replaced, a pod already gone counts as terminated), so a retried event does no
 * harm. Returns what changed, for the response event.
 */
@ApplicationScoped
public class PodActions {

    /** The label that puts a pod under its isolation NetworkPolicy. */
    public static final String ISOLATION_LABEL = "threat.autopilot.io/isolation";

    private final KubernetesClient client;

    @Inject
    public PodActions(KubernetesClient client) {
        this.client = client;
    }

    /** Thrown when the API refuses or cannot be reached; the response says {@code failed} with this message. */
    public static final class ActionFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ActionFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Map<String, String> perform(ResponseRule.Action action, String namespace, String pod, FalcoAlert alert) {
        try {
            return switch (action.kind()) {
                case LABEL -> label(namespace, pod, action.parameters());
                case ANNOTATE -> annotate(namespace, pod, action.parameters());
                case ISOLATE -> isolate(namespace, pod);
                case TERMINATE -> terminate(namespace, pod, action.parameters());
                case EVENT -> event(namespace, pod, alert);
            };
        } catch (KubernetesClientException e) {
            throw new ActionFailedException("the Kubernetes API answered " + (e.getCode() > 0 ? e.getCode() + ": " : "")
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        } catch (RuntimeException e) {
            if (e instanceof ActionFailedException) {
                throw e;
            }
            throw new ActionFailedException("the Kubernetes API could not be reached: " + e.getMessage(), e);
        }
    }

    /** The labels/annotations an action will set, for dry-run reports and for the action itself. */
    static Map<String, String> defaults(ResponseRule.Action action) {
        if (!action.parameters().isEmpty()) {
            return action.parameters();
        }
        return action.kind() == ResponseRule.Kind.LABEL ? Map.of("threat.autopilot.io/flagged", "true")
                : Map.of("threat.autopilot.io/falco-alert", "true");
    }

    private Map<String, String> label(String namespace, String pod, Map<String, String> labels) {
        Map<String, String> set = defaults(new ResponseRule.Action(ResponseRule.Kind.LABEL, labels));
        editMetadata(namespace, pod, m -> labels(m).putAll(set));
        return prefixed("label.", set);
    }

    private Map<String, String> annotate(String namespace, String pod, Map<String, String> annotations) {
        Map<String, String> set = defaults(new ResponseRule.Action(ResponseRule.Kind.ANNOTATE, annotations));
        editMetadata(namespace, pod, m -> {
            if (m.getAnnotations() == null) {
                m.setAnnotations(new LinkedHashMap<>());
            }
            m.getAnnotations().putAll(set);
        });
        return prefixed("annotation.", set);
    }

    /**
     * Labels the pod with its own isolation key and applies a NetworkPolicy selecting exactly that label with both
     * policy types and no rules: all ingress and egress denied, whatever other policies allow (policies are additive,
     * but this pod is selected by one that allows nothing, and no other policy selects it by this label).
     */
    private Map<String, String> isolate(String namespace, String pod) {
        String key = EventIds.derive(namespace, pod).substring(0, 16);
        String name = networkPolicyName(namespace, pod);
        NetworkPolicy policy = new NetworkPolicyBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "autopilot-respond-threat")
                .addToAnnotations("threat.autopilot.io/pod", pod)
                .endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels(ISOLATION_LABEL, key).endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .endSpec().build();
        client.network().v1().networkPolicies().inNamespace(namespace).resource(policy).createOr(p -> p.update());
        editMetadata(namespace, pod, m -> labels(m).put(ISOLATION_LABEL, key));
        return Map.of("networkPolicy", name, "label." + ISOLATION_LABEL, key);
    }

    public static String networkPolicyName(String namespace, String pod) {
        return "autopilot-isolate-" + EventIds.derive(namespace, pod).substring(0, 16);
    }

    private Map<String, String> terminate(String namespace, String pod, Map<String, String> parameters) {
        long grace = Long.parseLong(parameters.getOrDefault("grace_period_seconds", "5"));
        var deleted = client.pods().inNamespace(namespace).withName(pod).withGracePeriod(grace).delete();
        return Map.of("gracePeriodSeconds", Long.toString(grace), "deleted",
                Boolean.toString(deleted != null && !deleted.isEmpty()));
    }

    private Map<String, String> event(String namespace, String pod, FalcoAlert alert) {
        String name = pod + "." + EventIds.derive(namespace, pod, String.valueOf(alert.uuid()), alert.rule(),
                String.valueOf(alert.time())).substring(0, 12);
        String message = alert.output() == null ? alert.rule() : alert.output();
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withNamespace(namespace).withName(pod).withApiVersion("v1")
                .endInvolvedObject()
                .withType("Warning").withReason("FalcoAlert")
                .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                .withReportingComponent("autopilot-respond-threat").withReportingInstance("respond-threat")
                .withEventTime(new MicroTime(java.time.Instant.now().toString()))
                .withAction("Respond").build()).createOr(e -> e.update());
        return Map.of("event", name);
    }

    private void editMetadata(String namespace, String pod, java.util.function.Consumer<ObjectMeta> change) {
        var resource = client.pods().inNamespace(namespace).withName(pod);
        Pod current = resource.get();
        if (current == null) {
            throw new ActionFailedException("pod " + namespace + "/" + pod + " does not exist (any more)", null);
        }
        resource.edit(p -> {
            change.accept(p.getMetadata());
            return p;
        });
    }

    private static Map<String, String> labels(ObjectMeta metadata) {
        if (metadata.getLabels() == null) {
            metadata.setLabels(new LinkedHashMap<>());
        }
        return metadata.getLabels();
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }
}
