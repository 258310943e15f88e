package io.autopilot.certificates;

import java.util.List;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * {@link SecretStore} over the Kubernetes API (fabric8). 409 becomes {@link SecretStore.Conflict}; 5xx and I/O errors
 * are retried a few times with a short backoff, then become {@link SecretStore.Unavailable} naming the API server.
 * Log lines name Secrets and status codes, never their data.
 */
public final class KubernetesSecretStore implements SecretStore {

    private static final Logger LOG = Logger.getLogger(KubernetesSecretStore.class);

    private final KubernetesClient client;
    private final long[] backoffMillis;

    /** @param retries extra attempts after a 5xx or I/O failure (0 = none) */
    public KubernetesSecretStore(KubernetesClient client, int retries) {
        this.client = client;
        this.backoffMillis = new long[retries + 1];
        for (int i = 1; i <= retries; i++) {
            backoffMillis[i] = 100L << (2 * (i - 1)); // 100, 400, 1600 ms
        }
    }

    @Override
    public Secret get(String namespace, String name) {
        return call("get " + namespace + "/" + name, () -> client.secrets().inNamespace(namespace).withName(name).get());
    }

    @Override
    public List<Secret> listTls(String namespace) {
        return call("list TLS Secrets in " + namespace, () -> client.secrets().inNamespace(namespace)
                .withField("type", Annotations.TLS_TYPE).list().getItems());
    }

    @Override
    public Secret update(Secret secret) {
        String what = "update " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        return call(what, () -> client.secrets().inNamespace(secret.getMetadata().getNamespace()).resource(secret)
                .update());
    }

    private <T> T call(String what, java.util.function.Supplier<T> request) {
        KubernetesClientException last = null;
        for (long backoff : backoffMillis) {
            sleep(backoff);
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    throw new Conflict(what + ": the Secret changed since it was read (409 Conflict)");
                }
                if (e.getCode() == 404 && what.startsWith("get")) {
                    return null;
                }
                if (e.getCode() >= 400 && e.getCode() < 500) {
                    throw e;
                }
                last = e;
                LOG.warnf("%s failed with %s, %s", what, e.getCode() < 400 ? "an I/O error" : "HTTP " + e.getCode(),
                        backoff == backoffMillis[backoffMillis.length - 1] ? "giving up" : "retrying");
            }
        }
        String server = client.getConfiguration().getMasterUrl();
        throw new Unavailable("the Kubernetes API server " + server + " is unavailable: " + what + " failed ("
                + (last.getCode() < 400 ? "unreachable: " + rootMessage(last) : "HTTP " + last.getCode()) + ")", last);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
