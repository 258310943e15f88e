package io.autopilot.certificates;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Names a certificate's public key algorithm, and tells whether it resists a quantum computer. */
public final class KeyAlgorithms {

    private KeyAlgorithms() {
    }

    /** The issuing algorithm of a key, when it is one of ours (by SPKI OID, whichever provider parsed it). */
    public static Optional<CertAlgorithm> certAlgorithm(PublicKey key) {
        try {
            String oid = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm().getId();
            return CertAlgorithm.byOid(oid);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code ML-DSA-65}, {@code MLDSA65-ECDSA-P256-SHA512}, {@code RSA-2048}, {@code ECDSA-P256}, {@code Ed25519}... */
    public static String describe(PublicKey key) {
        Optional<CertAlgorithm> ours = certAlgorithm(key);
        if (ours.isPresent()) {
            return ours.get().jcaName();
        }
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return "ECDSA-P" + (bits == 521 ? 521 : bits);
        }
        return key.getAlgorithm();
    }

    /** ML-DSA and composite ML-DSA keys are post-quantum; everything else found in TLS Secrets is not. */
    public static boolean quantumSafe(PublicKey key) {
        return certAlgorithm(key).isPresent();
    }
}
