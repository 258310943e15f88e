package io.autopilot.certificates;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The leaf and CA key algorithms this function issues: pure ML-DSA (FIPS 204, in X.509 per RFC 9881) and the composite
 * ML-DSA signatures of draft-ietf-lamps-pq-composite-sigs (IANA-assigned OIDs under 1.3.6.1.5.5.7.6). The names are
 * Bouncy Castle's JCA names, which are also the draft's names without the {@code id-} prefix.
 */
public enum CertAlgorithm {

    ML_DSA_44("ML-DSA-44", "2.16.840.1.101.3.4.3.17", false),
    ML_DSA_65("ML-DSA-65", "2.16.840.1.101.3.4.3.18", false),
    ML_DSA_87("ML-DSA-87", "2.16.840.1.101.3.4.3.19", false),
    MLDSA44_ECDSA_P256_SHA256("MLDSA44-ECDSA-P256-SHA256", "1.3.6.1.5.5.7.6.40", true),
    MLDSA65_ECDSA_P256_SHA512("MLDSA65-ECDSA-P256-SHA512", "1.3.6.1.5.5.7.6.45", true),
    MLDSA65_ECDSA_P384_SHA512("MLDSA65-ECDSA-P384-SHA512", "1.3.6.1.5.5.7.6.46", true),
    MLDSA65_ED25519_SHA512("MLDSA65-Ed25519-SHA512", "1.3.6.1.5.5.7.6.48", true),
    MLDSA87_ECDSA_P384_SHA512("MLDSA87-ECDSA-P384-SHA512", "1.3.6.1.5.5.7.6.49", true);

    private final String jcaName;
    private final String oid;
    private final boolean composite;

    CertAlgorithm(String jcaName, String oid, boolean composite) {
        this.jcaName = jcaName;
        this.oid = oid;
        this.composite = composite;
    }

    /** The name in annotations, events and Bouncy Castle's JCA, e.g. {@code ML-DSA-65}. */
    public String jcaName() {
        return jcaName;
    }

    public String oid() {
        return oid;
    }

    public boolean composite() {
        return composite;
    }

    /** Case-insensitive lookup by JCA name. */
    public static Optional<CertAlgorithm> byName(String name) {
        return Arrays.stream(values()).filter(a -> a.jcaName.equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst();
    }

    public static Optional<CertAlgorithm> byOid(String oid) {
        return Arrays.stream(values()).filter(a -> a.oid.equals(oid)).findFirst();
    }

    /** Every name, for error messages and docs. */
    public static String names() {
        return Arrays.stream(values()).map(CertAlgorithm::jcaName).collect(Collectors.joining(", "));
    }
}
