package io.autopilot.certificates;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

class KubernetesSecretStoreTest {

    /** What the one-process runtime meets: no cluster at all. */
    @Test
    void anUnreachableApiServerIsUnavailableNamingTheServer() {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).withConnectionTimeout(2000)
                .build()).build()) {
            SecretStore.Unavailable e = assertThrows(SecretStore.Unavailable.class,
                    () -> new KubernetesSecretStore(client, 1).get("shop", "web"));
            assertTrue(e.getMessage().startsWith("the Kubernetes API server https://127.0.0.1:1/ is unavailable"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
        }
    }
}
