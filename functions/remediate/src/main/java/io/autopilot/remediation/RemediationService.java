package io.autopilot.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.ApprovalGrant;
import io.autopilot.events.ApprovalRequest;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.RemediationDecision;
import io.autopilot.events.RolloutAnalysisRequest;
import io.autopilot.events.RolloutJudgement;
import io.autopilot.events.http.EventSink;
import io.autopilot.remediation.judge.CanaryJudge;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Decides what to do about each event and says so with an event: finds the playbook, runs the guardrails in a fixed
 * order (already decided? alert resolved? approval needed? cooldown, rate limit, target readable, blast radius),
 * then acts or rehearses (dry-run, the default) through {@link KubernetesActions}. Every outcome is an event with the
 * facts: {@code io.autopilot.remediation.executed} or {@code .refused}, plus {@code io.autopilot.approval.requested}
 * when a human must say yes first. The canary path judges and emits {@code io.autopilot.rollout.judged}, then aborts
 * or promotes through the same guardrails. A redelivered event re-sends the same decisions (same ids) and acts no
 * second time.
 */
@ApplicationScoped
public class RemediationService {

    private static final Logger LOG = Logger.getLogger(RemediationService.class);
    private static final int REMEMBERED = 10_000;

    @Inject
    EventSink sink;

    @Inject
    ObjectMapper mapper;

