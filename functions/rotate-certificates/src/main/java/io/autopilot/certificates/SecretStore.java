package io.autopilot.certificates;

import java.util.List;

import io.fabric8.kubernetes.api.model.Secret;

/** The Secrets this function reads and writes; the Kubernetes API in a cluster, a map in unit tests. */
public interface SecretStore {

    /** The Secret as stored now, or null when there is none. */
    Secret get(String namespace, String name);

    /** Every {@code kubernetes.io/tls} Secret of a namespace. */
    List<Secret> listTls(String namespace);

    /**
     * Writes a changed Secret if nobody changed it since it was read: the write carries the read's
     * {@code resourceVersion}, and the API server refuses it with 409 otherwise.
     *
     * @throws Conflict when the Secret changed in between; the caller re-reads and decides again
     */
    Secret update(Secret secret);

    /** Someone else changed the Secret since we read it (HTTP 409). */
    final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The API server cannot be reached or keeps failing (5xx, I/O); retrying later may work (HTTP 503 to our caller). */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
