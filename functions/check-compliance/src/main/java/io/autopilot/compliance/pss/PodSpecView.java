package io.autopilot.compliance.pss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The pod a control judges: its metadata (annotations) and spec, with the path prefixes under which those sit in the
 * resource that holds them (a Pod's {@code metadata}/{@code spec}, a Deployment's {@code spec.template.metadata}/
 * {@code spec.template.spec}, a CronJob's {@code spec.jobTemplate.spec.template...}).
 */
public record PodSpecView(JsonNode metadata, JsonNode spec, String metadataPath, String specPath) {

    public PodSpecView {
        metadata = metadata == null ? MissingNode.getInstance() : metadata;
        spec = spec == null ? MissingNode.getInstance() : spec;
    }

    /** {@code spec.os.name == windows}: from PSS v1.25 Linux-only restricted controls do not apply. */
    public boolean isWindows() {
        return "windows".equals(spec.path("os").path("name").asText(null));
    }

    /** {@code spec.hostUsers == false}: the pod runs in a user namespace (v1.35 relaxations). */
    public boolean inUserNamespace() {
        JsonNode hostUsers = spec.get("hostUsers");
        return hostUsers != null && Json.isFalse(hostUsers);
    }
}
