package io.autopilot.remediation;

/** What an action acts on. {@code namespace} is empty for cluster-scoped kinds (Node). */
public record Target(String namespace, String kind, String name) {

    public String key() {
        return (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + kind + "/" + name;
    }

    @Override
    public String toString() {
        return key();
    }
}
