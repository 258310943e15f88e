package io.autopilot.certificates;

/**
 * The Secret annotations and label this function reads and writes (documented with an example in
 * docs/rotate-certificates.md). Operators write the {@code certificates.autopilot.io/*} request keys; the function
 * writes the status keys. cert-manager's {@code cert-manager.io/*} keys are deliberately not used, so the two
 * controllers never fight over one Secret.
 */
public final class Annotations {

    public static final String PREFIX = "certificates.autopilot.io/";

    /** Label the ApiServerSource selects on (sources can select by label only); value {@code "true"}. */
    public static final String MANAGED_LABEL = PREFIX + "managed";

    // What the operator asks for.
    /** Opt-in: {@code ML-DSA-44|65|87} or a composite such as {@code MLDSA65-ECDSA-P256-SHA512}. */
    public static final String ALGORITHM = PREFIX + "algorithm";
    /** Comma-separated DNS SANs. */
    public static final String DNS_NAMES = PREFIX + "dns-names";
    /** {@code spiffe://<trust-domain>/<path>}: makes the certificate an X.509-SVID. */
    public static final String SPIFFE_ID = PREFIX + "spiffe-id";
    /** Optional subject common name (default: the first DNS name; none for a SPIFFE-only SVID). */
    public static final String COMMON_NAME = PREFIX + "common-name";
    /** Lifetime, Go duration ({@code 2160h}) or ISO-8601 ({@code P90D}); default 2160h (90 days), minimum 1h. */
    public static final String DURATION = PREFIX + "duration";
    /** Renew this long before notAfter (minimum 5m, below the lifetime); exclusive with the percentage. */
    public static final String RENEW_BEFORE = PREFIX + "renew-before";
    /** Renew when this percentage (1-99) of the lifetime is left; exclusive with renew-before. */
    public static final String RENEW_BEFORE_PERCENTAGE = PREFIX + "renew-before-percentage";
    /** The CA Secret, {@code namespace/name}; default {@code autopilot.rotate-certificates.issuer-secret}. */
    public static final String ISSUER = PREFIX + "issuer";
    /** {@code seed} (default), {@code expanded} or {@code both}: the form of an ML-DSA {@code tls.key}. */
    public static final String PRIVATE_KEY_ENCODING = PREFIX + "private-key-encoding";

    // What the function records (public facts only).
    public static final String SERIAL = PREFIX + "serial";
    public static final String NOT_AFTER = PREFIX + "not-after";
    public static final String RENEWAL_TIME = PREFIX + "renewal-time";
    public static final String REVISION = PREFIX + "revision";
    public static final String KEY_ENCODING = PREFIX + "key-encoding";
    public static final String LAST_REASON = PREFIX + "last-rotation-reason";
    public static final String PREVIOUS_SERIAL = PREFIX + "previous-serial";

    /** Secret keys: cert-manager's three, plus the previous pair kept for one revision (rollback). */
    public static final String TLS_CRT = "tls.crt";
    public static final String TLS_KEY = "tls.key";
    public static final String CA_CRT = "ca.crt";
    public static final String PREVIOUS_CRT = "tls.crt.previous";
    public static final String PREVIOUS_KEY = "tls.key.previous";

    public static final String TLS_TYPE = "kubernetes.io/tls";

    private Annotations() {
    }

    /** JSON pointer to an annotation in a Secret (for problem bodies): {@code /} in the key becomes {@code ~1}. */
    public static String pointer(String annotation) {
        return "/metadata/annotations/" + annotation.replace("~", "~0").replace("/", "~1");
    }
}
