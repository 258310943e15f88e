package io.autopilot.compliance.pss;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading Kubernetes fields the way the API server would decode them, from raw JSON or YAML. */
final class Json {

    private Json() {
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** A boolean field set to true (a YAML or JSON boolean, or the string {@code "true"} some tools write). */
    static boolean isTrue(JsonNode node) {
        return present(node) && (node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asText()));
    }

    static boolean isFalse(JsonNode node) {
        return present(node) && (node.isBoolean() ? !node.booleanValue() : "false".equalsIgnoreCase(node.asText()));
    }

    /** A string field as text; an absent or null field as {@code ""}, as Go's zero value. */
    static String text(JsonNode node) {
        return present(node) ? node.asText() : "";
    }

    /** The value as it would be shown in a finding: text unquoted, anything else as JSON. */
    static String show(JsonNode node) {
        if (!present(node)) {
            return Violation.UNSET;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
