package io.autopilot.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** The Kubernetes object a finding is about, as an auditor needs to find it again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceRef(String apiVersion, String kind, String namespace, String name, String uid,
        String resourceVersion) {

    public static ResourceRef of(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return new ResourceRef(text(object.get("apiVersion")), text(object.get("kind")),
                text(metadata.get("namespace")), text(metadata.get("name")), text(metadata.get("uid")),
                text(metadata.get("resourceVersion")));
    }

    /** Identity across versions: kind, namespace and name (a re-created object with a new uid is the same target). */
    public String key() {
        return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }
}
