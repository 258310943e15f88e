package io.autopilot.compliance;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What some checks must read besides the object in the event: a namespace's NetworkPolicies and PeerAuthentications,
 * the Role a binding grants. Objects come back as JSON, as the API serves them. Implementations throw
 * {@link ClusterUnavailableException} when the API cannot be read, never answer "nothing" instead.
 */
public interface ClusterView {

    List<JsonNode> networkPolicies(String namespace);

    /** Istio {@code security.istio.io/v1} PeerAuthentications in the namespace; empty when Istio is not installed. */
    List<JsonNode> peerAuthentications(String namespace);

    /** A Role (namespace non-null) or ClusterRole (namespace null), if it exists. */
    Optional<JsonNode> role(String namespace, String name);

    /** Every object of a kind the posture report covers, cluster-wide. */
    List<JsonNode> list(String kind);

    /** Raised when the Kubernetes API cannot answer; the function turns it into a retryable 503. */
    final class ClusterUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ClusterUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
