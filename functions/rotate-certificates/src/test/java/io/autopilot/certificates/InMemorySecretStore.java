package io.autopilot.certificates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** A {@link SecretStore} with the API server's optimistic concurrency: an update carrying a stale resourceVersion is a 409. */
class InMemorySecretStore implements SecretStore {

    private final Map<String, Secret> secrets = new TreeMap<>();
    private long version = 100;
    /** Runs just before the next update is applied: lets a test change the Secret "concurrently". */
    Consumer<InMemorySecretStore> beforeNextUpdate;
    int updates;
    int conflicts;

    synchronized Secret put(Secret secret) {
        Secret stored = new SecretBuilder(secret).editMetadata().withResourceVersion(Long.toString(++version))
                .endMetadata().build();
        secrets.put(key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()), stored);
        return stored;
    }

    @Override
    public synchronized Secret get(String namespace, String name) {
        Secret s = secrets.get(key(namespace, name));
        return s == null ? null : new SecretBuilder(s).build();
    }

    @Override
    public synchronized List<Secret> listTls(String namespace) {
        List<Secret> out = new ArrayList<>();
        secrets.forEach((k, s) -> {
            if (s.getMetadata().getNamespace().equals(namespace) && Annotations.TLS_TYPE.equals(s.getType())) {
                out.add(new SecretBuilder(s).build());
            }
        });
        return out;
    }

    @Override
    public Secret update(Secret secret) {
        Consumer<InMemorySecretStore> hook;
        synchronized (this) {
            hook = beforeNextUpdate;
            beforeNextUpdate = null;
        }
        if (hook != null) {
            hook.accept(this);
        }
        synchronized (this) {
            Secret current = secrets.get(key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()));
            if (current == null || !current.getMetadata().getResourceVersion().equals(secret.getMetadata().getResourceVersion())) {
                conflicts++;
                throw new Conflict("409");
            }
            updates++;
            return put(secret);
        }
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
