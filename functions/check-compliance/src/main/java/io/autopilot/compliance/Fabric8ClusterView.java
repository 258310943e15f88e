package io.autopilot.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The {@link ClusterView} over fabric8's client (the Quarkus-managed one: in-cluster service-account credentials, or
 * the kubeconfig locally). Model objects become JSON through the same Jackson the events use, so every check reads
 * one representation.
 */
@ApplicationScoped
public class Fabric8ClusterView implements ClusterView {

    static final ResourceDefinitionContext PEER_AUTHENTICATION = new ResourceDefinitionContext.Builder()
            .withGroup("security.istio.io").withVersion("v1").withKind("PeerAuthentication")
            .withPlural("peerauthentications").withNamespaced(true).build();

    private final KubernetesClient client;
    private final ObjectMapper mapper;

    @Inject
    public Fabric8ClusterView(KubernetesClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    @Override
    public List<JsonNode> networkPolicies(String namespace) {
        return call("list NetworkPolicies in " + namespace,
                () -> json(client.network().v1().networkPolicies().inNamespace(namespace).list().getItems()));
    }

    @Override
    public List<JsonNode> peerAuthentications(String namespace) {
        return call("list PeerAuthentications in " + namespace, () -> {
            try {
                return json(client.genericKubernetesResources(PEER_AUTHENTICATION).inNamespace(namespace).list()
                        .getItems());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return List.of(); // the CRD is not installed: no mesh, nothing to require
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<JsonNode> role(String namespace, String name) {
        return call("read role " + name, () -> Optional.ofNullable(namespace == null
                ? client.rbac().clusterRoles().withName(name).get()
                : client.rbac().roles().inNamespace(namespace).withName(name).get()).map(this::json));
    }

    @Override
    public List<JsonNode> list(String kind) {
        return call("list " + kind, () -> switch (kind) {
            case "Namespace" -> json(client.namespaces().list().getItems());
            case "Pod" -> json(client.pods().inAnyNamespace().list().getItems());
            case "Deployment" -> json(client.apps().deployments().inAnyNamespace().list().getItems());
            case "StatefulSet" -> json(client.apps().statefulSets().inAnyNamespace().list().getItems());
            case "DaemonSet" -> json(client.apps().daemonSets().inAnyNamespace().list().getItems());
            case "ReplicaSet" -> json(client.apps().replicaSets().inAnyNamespace().list().getItems());
            case "Job" -> json(client.batch().v1().jobs().inAnyNamespace().list().getItems());
            case "CronJob" -> json(client.batch().v1().cronjobs().inAnyNamespace().list().getItems());
            case "Service" -> json(client.services().inAnyNamespace().list().getItems());
            case "NetworkPolicy" -> json(client.network().v1().networkPolicies().inAnyNamespace().list().getItems());
            case "RoleBinding" -> json(client.rbac().roleBindings().inAnyNamespace().list().getItems());
            case "ClusterRoleBinding" -> json(client.rbac().clusterRoleBindings().list().getItems());
            case "Role" -> json(client.rbac().roles().inAnyNamespace().list().getItems());
            case "ClusterRole" -> json(client.rbac().clusterRoles().list().getItems());
            case "PeerAuthentication" -> peerAuthenticationsEverywhere();
            default -> throw new IllegalArgumentException("the posture report does not list " + kind);
        });
    }

    private List<JsonNode> peerAuthenticationsEverywhere() {
        try {
            List<GenericKubernetesResource> items = client.genericKubernetesResources(PEER_AUTHENTICATION)
                    .inAnyNamespace().list().getItems();
            return json(items);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private <T extends HasMetadata> List<JsonNode> json(List<T> items) {
        List<JsonNode> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(json(item));
        }
        return out;
    }

    private JsonNode json(HasMetadata item) {
        return mapper.valueToTree(item);
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new ClusterUnavailableException("the Kubernetes API could not " + what + ": "
                    + (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "") + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            if (e instanceof ClusterUnavailableException || e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new ClusterUnavailableException("the Kubernetes API could not " + what + ": " + firstLine(
                    String.valueOf(e.getMessage())), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
