package io.autopilot.compliance.pss;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the pod a resource runs: a Pod itself, the pod template of a workload controller (Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController, Job, PodTemplate) or a CronJob's job template. PSA checks the
 * templates the same way (it warns on controllers and enforces on the pods they create).
 */
public final class PodTemplates {

    private PodTemplates() {
    }

    /** Whether this kind carries a pod the Pod Security Standards apply to. */
    public static boolean holdsPod(String kind) {
        return switch (kind == null ? "" : kind) {
            case "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
                    "CronJob", "PodTemplate" -> true;
            default -> false;
        };
    }

    public static Optional<PodSpecView> of(JsonNode resource) {
        String kind = resource.path("kind").asText("");
        return switch (kind) {
            case "Pod" -> Optional.of(new PodSpecView(resource.get("metadata"), resource.get("spec"), "metadata", "spec"));
            case "PodTemplate" -> template(resource.get("template"), "template");
            case "CronJob" -> template(resource.path("spec").path("jobTemplate").path("spec").get("template"),
                    "spec.jobTemplate.spec.template");
            default -> holdsPod(kind) ? template(resource.path("spec").get("template"), "spec.template") : Optional.empty();
        };
    }

    private static Optional<PodSpecView> template(JsonNode template, String path) {
        if (template == null || !template.isObject()) {
            // a controller without a template has no pod to judge; an empty spec would pass everything falsely
            return Optional.empty();
        }
        return Optional.of(new PodSpecView(template.get("metadata"), template.get("spec"), path + ".metadata",
                path + ".spec"));
    }
}
