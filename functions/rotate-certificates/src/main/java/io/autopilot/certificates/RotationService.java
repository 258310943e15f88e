package io.autopilot.certificates;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CertificateExpiry;
import io.autopilot.events.CertificateInventory;
import io.autopilot.events.CertificateRotation;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.http.EventSink;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Binds rotate-certificates' events to {@link CertificateRotator}: which Secret an ApiServerSource event names, when a
 * ping sweeps, where per-certificate events go (the sink) and how API failures answer (503 naming the API server, so
 * the broker retries). Event ids derive from the cause, so a redelivered event yields the same ids.
 */
@ApplicationScoped
public class RotationService {

    private static final Logger LOG = Logger.getLogger(RotationService.class);

    @ConfigProperty(name = "autopilot.rotate-certificates.namespaces", defaultValue = "default")
    List<String> namespaces;

    @ConfigProperty(name = "autopilot.rotate-certificates.issuer-secret", defaultValue = "autopilot/autopilot-pqc-ca")
    String issuerSecret;

    @ConfigProperty(name = "autopilot.rotate-certificates.private-key-encoding", defaultValue = "seed")
    String privateKeyEncoding;

    @ConfigProperty(name = "autopilot.rotate-certificates.expiring-within", defaultValue = "P14D")
    Duration expiringWithin;

    @ConfigProperty(name = "autopilot.rotate-certificates.api-retries", defaultValue = "2")
    int apiRetries;

    @Inject
    KubernetesClient client;

    @Inject
    EventSink sink;

    @Inject
    ObjectMapper mapper;

    @Inject
    RotationClock clock;

    private CertificateRotator rotator;
    private KubernetesClient noRetries;

    @PostConstruct
    void init() {
        PrivateKeyEncoding encoding = PrivateKeyEncoding.byLabel(privateKeyEncoding).orElseThrow(
                () -> new IllegalArgumentException("autopilot.rotate-certificates.private-key-encoding must be seed, "
                        + "expanded or both, not " + privateKeyEncoding));
        // Our own retry policy (KubernetesSecretStore), not fabric8's built-in one on top of it.
        noRetries = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build();
        rotator = new CertificateRotator(new KubernetesSecretStore(noRetries, apiRetries),
                new CertificateRotator.Settings(List.copyOf(namespaces), issuerSecret, encoding, expiringWithin));
    }

    @jakarta.annotation.PreDestroy
    void close() {
        if (noRetries != null) {
            noRetries.close();
        }
    }

    /** An ApiServerSource event about a Secret: the rotation event, or null when nothing was due. */
    public CloudEventEnvelope onSecretEvent(String type, String eventSource, String eventId, JsonNode secret) {
        JsonNode metadata = secret == null ? null : secret.path("metadata");
        if (secret == null || !secret.isObject()) {
            throw new ProblemException(ProblemTypes.invalidField("", "the event data must be the Secret object"));
        }
        if (!"Secret".equals(secret.path("kind").asText())) {
            throw new ProblemException(ProblemTypes.invalidField("/kind", "rotate-certificates handles Secrets, not "
                    + (secret.path("kind").isMissingNode() ? "an object without kind" : secret.path("kind").asText())));
        }
        String namespace = metadata.path("namespace").asText("");
        String name = metadata.path("name").asText("");
        if (namespace.isBlank() || name.isBlank()) {
            throw new ProblemException(ProblemTypes.invalidField(namespace.isBlank() ? "/metadata/namespace"
                    : "/metadata/name", "the Secret's namespace and name are required"));
        }
        if (!rotator.settings().namespaces().contains(namespace)) {
            LOG.debugf("%s/%s: namespace not in scope", namespace, name);
            return null;
        }
        if (EventTypes.APISERVER_RESOURCE_DELETE.equals(type)) {
            // the opt-in annotations went with the Secret: nothing to re-create (cert-manager would, from its
            // Certificate; here the Secret is the request)
            LOG.infof("%s/%s was deleted; nothing to rotate", namespace, name);
            return null;
        }
        CertificateRotator.Outcome outcome = guarded(() -> rotator.handle(namespace, name, clock.now()));
        if (!outcome.rotated()) {
            LOG.debugf("%s/%s: %s", namespace, name, outcome.note());
            return null;
        }
        return rotatedEvent(outcome.rotation(), eventSource, eventId);
    }

    /** A ping: sweep, send rotations and expiry warnings to the sink, answer with the inventory. */
    public CloudEventEnvelope onPing(String eventSource, String eventId) {
        Instant now = clock.now();
        CertificateRotator.Sweep sweep = guarded(() -> rotator.sweep(now));
        for (CertificateRotation rotation : sweep.rotations()) {
            sink.send(rotatedEvent(rotation, eventSource, eventId));
        }
        for (CertificateExpiry expiry : sweep.expiring()) {
            String subject = expiry.namespace() + "/" + expiry.name();
            sink.send(event(EventTypes.CERTIFICATE_EXPIRING, subject, EventIds.derive(eventSource, eventId, "expiring",
                    subject), expiry));
        }
        CertificateInventory inventory = sweep.inventory();
        LOG.infof("swept %s: %d TLS Secrets, %d migrated, %d quantum-vulnerable, %.1f%% migrated, %d rotated",
                String.join(",", inventory.namespaces()), inventory.total(), inventory.migrated(),
                inventory.quantumVulnerable(), inventory.migrationPercent(), sweep.rotations().size());
        return event(EventTypes.CERTIFICATE_INVENTORY, String.join(",", inventory.namespaces()),
                EventIds.derive(eventSource, eventId, "inventory"), inventory);
    }

    private CloudEventEnvelope rotatedEvent(CertificateRotation rotation, String eventSource, String eventId) {
        String subject = rotation.namespace() + "/" + rotation.name();
        // the serial is part of the id: a retry of the same event that rotates again is a different rotation
        return event(EventTypes.CERTIFICATE_ROTATED, subject,
                EventIds.derive(eventSource, eventId, "rotated", subject, rotation.serial()), rotation);
    }

    private CloudEventEnvelope event(String type, String subject, String id, Object payload) {
        try {
            byte[] json = mapper.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
            return CloudEventEnvelope.json(id, type, EventSources.ROTATE_CERTIFICATES, subject,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), null, json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T guarded(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (SecretStore.Unavailable e) {
            LOG.warn(e.getMessage());
            throw new ProblemException(ProblemTypes.unavailable(e.getMessage()));
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            String detail = "the Kubernetes API refused a request: HTTP " + e.getCode()
                    + (e.getCode() == 403 ? " (the ServiceAccount lacks a permission; see knative/rotate-certificates/"
                            + "200-rbac.yaml)" : "");
            LOG.warn(detail);
            throw new ProblemException(ProblemTypes.unavailable(detail));
        }
    }
}
