package io.autopilot.compliance.pss;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The pod a control judges: its metadata (annotations) and spec, with the path prefixes under which those sit in the
 * resource that holds them (a Pod's {@code metadata}/{@code spec}, a Deployment's {@code spec.template.metadata}/
 * {@code spec.template.spec}, a CronJob's {@code spec.jobTemplate.spec.template...}). The containers, with their paths,
 * are collected once and shared by every control (most controls visit every container).
 */
public final class PodSpecView {

    private static final String[] CONTAINER_LISTS = { "containers", "initContainers", "ephemeralContainers" };

    /** One container of any of the three lists, and where it sits. */
    public record Container(JsonNode node, String path) {
    }

    private final JsonNode metadata;
    private final JsonNode spec;
    private final String metadataPath;
    private final String specPath;
    private List<Container> containers;

    public PodSpecView(JsonNode metadata, JsonNode spec, String metadataPath, String specPath) {
        this.metadata = metadata == null ? MissingNode.getInstance() : metadata;
        this.spec = spec == null ? MissingNode.getInstance() : spec;
        this.metadataPath = metadataPath;
        this.specPath = specPath;
    }

    public JsonNode metadata() {
        return metadata;
    }

    public JsonNode spec() {
        return spec;
    }

    public String metadataPath() {
        return metadataPath;
    }

    public String specPath() {
        return specPath;
    }

    /** {@code containers}, {@code initContainers}, {@code ephemeralContainers}, in that order, as PSA visits them. */
    public List<Container> containers() {
        if (containers == null) {
            List<Container> all = new ArrayList<>(4);
            for (String list : CONTAINER_LISTS) {
                JsonNode array = spec.get(list);
                if (array != null && array.isArray()) {
                    for (int i = 0; i < array.size(); i++) {
                        JsonNode c = array.get(i);
                        if (c != null && c.isObject()) {
                            all.add(new Container(c, specPath + "." + list + "[" + i + "]"));
                        }
                    }
                }
            }
            containers = all;
        }
        return containers;
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
