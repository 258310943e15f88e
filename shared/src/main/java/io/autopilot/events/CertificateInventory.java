package io.autopilot.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#CERTIFICATE_INVENTORY}: every {@code kubernetes.io/tls} Secret in scope, classified by
 * key algorithm, and how far the post-quantum migration has come.
 *
 * @param sweptAt when the sweep read the Secrets
 * @param namespaces the namespaces swept
 * @param total TLS Secrets found
 * @param migrated Secrets whose certificate key is ML-DSA or composite
 * @param quantumVulnerable Secrets whose certificate key is RSA, ECDSA or EdDSA
 * @param unreadable Secrets without a parseable {@code tls.crt}
 * @param migrationPercent {@code 100 * migrated / (migrated + quantumVulnerable)}, 100 when there is nothing to
 *        migrate; the roadmap's KPI is 100
 * @param byAlgorithm count per key algorithm
 * @param certificates one entry per Secret
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateInventory(Instant sweptAt, List<String> namespaces, int total, int migrated,
        int quantumVulnerable, int unreadable, double migrationPercent, Map<String, Integer> byAlgorithm,
        List<Entry> certificates) {

    /**
     * @param namespace the Secret's namespace
     * @param name the Secret's name
     * @param algorithm key algorithm of its {@code tls.crt}, or {@code unreadable}
     * @param quantumSafe ML-DSA or composite
     * @param managed opts in to rotation by annotation
     * @param notAfter end of validity, or null when unreadable
     * @param problem why the Secret could not be read or managed, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String namespace, String name, String algorithm, boolean quantumSafe, boolean managed,
            Instant notAfter, String problem) {
    }
}