    @Inject
    KubernetesClient kubernetes;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "autopilot.remediate.dry-run", defaultValue = "true")
    boolean dryRun;

    @ConfigProperty(name = "autopilot.remediate.playbooks-file")
    Optional<String> playbooksFile;

    @ConfigProperty(name = "autopilot.remediate.approval-actions", defaultValue = "rollback,cordon")
    List<String> approvalActions;

    @ConfigProperty(name = "autopilot.remediate.rate-limit-max", defaultValue = "3")
    int rateLimitMax;

    @ConfigProperty(name = "autopilot.remediate.rate-limit-window", defaultValue = "1h")
    Duration rateLimitWindow;

    @ConfigProperty(name = "autopilot.remediate.cooldown", defaultValue = "10m")
    Duration cooldown;

    @ConfigProperty(name = "autopilot.remediate.blast-radius", defaultValue = "0.5")
    double blastRadius;

    @ConfigProperty(name = "autopilot.remediate.prometheus-url", defaultValue = "http://127.0.0.1:9090")
    String prometheusUrl;

    @ConfigProperty(name = "autopilot.remediate.prometheus-timeout", defaultValue = "10s")
    Duration prometheusTimeout;

    private Playbooks playbooks;
    private KubernetesActions actions;
    private final Guardrails guardrails = new Guardrails();
    /** Alert fingerprint to the startsAt of the episode that resolved. */
    private final Map<String, String> resolvedEpisodes = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, List<CloudEventEnvelope>> decided = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<CloudEventEnvelope>> eldest) {
                    return size() > REMEMBERED;
                }
            });

    private record Pending(Incident incident, Playbook playbook, String approvalId) {
    }

    @PostConstruct
    void init() {
        playbooks = Playbooks.load(playbooksFile);
        actions = new KubernetesActions(kubernetes);
        LOG.infof("remediate: %d playbooks, dry-run %s", playbooks.all().size(), dryRun);
    }

    public Playbooks playbooks() {
        return playbooks;
    }

    /** Handles one event; returns the events it emitted (already handed to the sink). */
    public List<CloudEventEnvelope> handle(String type, String source, String id, JsonNode data) {
        String causeKey = type + "\n" + source + "\n" + id;
        List<CloudEventEnvelope> earlier = decided.get(causeKey);
        if (earlier != null) {
            earlier.forEach(sink::send); // a redelivery: the same events again, no second effect
            registry.counter("autopilot.remediate.duplicates").increment();
            return earlier;
        }
        List<CloudEventEnvelope> out = switch (type) {
            case EventTypes.ALERT_RESOLVED -> resolved(data);
            case EventTypes.APPROVAL_GRANTED -> granted(source, id, data);
            case EventTypes.ROLLOUT_ANALYSIS_REQUESTED -> analyse(type, source, id, data);
            case EventTypes.ALERT_FIRING, EventTypes.ANOMALY_DETECTED, EventTypes.APISERVER_RESOURCE_ADD,
                    EventTypes.APISERVER_RESOURCE_UPDATE, EventTypes.SCALING_RECOMMENDED -> incident(type, source, id,
                            data);
            default -> throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type",
                    "remediate does not handle " + type));
        };
        decided.put(causeKey, out);
        out.forEach(sink::send);
        out.forEach(e -> registry.counter("autopilot.remediate.emitted", "type", e.type()).increment());
        return out;
    }

    private List<CloudEventEnvelope> incident(String type, String source, String id, JsonNode data) {
        Optional<Incident> read = Incidents.read(type, source, id, data);
        if (read.isEmpty()) {
            return List.of();
        }
        Incident incident = read.get();
        if (EventTypes.ALERT_FIRING.equals(type) && incident.fingerprint() != null) {
            String startsAt = String.valueOf(incident.facts().get("startsAt"));
            String resolvedStart = resolvedEpisodes.get(incident.fingerprint());
            if (resolvedStart != null && !resolvedStart.equals(startsAt)) {
                resolvedEpisodes.remove(incident.fingerprint()); // a new episode of the same alert
                guardrails.firing(incident.fingerprint());
            }
        }
        if (EventTypes.SCALING_RECOMMENDED.equals(type) && !incident.autoApply()) {
            return List.of(); // the workload did not opt in to automatic application
        }
        Optional<Playbook> playbook = playbooks.match(incident);
        if (playbook.isEmpty()) {
            registry.counter("autopilot.remediate.unmatched", "type", type).increment();
            return List.of();
        }
        return decide(incident, playbook.get(), null);
    }

    private List<CloudEventEnvelope> resolved(JsonNode data) {
        String fingerprint = data == null ? null : Incidents.text(data, "fingerprint");
        if (fingerprint == null) {
            throw new ProblemException(ProblemTypes.invalidField("/fingerprint",
                    "a resolved alert needs its fingerprint (what remediate tracks)"));
        }
        guardrails.resolved(fingerprint);
        resolvedEpisodes.put(fingerprint, String.valueOf(Incidents.text(data, "startsAt")));
        List<CloudEventEnvelope> out = new ArrayList<>();
        for (var it = pending.entrySet().iterator(); it.hasNext();) {
            Pending p = it.next().getValue();
            if (fingerprint.equals(p.incident().fingerprint())) {
                it.remove();
                out.add(refusal(p.incident(), p.playbook(), "alert-resolved", "the alert " + fingerprint
                        + " resolved before approval " + p.approvalId() + " was granted; nothing done",
                        Map.of("fingerprint", fingerprint), p.approvalId(), "resolved-" + p.approvalId()));
            }
        }
        return out;
    }

    private List<CloudEventEnvelope> granted(String source, String id, JsonNode data) {
        ApprovalGrant grant = bind(data, ApprovalGrant.class);
        if (grant.approvalId() == null || grant.approvalId().isBlank()) {
            throw new ProblemException(ProblemTypes.invalidField("/approvalId", "a grant names its approvalId"));
        }
        Pending p = pending.remove(grant.approvalId());
        if (p == null) {
            return List.of(); // not one of ours (check-budget asks too), or already acted on
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("approver", grant.approver());
        extra.put("grantedAt", String.valueOf(grant.grantedAt()));
        return decide(p.incident(), p.playbook(), new Approval(grant.approvalId(), extra));
    }

    private record Approval(String approvalId, Map<String, Object> facts) {
    }

    /** The guardrails, in order, then the action. */
    List<CloudEventEnvelope> decide(Incident incident, Playbook p, Approval approval) {
        Instant now = Instant.now();
        String salt = approval == null ? "" : approval.approvalId();
        Target target = incident.target();
        if (target == null) {
            return List.of(refusal(incident, p, "no-target", "the " + incident.kind()
                    + " names no namespace with a deployment, pod, rollout or node label", Map.of(), null, salt));
        }
        if (guardrails.isResolved(incident.fingerprint())) {
            return List.of(refusal(incident, p, "alert-resolved", "the alert " + incident.fingerprint()
                    + " has resolved; nothing done", Map.of("fingerprint", incident.fingerprint()), null, salt));
        }
        boolean needsApproval = Boolean.TRUE.equals(p.requireApproval())
                || (p.requireApproval() == null && approvalActions.contains(p.action()));
        if (needsApproval && approval == null) {
            String approvalId = EventIds.derive(p.name(), p.action(), target.key(),
                    incident.fingerprint() != null ? incident.fingerprint() : incident.reason());
            pending.put(approvalId, new Pending(incident, p, approvalId));
            ApprovalRequest request = new ApprovalRequest(approvalId, p.action(), target.key(),
                    "playbook " + p.name() + ": " + incident.reason(), incident.facts(), now);
            CloudEventEnvelope ask = envelope(EventIds.derive(approvalId, "requested"), EventTypes.APPROVAL_REQUESTED,
                    approvalId, request);
            return List.of(ask, refusal(incident, p, "approval-required", "action " + p.action()
                    + " needs approval " + approvalId + "; asked", Map.of(), approvalId, salt));
        }
        Duration window = p.rateLimitWindowSeconds() == null ? rateLimitWindow
                : Duration.ofSeconds(p.rateLimitWindowSeconds());
        Duration cool = p.cooldownSeconds() == null ? cooldown : Duration.ofSeconds(p.cooldownSeconds());
        int max = p.rateLimitMax() == null ? rateLimitMax : p.rateLimitMax();
        String approvalId = approval == null ? null : approval.approvalId();
        Guardrails.Verdict rate = guardrails.check(target.key(), now, max, window, cool);
        Map<String, Object> measured = new LinkedHashMap<>(rate.facts());
        if (approval != null) {
            measured.putAll(approval.facts());
        }
        if (!rate.allowed()) {
            return List.of(refusal(incident, p, rate.guardrail(), rate.reason(), measured, approvalId, salt));
        }
        KubernetesActions.Measure m;
        try {
            m = actions.measure(target, p);
        } catch (KubernetesActions.NotFound e) {
            return List.of(refusal(incident, p, "target-not-found", e.getMessage(), measured, approvalId, salt));
        } catch (KubernetesActions.Unavailable | io.fabric8.kubernetes.client.KubernetesClientException e) {
            return List.of(refusal(incident, p, "kubernetes-unavailable", "cannot read " + target.key() + ": "
                    + e.getMessage(), measured, approvalId, salt));
        } catch (IllegalArgumentException e) {
            return List.of(refusal(incident, p, "not-applicable", e.getMessage(), measured, approvalId, salt));
        }
        double allowed = p.blastRadius() == null ? blastRadius : p.blastRadius();
        Guardrails.Verdict blast = Guardrails.blastRadius(m.share(), allowed, m.facts());
        measured.putAll(blast.facts());
        if (!blast.allowed()) {
            return List.of(refusal(incident, p, blast.guardrail(), blast.reason(), measured, approvalId, salt));
        }
        guardrails.record(target.key(), now);
        Map<String, Object> change;
        String outcome;
        if (dryRun) {
            change = Map.of("planned", p.action() + " " + target.key());
            outcome = RemediationDecision.DRY_RUN;
        } else {
            try {
                change = actions.execute(target, p, incident, now);
                outcome = RemediationDecision.EXECUTED;
            } catch (KubernetesActions.NotFound e) {
                return List.of(refusal(incident, p, "target-not-found", e.getMessage(), measured, approvalId, salt));
            } catch (RuntimeException e) {
                return List.of(refusal(incident, p, "kubernetes-unavailable", "the action failed: " + e.getMessage(),
                        measured, approvalId, salt));
            }
        }
        RemediationDecision d = new RemediationDecision(decisionId(incident, p, salt), p.name(), p.action(), wire(target), outcome, dryRun, null,
                (dryRun ? "would " : "") + p.action() + " " + target.key() + " for " + incident.reason(),
                facts(incident, measured), change, cause(incident), approvalId, now);
        return List.of(envelope(d.decisionId(), EventTypes.REMEDIATION_EXECUTED, target.key(), d));
    }

    private CloudEventEnvelope refusal(Incident incident, Playbook p, String guardrail, String reason,
            Map<String, Object> measured, String approvalId, String salt) {
        Target target = incident.target();
        RemediationDecision d = new RemediationDecision(decisionId(incident, p, salt + guardrail), p.name(), p.action(), wire(target),
                RemediationDecision.REFUSED, dryRun, guardrail, reason, facts(incident, measured), Map.of(), cause(incident),
                approvalId, Instant.now());
        registry.counter("autopilot.remediate.refused", "guardrail", guardrail).increment();
        return envelope(d.decisionId(), EventTypes.REMEDIATION_REFUSED, target == null ? incident.reason()
                : target.key(), d);
    }

    // --- the canary path -------------------------------------------------------------------------

    private List<CloudEventEnvelope> analyse(String type, String source, String id, JsonNode data) {
        RolloutAnalysisRequest request = bind(data, RolloutAnalysisRequest.class);
        CanaryAnalysis.validate(request);
        CanaryAnalysis.Outcome outcome;
        try {
            outcome = new CanaryAnalysis(new PrometheusClient(prometheusUrl, mapper, prometheusTimeout))
                    .run(request, Instant.now());
        } catch (PrometheusClient.PrometheusException e) {
            if (e.badQuery()) {
                throw new ProblemException(ProblemTypes.invalidField("/metrics", e.getMessage()));
            }
            throw new ProblemException(ProblemTypes.unavailable(e.getMessage()));
        }
        CanaryJudge.RunResult run = outcome.run();
        String kind = request.rollout().kind() == null ? "Rollout" : request.rollout().kind();
        Target target = new Target(request.rollout().namespace(), kind, request.rollout().name());
        List<CloudEventEnvelope> out = new ArrayList<>();
        Map<String, Object> action = new LinkedHashMap<>();
        String act = null;
        if (CanaryJudge.FAIL.equals(run.verdict()) && !"none".equals(request.onFail())) {
            act = "Rollout".equals(kind) ? "abort-rollout" : "rollback";
        } else if (CanaryJudge.PASS.equals(run.verdict()) && "promote".equals(request.onPass())) {
            act = "Rollout".equals(kind) ? "promote-rollout" : null;
        }
        if (act != null) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("analysisId", request.analysisId());
            facts.put("verdict", run.verdict());
            facts.put("score", run.score());
            for (CanaryJudge.MetricResult r : run.metrics()) {
                facts.put(r.name() + ".verdict", r.verdict());
                facts.put(r.name() + ".pValue", r.pValue());
                facts.put(r.name() + ".effectSize", r.effectSize());
            }
            Incident incident = new Incident(type, source, id, "canary " + run.verdict(), Map.of(), kind, target,
                    facts, null, null, false);
            // the judge's own decision: no approval asked (the request said what to do), the other guardrails hold
            Playbook p = new Playbook("canary-judge", List.of(), List.of(), List.of(), Map.of(), act, null, null,
                    false, null, null, 0, 1.0);
            List<CloudEventEnvelope> decisions = decide(incident, p, null);
            out.addAll(decisions);
            CloudEventEnvelope d = decisions.get(decisions.size() - 1);
            RemediationDecision decision = read(d, RemediationDecision.class);
            action.put("kind", act);
            action.put("outcome", decision.outcome());
            action.put("guardrail", decision.guardrail());
            action.put("decisionId", decision.decisionId());
        } else {
            action.put("kind", "none");
            action.put("outcome", CanaryJudge.INCONCLUSIVE.equals(run.verdict())
                    ? "paused: inconclusive needs a human (" + run.reason() + ")" : "nothing to do");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("confidence", outcome.settings().confidence());
        settings.put("marginalConfidence", outcome.settings().marginalConfidence());
        settings.put("tolerance", outcome.settings().tolerance());
        settings.put("passScore", outcome.settings().passScore());
        settings.put("marginalScore", outcome.settings().marginalScore());
        settings.put("noDataPolicy", outcome.settings().noData().name().toLowerCase(java.util.Locale.ROOT));
        RolloutJudgement judgement = new RolloutJudgement(request.analysisId(), request.rollout(), run.verdict(),
                run.score(), run.reason(), run.metrics().stream().map(m -> mapper.convertValue(m,
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                        })).toList(), outcome.queries(), outcome.window(), settings, action,
                Instant.now());
        out.add(0, envelope(EventIds.derive(source, id, "judged"), EventTypes.ROLLOUT_JUDGED,
                request.rollout().namespace() + "/" + request.rollout().name(), judgement));
        return out;
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static RemediationDecision.Target wire(Target t) {
        return t == null ? null : new RemediationDecision.Target(t.namespace(), t.kind(), t.name());
    }

    private static String decisionId(Incident incident, Playbook p, String salt) {
        return EventIds.derive(incident.source(), incident.id(), p.name(), salt);
    }

    private static Map<String, Object> facts(Incident incident, Map<String, Object> measured) {
        Map<String, Object> f = new LinkedHashMap<>();
        incident.facts().forEach((k, v) -> {
            if (v != null) {
                f.put(k, v);
            }
        });
        measured.forEach((k, v) -> {
            if (v != null) {
                f.put(k, v);
            }
        });
        return f;
    }

    private static Map<String, String> cause(Incident incident) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("type", incident.type());
        c.put("source", incident.source());
        c.put("id", incident.id());
        if (incident.fingerprint() != null) {
            c.put("fingerprint", incident.fingerprint());
        }
        return c;
    }

    private CloudEventEnvelope envelope(String id, String type, String subject, Object payload) {
        try {
            return CloudEventEnvelope.json(id, type, EventSources.REMEDIATE, subject, Instant.now().toString(),
                    Map.of(), mapper.writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type, e);
        }
    }

    private <T> T read(CloudEventEnvelope e, Class<T> type) {
        try {
            return mapper.readValue(e.data(), type);
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private <T> T bind(JsonNode data, Class<T> type) {
        if (data == null || !data.isObject()) {
            throw new ProblemException(ProblemTypes.invalidField("", "the data must be a JSON object"));
        }
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException jm
                    ? jm.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                            : String.valueOf(r.getIndex())).reduce("", (a, b) -> a + "/" + b)
                    : "";
            throw new ProblemException(ProblemTypes.invalidField(path, e.getOriginalMessage()));
        }
    }
}
