package io.autopilot.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#CERTIFICATE_ROTATED}: a certificate (re)issued into a {@code kubernetes.io/tls} Secret.
 * Public facts only: no key, no certificate bytes (consumers that need the certificate read the Secret).
 *
 * @param namespace the Secret's namespace
 * @param name the Secret's name
 * @param algorithm the leaf key algorithm, e.g. {@code ML-DSA-65} or {@code MLDSA65-ECDSA-P256-SHA512}
 * @param reason which renewal rule fired (cert-manager's trigger names, e.g. {@code SecretMissingData},
 *        {@code CurrentCertificateNearingExpiry})
 * @param serial the new certificate's serial number (hex)
 * @param previousSerial the serial it replaces (kept in the Secret for rollback), or null on first issuance
 * @param fingerprintSha256 SHA-256 of the new certificate's DER (hex): a public identifier
 * @param dnsNames DNS SANs
 * @param spiffeId the URI SAN when the certificate is an X.509-SVID, or null
 * @param issuer the CA's subject DN
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param renewalTime when the next rotation is due
 * @param keyEncoding how {@code tls.key} is encoded: {@code seed}, {@code expanded} or {@code both} (ML-DSA), or
 *        {@code composite}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateRotation(String namespace, String name, String algorithm, String reason, String serial,
        String previousSerial, String fingerprintSha256, List<String> dnsNames, String spiffeId, String issuer,
        Instant notBefore, Instant notAfter, Instant renewalTime, String keyEncoding) {
}
