package io.autopilot.events.testing;

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
 * fabric8's mock Kubernetes API server in CRUD mode (it stores what is created and reads, patches and lists it back),
 * on loopback, for a {@code @QuarkusTest}: no real API server can run here. It is the server
 * {@code @WithKubernetesTestServer(crud = true)} starts, started by hand because quarkus-test-kubernetes-client is not
 * served at this Quarkus version. The custom resources functions act on are registered: Istio's PeerAuthentication
 * (check-compliance) and Argo Rollouts (remediate). Tests seed and inspect objects through {@link #client()}.
 */
public class MockKubernetes implements QuarkusTestResourceLifecycleManager {

    public static final CustomResourceDefinitionContext PEER_AUTHENTICATION = new CustomResourceDefinitionContext.Builder()
            .withGroup("security.istio.io").withVersion("v1").withPlural("peerauthentications")
            .withKind("PeerAuthentication").withScope("Namespaced").build();

    public static final CustomResourceDefinitionContext ROLLOUT = new CustomResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Rollout").withPlural("rollouts")
            .withScope("Namespaced").build();

    private static KubernetesMockServer server;
    private static NamespacedKubernetesClient client;

    /** A client of the mock server, for tests to seed objects and read what the function did. */
    public static NamespacedKubernetesClient client() {
        return client;
    }

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of(PEER_AUTHENTICATION)), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        server.expectCustomResource(ROLLOUT);
        client = server.createClient();
        // fabric8's own system properties: the Quarkus client reads them when it is created at run time
        // (quarkus.kubernetes-client.api-server-url is fixed at build time, so it cannot point at a per-run port)
        Map<String, String> props = Map.of("kubernetes.master", client.getMasterUrl().toString(),
                "kubernetes.trust.certificates", "true", "kubernetes.auth.tryKubeConfig", "false",
                "kubernetes.auth.tryServiceAccount", "false", "kubernetes.namespace", "default");
        props.forEach(System::setProperty);
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
