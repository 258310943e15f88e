package io.autopilot.certificates;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;

/**
 * Whether a managed Secret needs a new certificate now, by cert-manager's trigger chain in cert-manager's order, so
 * a Secret event and the scheduled sweep reach the same decision and the event says which rule fired.
 */
public final class RenewalPolicy {

    public static final String MISSING_DATA = "SecretMissingData";
    public static final String KEYS_DIFFER = "SecretPublicKeysDiffer";
    public static final String KEY_MISMATCHES_SPEC = "SecretPrivateKeyMismatchesSpec";
    public static final String ISSUER_CHANGED = "IssuerChanged";
    public static final String SPEC_CHANGED = "CertificateNotValidForSpec";
    public static final String EXPIRED = "CurrentCertificateHasExpired";
    public static final String NEARING_EXPIRY = "CurrentCertificateNearingExpiry";

    /**
     * @param reason the rule that fired, or null when the certificate is fine
     * @param current the certificate found, or null
     * @param renewalTime when the current certificate is due, or null without one
     */
    public record Decision(String reason, X509Certificate current, Instant renewalTime) {
        public boolean due() {
            return reason != null;
        }
    }

    private RenewalPolicy() {
    }

    /**
     * @param tlsCrt the Secret's {@code tls.crt} PEM, or null
     * @param tlsKey the Secret's {@code tls.key} PEM, or null
     * @param recordedEncoding the {@code key-encoding} annotation the last issuance wrote, or null
     */
    public static Decision decide(ManagedCertificate spec, String tlsCrt, String tlsKey, String recordedEncoding,
            CertificateAuthority ca, Instant now) {
        X509Certificate current;
        PrivateKey key;
        try {
            current = Pem.readCertificates(tlsCrt).get(0);
            key = Pem.readPrivateKey(tlsKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Decision(MISSING_DATA, null, null);
        }
        Instant renewal = spec.renewalTime(current.getNotBefore().toInstant(), current.getNotAfter().toInstant());
        if (!keysMatch(current, key)) {
            return new Decision(KEYS_DIFFER, current, renewal);
        }
        if (KeyAlgorithms.certAlgorithm(current.getPublicKey()).orElse(null) != spec.algorithm()
                || (!spec.algorithm().composite() && !spec.encoding().label().equals(recordedEncoding))) {
            return new Decision(KEY_MISMATCHES_SPEC, current, renewal);
        }
        if (!signedBy(current, ca)) {
            return new Decision(ISSUER_CHANGED, current, renewal);
        }
        if (!sameSans(current, spec) || !sameLifetime(current, spec)) {
            return new Decision(SPEC_CHANGED, current, renewal);
        }
        if (!now.isBefore(current.getNotAfter().toInstant())) {
            return new Decision(EXPIRED, current, renewal);
        }
        if (!now.isBefore(renewal)) {
            return new Decision(NEARING_EXPIRY, current, renewal);
        }
        return new Decision(null, current, renewal);
    }

    static boolean keysMatch(X509Certificate certificate, PrivateKey key) {
        try {
            if (key instanceof MLDSAPrivateKey mldsa && mldsa.getPublicKey() != null) {
                return Arrays.equals(mldsa.getPublicKey().getEncoded(), certificate.getPublicKey().getEncoded());
            }
            // composite (and anything else): prove possession with one signature
            String algorithm = signatureAlgorithm(certificate.getPublicKey());
            byte[] probe = "rotate-certificates key check".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance(algorithm, Crypto.provider());
            signer.initSign(key, Crypto.random());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, Crypto.provider());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String signatureAlgorithm(java.security.PublicKey key) {
        return KeyAlgorithms.certAlgorithm(key).map(CertAlgorithm::jcaName).orElseGet(() -> switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        });
    }

    static boolean signedBy(X509Certificate certificate, CertificateAuthority ca) {
        try {
            if (!certificate.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
                return false;
            }
            certificate.verify(ca.certificate().getPublicKey(), Crypto.provider());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean sameSans(X509Certificate certificate, ManagedCertificate spec) {
        Set<String> dns = new HashSet<>();
        List<String> uris = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        dns.add((String) san.get(1));
                    } else if (Integer.valueOf(6).equals(san.get(0))) {
                        uris.add((String) san.get(1));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
        return dns.equals(new HashSet<>(spec.dnsNames()))
                && Objects.equals(uris, spec.spiffeId() == null ? List.of() : List.of(spec.spiffeId()));
    }

    static boolean sameLifetime(X509Certificate certificate, ManagedCertificate spec) {
        Duration lifetime = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        return lifetime.minus(spec.duration()).abs().compareTo(Duration.ofMinutes(1)) <= 0;
    }
}
