package io.autopilot.compliance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.ComplianceFinding;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.ResourceRef;
import io.autopilot.events.http.EventSink;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns one incoming event into compliance events: an ApiServerSource add/update re-evaluates the object's scopes and
 * emits what opened and what was resolved, a delete resolves everything the object had open, the ping evaluates the
 * whole cluster, reconciles the tracker and emits the posture. Events go to the sink; the tracker moves only after the
 * sink took them, so a retried input yields the same events with the same ids (never fewer).
 */
@ApplicationScoped
public class ComplianceService {

    private final EventSink sink;
    private final ObjectMapper mapper;
    private final ClusterView cluster;
    private final MeterRegistry registry;
    private final ResourceChecks checks;
    private final FindingTracker tracker;
    private final String clusterName;

    @Inject
    ComplianceService(EventSink sink, ObjectMapper mapper, ClusterView cluster, MeterRegistry registry,
            @ConfigProperty(name = "autopilot.check-compliance.excluded-namespaces",
                    defaultValue = "kube-system,kube-public,kube-node-lease") Set<String> excluded,
            @ConfigProperty(name = "autopilot.check-compliance.allowed-cluster-admins",
                    defaultValue = "Group:system:masters") Set<String> admins,
            @ConfigProperty(name = "autopilot.check-compliance.mesh-root-namespace",
                    defaultValue = "istio-system") String meshRoot,
            @ConfigProperty(name = "autopilot.check-compliance.max-tracked-scopes", defaultValue = "50000") int maxScopes,
            @ConfigProperty(name = "autopilot.check-compliance.cluster-name", defaultValue = "default") String clusterName) {
        this.sink = sink;
        this.mapper = mapper;
        this.cluster = cluster;
        this.registry = registry;
        this.checks = new ResourceChecks(new ResourceChecks.Settings(excluded, admins, meshRoot));
        this.tracker = new FindingTracker(maxScopes);
        this.clusterName = clusterName;
    }

    /** The cause of the events we emit: its source and id make our ids, its time our observation time. */
    public record Cause(String type, String source, String id, OffsetDateTime time) {
        Instant at() {
            return time == null ? Instant.now() : time.toInstant();
        }
    }

    public synchronized List<CloudEventEnvelope> handle(Cause cause, JsonNode data) {
        try {
            return switch (cause.type()) {
                case EventTypes.PING -> posture(cause);
                case EventTypes.APISERVER_RESOURCE_ADD, EventTypes.APISERVER_RESOURCE_UPDATE -> changed(cause, data);
                case EventTypes.APISERVER_RESOURCE_DELETE -> deleted(cause, data);
                default -> throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type",
                        "check-compliance accepts " + EventTypes.APISERVER_RESOURCE_ADD + "|update|delete and "
                                + EventTypes.PING + ", not " + cause.type()));
            };
        } catch (ClusterView.ClusterUnavailableException e) {
            throw new ProblemException(ProblemTypes.unavailable(e.getMessage()));
        }
    }

    private List<CloudEventEnvelope> changed(Cause cause, JsonNode object) {
        String kind = requireObject(object);
        if (!ResourceChecks.KINDS.contains(kind)) {
            return List.of(); // a source watching more than we check: acknowledged, nothing to say
        }
        List<FindingTracker.Diff> diffs = new ArrayList<>();
        for (ResourceChecks.Scoped scoped : checks.evaluate(object, cause.at(), cluster)) {
            diffs.add(tracker.diff(scoped.scope(), scoped.findings()));
        }
        return emit(cause, diffs, ResourceRef.of(object), "fixed");
    }

    private List<CloudEventEnvelope> deleted(Cause cause, JsonNode object) {
        String kind = requireObject(object);
        if (!ResourceChecks.KINDS.contains(kind)) {
            return List.of();
        }
        ResourceRef ref = ResourceRef.of(object);
        List<FindingTracker.Diff> diffs = new ArrayList<>();
        for (String scope : tracker.scopesOf(ref.key())) {
            diffs.add(tracker.diff(scope, List.of()));
        }
        List<CloudEventEnvelope> out = emit(cause, diffs, ref, "deleted");
        if (kind.equals("NetworkPolicy")) {
            // the namespace may have lost its default deny: judge it again from what the API holds now
            out = new ArrayList<>(out);
            out.addAll(changed(cause, object));
        }
        return out;
    }

    private List<CloudEventEnvelope> posture(Cause cause) {
        PostureReport.Result result = new PostureReport(checks).evaluate(clusterName, cluster, cause.at());
        List<FindingTracker.Diff> diffs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ResourceChecks.Scoped scoped : result.scopes()) {
            seen.add(scoped.scope());
            diffs.add(tracker.diff(scoped.scope(), scoped.findings()));
        }
        for (String scope : tracker.scopes()) {
            if (!seen.contains(scope)) {
                diffs.add(tracker.diff(scope, List.of())); // the object is gone from the cluster
            }
        }
        List<CloudEventEnvelope> out = new ArrayList<>(emit(cause, diffs, null, "fixed"));
        CloudEventEnvelope posture = event(EventIds.derive(cause.source(), cause.id(), "posture"),
                EventTypes.COMPLIANCE_POSTURE, clusterName, result.posture().generatedAt(), result.posture());
        sink.send(posture);
        registry.counter("autopilot.compliance.emitted", "type", EventTypes.COMPLIANCE_POSTURE).increment();
        out.add(posture);
        return out;
    }

    private List<CloudEventEnvelope> emit(Cause cause, List<FindingTracker.Diff> diffs, ResourceRef now,
            String resolution) {
        List<CloudEventEnvelope> out = new ArrayList<>();
        for (FindingTracker.Diff diff : diffs) {
            for (ComplianceFinding f : diff.opened()) {
                out.add(send(event(EventIds.derive(cause.source(), cause.id(), f.findingId(), "finding"),
                        EventTypes.COMPLIANCE_FINDING, f.findingId(), f.observedAt(), f)));
            }
            for (ComplianceFinding f : diff.resolved()) {
                ComplianceFinding resolved = f.resolved(cause.at(), resolution, now);
                out.add(send(event(EventIds.derive(cause.source(), cause.id(), f.findingId(), "resolved"),
                        EventTypes.COMPLIANCE_RESOLVED, f.findingId(), resolved.resolvedAt(), resolved)));
            }
        }
        diffs.forEach(tracker::commit);
        return out;
    }

    private CloudEventEnvelope send(CloudEventEnvelope event) {
        sink.send(event);
        registry.counter("autopilot.compliance.emitted", "type", event.type()).increment();
        return event;
    }

    private CloudEventEnvelope event(String id, String type, String subject, Instant time, Object payload) {
        try {
            return CloudEventEnvelope.json(id, type, EventSources.CHECK_COMPLIANCE, subject,
                    time == null ? null : time.toString(), Map.of(), mapper.writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a finding always serialises", e);
        }
    }

    private static String requireObject(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new ProblemException(ProblemTypes.invalidField("", "the event data must be the Kubernetes object "
                    + "(ApiServerSource Resource mode), a JSON object"));
        }
        JsonNode kind = object.get("kind");
        if (kind == null || !kind.isTextual() || kind.asText().isEmpty()) {
            throw new ProblemException(ProblemTypes.invalidField("/kind", "the object has no kind"));
        }
        if (!object.path("metadata").path("name").isTextual()) {
            throw new ProblemException(ProblemTypes.invalidField("/metadata/name", "the object has no name"));
        }
        return kind.asText();
    }
}
