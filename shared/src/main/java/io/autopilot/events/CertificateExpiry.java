package io.autopilot.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#CERTIFICATE_EXPIRING}: a certificate in scope that expires soon and that nobody is
 * going to renew in time: not managed by rotate-certificates, or managed but its renewal failed.
 *
 * @param namespace the Secret's namespace
 * @param name the Secret's name
 * @param algorithm the key algorithm found in {@code tls.crt} ({@code RSA-2048}, {@code ECDSA-P256}, {@code ML-DSA-65},
 *        ...)
 * @param quantumSafe true for ML-DSA and composite keys
 * @param managed true when the Secret opts in to rotation
 * @param notAfter end of validity
 * @param daysLeft whole days until {@code notAfter} (negative once expired)
 * @param reason why it is reported (e.g. "not managed", or the renewal error)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateExpiry(String namespace, String name, String algorithm, boolean quantumSafe, boolean managed,
        Instant notAfter, long daysLeft, String reason) {
}
