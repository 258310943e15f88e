package io.autopilot.certificates;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * fabric8's mock Kubernetes API server for {@code @QuarkusTest}s: no real API server can run here (no container
 * engine, no cluster). This does what {@code @WithKubernetesTestServer} of quarkus-test-kubernetes-client does (that
 * artifact is not served at 3.34.1): start the server and point the Quarkus client at it. Arg {@code crud=true}: the
 * server keeps the objects written to it, with resourceVersion checks (CRUD mode); {@code crud=false}: it answers
 * only what the test expects (to script 409s and 5xx).
 */
public class MockKubernetes implements QuarkusTestResourceLifecycleManager {

    static KubernetesMockServer server;
    private boolean crud = true;

    @Override
    public void init(Map<String, String> initArgs) {
        crud = !"false".equals(initArgs.get("crud"));
    }

    @Override
    public Map<String, String> start() {
        server = crud
                ? new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                        new KubernetesCrudDispatcher(List.of()), false)
                : new KubernetesMockServer(false);
        server.init();
        try (NamespacedKubernetesClient client = server.createClient()) {
            return Map.of("quarkus.kubernetes-client.api-server-url", client.getConfiguration().getMasterUrl(),
                    "quarkus.kubernetes-client.trust-certs", "true",
                    "quarkus.kubernetes-client.namespace", "autopilot");
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    static NamespacedKubernetesClient client() {
        return server.createClient();
    }
}
