package io.autopilot.remediation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Reads the events remediate consumes into {@link Incident}s. Kubernetes objects come from an ApiServerSource in
 * Resource mode (the whole object in the data): an Event with reason BackOff ("Back-off restarting failed
 * container") is a CrashLoopBackOff, OOMKilling an OOMKilled, Unhealthy a ProbeFailed; a Pod whose container waits in
 * CrashLoopBackOff or last terminated OOMKilled says the same. Returns empty when the object says nothing to act on
 * (a Normal event, a healthy Pod). Pods map to their Deployment by owner reference (ReplicaSet name minus its
 * pod-template hash) or, without one, by the pod name minus its two generated suffixes.
 */
final class Incidents {

    private Incidents() {
    }

    static Optional<Incident> read(String type, String source, String id, JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode() || !data.isObject()) {
            throw new ProblemException(ProblemTypes.invalidField("", type + " needs a JSON object as data"));
        }
        return switch (type) {
            case EventTypes.ALERT_FIRING -> Optional.of(alert(type, source, id, data));
            case EventTypes.ANOMALY_DETECTED -> Optional.of(anomaly(type, source, id, data));
            case EventTypes.APISERVER_RESOURCE_ADD, EventTypes.APISERVER_RESOURCE_UPDATE -> kubernetes(type, source, id,
                    data);
            case EventTypes.SCALING_RECOMMENDED -> Optional.of(recommendation(type, source, id, data));
            default -> throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type",
                    "remediate does not read " + type + " as an incident"));
        };
    }

    static Incident alert(String type, String source, String id, JsonNode data) {
        String fingerprint = text(data, "fingerprint");
        Map<String, String> labels = strings(data.path("labels"));
        if (labels.isEmpty()) {
            throw new ProblemException(ProblemTypes.invalidField("/labels", "an alert needs labels"));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("alertname", labels.get("alertname"));
        facts.put("startsAt", text(data, "startsAt"));
        data.path("annotations").fields().forEachRemaining(e -> facts.put("annotation." + e.getKey(),
                e.getValue().asText()));
        return new Incident(type, source, id, labels.getOrDefault("alertname", "alert"), labels, "Alert",
                targetFromLabels(labels), facts, fingerprint, null, false);
    }

    static Incident anomaly(String type, String source, String id, JsonNode data) {
        Map<String, String> labels = strings(data.path("labels"));
        Map<String, Object> facts = new LinkedHashMap<>();
        data.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                facts.put(e.getKey(), e.getValue().numberValue());
            } else if (e.getValue().isTextual()) {
                facts.put(e.getKey(), e.getValue().asText());
            }
        });
        // score-anomaly's AnomalyScore: the measured and expected values are in its explanation, and an anomaly
        // scored for an alert carries that alert's fingerprint, so a resolved alert also stops its anomaly's actions.
        JsonNode explanation = data.path("explanation");
        for (String field : new String[] { "component", "observed", "expected", "lower", "upper" }) {
            JsonNode value = explanation.path(field);
            if (value.isNumber()) {
                facts.put(field, value.numberValue());
            } else if (value.isTextual()) {
                facts.put(field, value.asText());
            }
        }
        // Playbooks match the metric's name: the series id is "<name>{<labels>}" or a producer's own id.
        String series = Optional.ofNullable(labels.get("__name__"))
                .or(() -> Optional.ofNullable(text(data, "seriesId")).map(s -> s.contains("{")
                        ? s.substring(0, s.indexOf('{')) : s))
                .orElse(text(data, "series"));
        String fingerprint = Optional.ofNullable(text(data.path("alert"), "fingerprint"))
                .orElse(text(data, "fingerprint"));
        return new Incident(type, source, id, series == null ? "anomaly" : series, labels, "Anomaly",
                targetFromLabels(labels), facts, fingerprint, null, false);
    }

    static Incident recommendation(String type, String source, String id, JsonNode data) {
        JsonNode patch = data.path("patch");
        JsonNode w = data.path("workload");
        if (!patch.isObject() || !patch.path("body").isObject()) {
            throw new ProblemException(ProblemTypes.invalidField("/patch/body", "a recommendation needs a patch body"));
        }
        String ns = text(w, "namespace"), kind = text(w, "kind"), name = text(w, "name");
        if (ns == null || kind == null || name == null) {
            throw new ProblemException(ProblemTypes.invalidField("/workload",
                    "a recommendation names its workload (namespace, kind, name)"));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("current", data.path("current").toString());
        facts.put("recommended", data.path("recommended").toString());
        if (data.path("savings").has("monthly")) {
            facts.put("monthlySaving", data.path("savings").path("monthly").asDouble());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", ns);
        labels.put(kind.toLowerCase(Locale.ROOT), name);
        return new Incident(type, source, id, "ScalingRecommended", labels, kind, new Target(ns, kind, name), facts,
                null, patch, data.path("autoApply").asBoolean(false));
    }

    static Optional<Incident> kubernetes(String type, String source, String id, JsonNode obj) {
        String kind = text(obj, "kind");
        if ("Event".equals(kind)) {
            return event(type, source, id, obj);
        }
        if ("Pod".equals(kind)) {
            return pod(type, source, id, obj);
        }
        return Optional.empty();
    }

    private static Optional<Incident> event(String type, String source, String id, JsonNode ev) {
        String reason = text(ev, "reason");
        String message = Optional.ofNullable(text(ev, "message")).orElse("");
        String canonical = null;
        if ("BackOff".equals(reason) && message.contains("restarting failed container")) {
            canonical = "CrashLoopBackOff";
        } else if ("OOMKilling".equals(reason) || message.contains("OOMKilled")) {
            canonical = "OOMKilled";
        } else if ("Unhealthy".equals(reason) && message.toLowerCase(Locale.ROOT).contains("probe failed")) {
            canonical = "ProbeFailed";
        }
        if (canonical == null) {
            return Optional.empty();
        }
        JsonNode io = ev.path("involvedObject");
        String ns = Optional.ofNullable(text(io, "namespace")).orElse(text(ev.path("metadata"), "namespace"));
        String pod = text(io, "name");
        if (ns == null || pod == null) {
            throw new ProblemException(ProblemTypes.invalidField("/involvedObject",
                    "a " + reason + " event names its object (namespace, name)"));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("eventReason", reason);
        facts.put("message", message);
        facts.put("count", ev.path("count").asInt(1));
        facts.put("pod", pod);
        facts.put("lastTimestamp", text(ev, "lastTimestamp"));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", ns);
        labels.put("pod", pod);
        return Optional.of(new Incident(type, source, id, canonical, labels, "Event",
                new Target(ns, "Deployment", deploymentOfPod(pod, null)), facts, null, null, false));
    }

    private static Optional<Incident> pod(String type, String source, String id, JsonNode pod) {
        String ns = text(pod.path("metadata"), "namespace"), name = text(pod.path("metadata"), "name");
        if (ns == null || name == null) {
            throw new ProblemException(ProblemTypes.invalidField("/metadata", "a Pod needs metadata.namespace and name"));
        }
        String canonical = null;
        int restarts = 0;
        String container = null;
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            restarts = Math.max(restarts, cs.path("restartCount").asInt());
            if ("CrashLoopBackOff".equals(cs.path("state").path("waiting").path("reason").asText())) {
                canonical = "CrashLoopBackOff";
                container = cs.path("name").asText();
            } else if (canonical == null
                    && "OOMKilled".equals(cs.path("lastState").path("terminated").path("reason").asText())) {
                canonical = "OOMKilled";
                container = cs.path("name").asText();
            }
        }
        if (canonical == null) {
            return Optional.empty();
        }
        String owner = null;
        for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
            if ("ReplicaSet".equals(ref.path("kind").asText())) {
                owner = ref.path("name").asText();
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("pod", name);
        facts.put("container", container);
        facts.put("restartCount", restarts);
        Map<String, String> labels = new LinkedHashMap<>(strings(pod.path("metadata").path("labels")));
        labels.put("namespace", ns);
        labels.put("pod", name);
        return Optional.of(new Incident(type, source, id, canonical, labels, "Pod",
                new Target(ns, "Deployment", deploymentOfPod(name, owner)), facts, null, null, false));
    }

    /** The Deployment behind a pod: its ReplicaSet's name minus the hash, else the pod name minus two suffixes. */
    static String deploymentOfPod(String pod, String replicaSet) {
        if (replicaSet != null && replicaSet.lastIndexOf('-') > 0) {
            return replicaSet.substring(0, replicaSet.lastIndexOf('-'));
        }
        String s = pod;
        for (int i = 0; i < 2 && s.lastIndexOf('-') > 0; i++) {
            s = s.substring(0, s.lastIndexOf('-'));
        }
        return s;
    }

    static Target targetFromLabels(Map<String, String> labels) {
        String ns = labels.get("namespace");
        if (labels.containsKey("node") && !labels.containsKey("deployment")) {
            return new Target("", "Node", labels.get("node"));
        }
        if (ns == null) {
            return null;
        }
        if (labels.containsKey("rollout")) {
            return new Target(ns, "Rollout", labels.get("rollout"));
        }
        if (labels.containsKey("deployment")) {
            return new Target(ns, "Deployment", labels.get("deployment"));
        }
        if (labels.containsKey("pod")) {
            return new Target(ns, "Deployment", deploymentOfPod(labels.get("pod"), null));
        }
        return null;
    }

    static Map<String, String> strings(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        if (obj != null && obj.isObject()) {
            obj.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
