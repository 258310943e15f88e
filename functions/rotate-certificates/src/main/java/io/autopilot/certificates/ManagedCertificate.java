package io.autopilot.certificates;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * What an opted-in Secret asks for, read from its {@link Annotations}. Every error names the annotation (as a JSON
 * pointer) and the value, so the 400 problem tells the operator what to fix.
 *
 * @param renewBefore fixed lead time, or null
 * @param renewBeforePercentage percentage of the lifetime left at renewal, or null
 */
public record ManagedCertificate(String namespace, String name, CertAlgorithm algorithm, List<String> dnsNames,
        String spiffeId, String commonName, Duration duration, Duration renewBefore, Integer renewBeforePercentage,
        String issuerNamespace, String issuerName, PrivateKeyEncoding encoding) {

    public static final Duration DEFAULT_DURATION = Duration.ofDays(90);
    static final Duration MIN_DURATION = Duration.ofHours(1);
    static final Duration MIN_RENEW_BEFORE = Duration.ofMinutes(5);

    /** True when the Secret opts in: the algorithm annotation is present. */
    public static boolean optedIn(Map<String, String> annotations) {
        return annotations != null && annotations.containsKey(Annotations.ALGORITHM);
    }

    /**
     * @param defaultIssuer {@code namespace/name} of the CA Secret when the Secret names none
     * @param defaultEncoding the configured {@code tls.key} form
     */
    public static ManagedCertificate parse(String namespace, String name, Map<String, String> annotations,
            String defaultIssuer, PrivateKeyEncoding defaultEncoding) {
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        CertAlgorithm algorithm = CertAlgorithm.byName(a.get(Annotations.ALGORITHM)).orElseThrow(() -> invalid(
                Annotations.ALGORITHM, "unknown algorithm '" + a.get(Annotations.ALGORITHM) + "'; one of "
                        + CertAlgorithm.names()));
        List<String> dns = a.containsKey(Annotations.DNS_NAMES) ? Arrays.stream(a.get(Annotations.DNS_NAMES).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList() : List.of();
        String spiffe = blankToNull(a.get(Annotations.SPIFFE_ID));
        String cn = blankToNull(a.get(Annotations.COMMON_NAME));
        Duration duration = a.containsKey(Annotations.DURATION) ? duration(a, Annotations.DURATION) : DEFAULT_DURATION;
        if (duration.compareTo(MIN_DURATION) < 0) {
            throw invalid(Annotations.DURATION, "duration " + a.get(Annotations.DURATION) + " is below the minimum of 1h");
        }
        Duration renewBefore = null;
        Integer percentage = null;
        if (a.containsKey(Annotations.RENEW_BEFORE) && a.containsKey(Annotations.RENEW_BEFORE_PERCENTAGE)) {
            throw invalid(Annotations.RENEW_BEFORE_PERCENTAGE, "set renew-before or renew-before-percentage, not both");
        }
        if (a.containsKey(Annotations.RENEW_BEFORE)) {
            renewBefore = duration(a, Annotations.RENEW_BEFORE);
            if (renewBefore.compareTo(MIN_RENEW_BEFORE) < 0 || renewBefore.compareTo(duration) >= 0) {
                throw invalid(Annotations.RENEW_BEFORE, "renew-before " + a.get(Annotations.RENEW_BEFORE)
                        + " must be at least 5m and below the duration " + duration);
            }
        }
        if (a.containsKey(Annotations.RENEW_BEFORE_PERCENTAGE)) {
            try {
                percentage = Integer.valueOf(a.get(Annotations.RENEW_BEFORE_PERCENTAGE).trim());
            } catch (NumberFormatException e) {
                percentage = -1;
            }
            if (percentage < 1 || percentage > 99) {
                throw invalid(Annotations.RENEW_BEFORE_PERCENTAGE, "renew-before-percentage must be a whole number "
                        + "from 1 to 99, not '" + a.get(Annotations.RENEW_BEFORE_PERCENTAGE) + "'");
            }
        }
        String issuer = a.getOrDefault(Annotations.ISSUER, defaultIssuer);
        String[] issuerParts = issuer == null ? new String[0] : issuer.trim().split("/");
        if (issuerParts.length != 2 || issuerParts[0].isBlank() || issuerParts[1].isBlank()) {
            throw invalid(Annotations.ISSUER, "issuer must be namespace/name of the CA Secret, not '" + issuer + "'");
        }
        PrivateKeyEncoding encoding = a.containsKey(Annotations.PRIVATE_KEY_ENCODING)
                ? PrivateKeyEncoding.byLabel(a.get(Annotations.PRIVATE_KEY_ENCODING)).orElseThrow(() -> invalid(
                        Annotations.PRIVATE_KEY_ENCODING, "private-key-encoding must be seed, expanded or both, not '"
                                + a.get(Annotations.PRIVATE_KEY_ENCODING) + "'"))
                : defaultEncoding;
        ManagedCertificate spec = new ManagedCertificate(namespace, name, algorithm, dns, spiffe, cn, duration,
                renewBefore, percentage, issuerParts[0], issuerParts[1], encoding);
        try {
            Instant probe = Instant.EPOCH;
            CertificateIssuer.validate(spec.request(probe));
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().contains("SPIFFE") ? Annotations.SPIFFE_ID : Annotations.DNS_NAMES;
            throw invalid(field, e.getMessage());
        }
        return spec;
    }

    /** The leaf to issue now. */
    public LeafRequest request(Instant now) {
        return new LeafRequest(algorithm, dnsNames, spiffeId, commonName, now, now.plus(duration));
    }

    /**
     * When a certificate valid from {@code notBefore} to {@code notAfter} is renewed, by cert-manager's rule: the fixed
     * renew-before if it is below the lifetime, else the percentage, else at 2/3 of the lifetime; truncated to the
     * second.
     */
    public Instant renewalTime(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        Duration lead;
        if (renewBefore != null && renewBefore.compareTo(lifetime) < 0) {
            lead = renewBefore;
        } else if (renewBeforePercentage != null) {
            lead = lifetime.multipliedBy(renewBeforePercentage).dividedBy(100);
        } else {
            lead = lifetime.dividedBy(3);
        }
        return notAfter.minus(lead).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    public String issuerRef() {
        return issuerNamespace + "/" + issuerName;
    }

    private static Duration duration(Map<String, String> a, String key) {
        try {
            return Durations.parse(a.get(key));
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static ProblemException invalid(String annotation, String detail) {
        return new ProblemException(ProblemTypes.invalidField(Annotations.pointer(annotation), detail));
    }
}
