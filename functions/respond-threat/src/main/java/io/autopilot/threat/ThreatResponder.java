package io.autopilot.threat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.ThreatResponse;
import io.autopilot.events.http.EventSink;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Decides and acts on one authenticated Falco alert: every matching rule (until one says not to continue), every
 * action through the guardrails, then one {@code io.autopilot.threat.responded} event per action with the facts.
 * A redelivered alert (same CloudEvent source and id) re-sends the events of its first handling, with the same ids,
 * and acts no second time.
 */
@ApplicationScoped
public class ThreatResponder {

    private static final Logger LOG = Logger.getLogger(ThreatResponder.class);
    static final String RULES_KEY = "rules.yaml";

    private final EventSink sink;
    private final ObjectMapper mapper;
    private final PodActions actions;
    private final MeterRegistry registry;
    private final RuleSet rules;
    private final Guardrails guardrails;
    private final Clock clock;
    private final Map<String, List<CloudEventEnvelope>> handled;

    @Inject
    ThreatResponder(EventSink sink, ObjectMapper mapper, PodActions actions, MeterRegistry registry,
            @ConfigProperty(name = "autopilot.respond-threat.rules-file") Optional<String> rulesFile,
            @ConfigProperty(name = "autopilot.respond-threat.remembered-alerts", defaultValue = "10000") int remembered) {
        this(sink, mapper, actions, registry, load(rulesFile), Clock.systemUTC(), remembered);
    }

