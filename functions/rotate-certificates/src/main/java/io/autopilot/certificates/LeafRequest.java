package io.autopilot.certificates;

import java.time.Instant;
import java.util.List;

/**
 * What a leaf certificate must say: key algorithm, DNS SANs, optional SPIFFE ID (then it is an X.509-SVID), an optional
 * common name and the validity window.
 */
public record LeafRequest(CertAlgorithm algorithm, List<String> dnsNames, String spiffeId, String commonName,
        Instant notBefore, Instant notAfter) {

    public LeafRequest {
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
    }
}
