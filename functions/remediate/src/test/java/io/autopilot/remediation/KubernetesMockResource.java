package io.autopilot.remediation;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * fabric8's mock Kubernetes API server in CRUD mode (objects created through it can be read, patched and listed back;
 * no real API server runs here), started on a loopback port for a {@code @QuarkusTest} and handed to the app as
 * fabric8's {@code kubernetes.master}. Argo Rollouts are registered as a custom resource. Tests seed and
 * inspect objects through {@link #client()}.
 */
public class KubernetesMockResource implements QuarkusTestResourceLifecycleManager {

    private static KubernetesMockServer server;
    private static NamespacedKubernetesClient client;

    public static NamespacedKubernetesClient client() {
        return client;
    }

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("argoproj.io")
                .withVersion("v1alpha1").withKind("Rollout").withPlural("rollouts").withScope("Namespaced").build());
        client = server.createClient();
        // fabric8's own system properties: Quarkus fixes quarkus.kubernetes-client.* at build time, and the client it
        // builds starts from fabric8's auto-configuration, which reads these
        System.setProperty("kubernetes.master", server.url("/"));
        System.setProperty("kubernetes.trust.certificates", "true");
        System.setProperty("kubernetes.namespace", "default");
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        return Map.of();
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }
}