    ThreatResponder(EventSink sink, ObjectMapper mapper, PodActions actions, MeterRegistry registry, RuleSet rules,
            Clock clock, int remembered) {
        this.sink = sink;
        this.mapper = mapper;
        this.actions = actions;
        this.registry = registry;
        this.rules = rules;
        this.clock = clock;
        this.guardrails = new Guardrails(rules.maxActionsPerMinute(), rules.protectedNamespaces(), clock);
        this.handled = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<CloudEventEnvelope>> eldest) {
                return size() > remembered;
            }
        };
    }

    /**
     * The rules file is plain rules YAML, or the ConfigMap manifest that ships it (key {@value #RULES_KEY}), so the
     * same file serves the cluster (mounted ConfigMap data) and one machine (the manifest in the repository).
     */
    static RuleSet load(Optional<String> file) {
        if (file.isEmpty() || file.get().isBlank()) {
            LOG.warn("no autopilot.respond-threat.rules-file: no response rule matches, alerts are only acknowledged");
            return new RuleSet(0, java.util.Set.of("kube-system"), List.of());
        }
        Path path = Path.of(file.get());
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
            if (root != null && "ConfigMap".equals(root.path("kind").asText())) {
                return RuleSet.parse(root.path("data").path(RULES_KEY).asText(""));
            }
            return RuleSet.read(path);
        } catch (IOException e) {
            throw new IllegalStateException("the response rules file " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    public RuleSet rules() {
        return rules;
    }

    public synchronized List<CloudEventEnvelope> respond(String eventSource, String eventId, FalcoAlert alert) {
        validate(alert);
        String key = eventSource + "\n" + eventId;
        List<CloudEventEnvelope> earlier = handled.get(key);
        if (earlier != null) {
            earlier.forEach(sink::send); // the sink may have failed part-way last time; ids make this harmless
            return earlier;
        }
        List<CloudEventEnvelope> out = new ArrayList<>();
        for (ResponseRule rule : rules.rules()) {
            if (!RuleMatcher.matches(rule.match(), alert)) {
                continue;
            }
            Map<String, Object> facts = RuleMatcher.facts(rule, alert, eventSource, eventId);
            for (int i = 0; i < rule.actions().size(); i++) {
                ResponseRule.Action action = rule.actions().get(i);
                ThreatResponse response = decide(rule, action, alert, facts,
                        EventIds.derive(eventSource, eventId, rule.name(), Integer.toString(i)));
                out.add(event(response));
            }
            if (!rule.continueAfter()) {
                break;
            }
        }
        handled.put(key, List.copyOf(out));
        out.forEach(e -> {
            sink.send(e);
            registry.counter("autopilot.threat.responded", "outcome", outcomeOf(e)).increment();
        });
        return out;
    }

    private ThreatResponse decide(ResponseRule rule, ResponseRule.Action action, FalcoAlert alert,
            Map<String, Object> facts, String responseId) {
        String namespace = alert.namespace();
        String pod = alert.pod();
        Instant now = clock.instant();
        Guardrails.Verdict verdict = guardrails.check(rule, action, namespace, pod, rule.dryRun());
        if (!verdict.allowed()) {
            LOG.infof("rule %s: %s refused by %s: %s", rule.name(), action.kind().id(), verdict.guardrail(),
                    verdict.reason());
            return new ThreatResponse(responseId, rule.name(), action.kind().id(), ThreatResponse.REFUSED,
                    verdict.guardrail(), verdict.reason(), namespace, pod, facts, Map.of(), now);
        }
        if (rule.dryRun()) {
            return new ThreatResponse(responseId, rule.name(), action.kind().id(), ThreatResponse.DRY_RUN, null,
                    "dry run: would " + action.kind().id() + " pod " + namespace + "/" + pod
                            + (action.kind() == ResponseRule.Kind.ISOLATE ? " with NetworkPolicy "
                                    + PodActions.networkPolicyName(namespace, pod) : ""),
                    namespace, pod, facts, dryRunDetails(action, namespace, pod), now);
        }
        try {
            Map<String, String> details = actions.perform(action, namespace, pod, alert);
            LOG.infof("rule %s: %s on %s/%s done", rule.name(), action.kind().id(), namespace, pod);
            return new ThreatResponse(responseId, rule.name(), action.kind().id(), ThreatResponse.EXECUTED, null,
                    action.kind().id() + " on pod " + namespace + "/" + pod + " done", namespace, pod, facts, details,
                    now);
        } catch (PodActions.ActionFailedException e) {
            LOG.warnf("rule %s: %s on %s/%s failed: %s", rule.name(), action.kind().id(), namespace, pod,
                    e.getMessage());
            return new ThreatResponse(responseId, rule.name(), action.kind().id(), ThreatResponse.FAILED, null,
                    e.getMessage(), namespace, pod, facts, Map.of(), now);
        }
    }

    private static Map<String, String> dryRunDetails(ResponseRule.Action action, String namespace, String pod) {
        return switch (action.kind()) {
            case ISOLATE -> Map.of("networkPolicy", PodActions.networkPolicyName(namespace, pod));
            case LABEL, ANNOTATE -> PodActions.defaults(action);
            default -> action.parameters();
        };
    }

    private CloudEventEnvelope event(ThreatResponse response) {
        try {
            String subject = response.namespace() != null && response.pod() != null
                    ? response.namespace() + "/" + response.pod() : "unknown";
            return CloudEventEnvelope.json(response.responseId(), EventTypes.THREAT_RESPONDED,
                    EventSources.RESPOND_THREAT, subject, response.decidedAt().toString(),
                    Map.of("outcome", response.outcome().replace("-", "")), mapper.writeValueAsBytes(response));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response always serialises", e);
        }
    }

    private static String outcomeOf(CloudEventEnvelope e) {
        return e.extensions().getOrDefault("outcome", "");
    }

    /** What every alert needs before any rule looks at it. */
    static void validate(FalcoAlert alert) {
        if (alert == null) {
            throw new ProblemException(ProblemTypes.invalidField("", "the data must be a Falco alert (a JSON object)"));
        }
        if (alert.rule() == null || alert.rule().isBlank()) {
            throw new ProblemException(ProblemTypes.invalidField("/rule", "a Falco alert names its rule"));
        }
        try {
            Priority.parse(alert.priority());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemTypes.invalidField("/priority", e.getMessage()));
        }
        if (alert.time() != null) {
            try {
                java.time.OffsetDateTime.parse(alert.time());
            } catch (java.time.format.DateTimeParseException e) {
                throw new ProblemException(ProblemTypes.invalidField("/time", "time must be RFC 3339, got "
                        + alert.time()));
            }
        }
    }
}
