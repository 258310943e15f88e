package io.autopilot.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The remediation a namespace without default-deny gets: a NetworkPolicy that selects every pod, denies all ingress
 * and all egress except DNS to the cluster DNS (kube-dns/CoreDNS in kube-system, UDP and TCP 53). Ready to apply:
 * {@code kubectl apply -f} the finding's {@code remediation}.
 */
public final class DefaultDenyPolicy {

    public static final String NAME = "default-deny-all";

    private DefaultDenyPolicy() {
    }

    public static JsonNode forNamespace(String namespace) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode policy = f.objectNode();
        policy.put("apiVersion", "networking.k8s.io/v1").put("kind", "NetworkPolicy");
        ObjectNode metadata = policy.putObject("metadata");
        metadata.put("name", NAME).put("namespace", namespace);
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", "autopilot-check-compliance");
        ObjectNode spec = policy.putObject("spec");
        spec.putObject("podSelector");
        spec.putArray("policyTypes").add("Ingress").add("Egress");
        spec.putArray("ingress");
        ObjectNode dns = spec.putArray("egress").addObject();
        ObjectNode to = dns.putArray("to").addObject();
        to.putObject("namespaceSelector").putObject("matchLabels").put("kubernetes.io/metadata.name", "kube-system");
        to.putObject("podSelector").putObject("matchLabels").put("k8s-app", "kube-dns");
        ArrayNode ports = dns.putArray("ports");
        ports.addObject().put("protocol", "UDP").put("port", 53);
        ports.addObject().put("protocol", "TCP").put("port", 53);
        return policy;
    }
}
