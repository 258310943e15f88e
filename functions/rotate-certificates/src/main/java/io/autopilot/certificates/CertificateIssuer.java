package io.autopilot.certificates;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues leaf certificates under a {@link CertificateAuthority}: a fresh key pair every time (cert-manager's
 * {@code rotationPolicy: Always}), and a profile that is right for signature-only keys.
 *
 * <ul>
 * <li>Key usage: digitalSignature only, critical. RFC 9881 allows ML-DSA keys digitalSignature, nonRepudiation,
 * keyCertSign and cRLSign; keyEncipherment (in cert-manager's default usages) is forbidden, and TLS 1.3 needs only
 * digitalSignature.</li>
 * <li>Extended key usage serverAuth + clientAuth; basicConstraints cA=false, critical.</li>
 * <li>With a SPIFFE ID: exactly one URI SAN, validated per the X.509-SVID spec (non-root path, no query or fragment);
 * SAN critical when the subject is empty.</li>
 * <li>Authority key identifier by key id only (not issuer+serial), as Kubernetes and SPIFFE PKIs expect.</li>
 * <li>Hedged signing: the CA signs with a {@link SecureRandom} (Bouncy Castle's ML-DSA is deterministic without
 * one).</li>
 * </ul>
 */
public final class CertificateIssuer {

    /**
     * What every certificate of one CA repeats: its subject as the issuer name and its authority key identifier.
     * Derived once per CA instead of per certificate (re-encoding the CA's name and hashing its ML-DSA public key cost
     * about a twentieth of an ML-DSA-65 signature each time); replaced when another CA comes in.
     */
    private record IssuerParts(X509Certificate certificate, X500Name name, AuthorityKeyIdentifier authorityKeyId) {
    }

    private volatile IssuerParts issuerParts;

    private static final Pattern DNS = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern SPIFFE = Pattern.compile(
            "spiffe://[a-z0-9._-]+(/[A-Za-z0-9._-]+)+");

    /** A leaf and its key pair. The key never leaves this object except into the Secret's {@code tls.key}. */
    public record Issued(X509Certificate certificate, KeyPair keyPair, CertAlgorithm algorithm) {
    }

    public Issued issue(CertificateAuthority ca, LeafRequest request, SecureRandom random)
            throws GeneralSecurityException {
        validate(request);
        KeyPair keys = KeyPairGenerator.getInstance(request.algorithm().jcaName(), Crypto.provider()).generateKeyPair();
        return new Issued(sign(ca, request, keys, random), keys, request.algorithm());
    }

    /** Signs a certificate for an existing key pair (the benchmark separates key generation from issuing). */
    public X509Certificate sign(CertificateAuthority ca, LeafRequest request, KeyPair keys, SecureRandom random)
            throws GeneralSecurityException {
        return sign(ca, request, keys, random, Crypto.provider());
    }

    /**
     * As {@link #sign(CertificateAuthority, LeafRequest, KeyPair, SecureRandom)}, with the CA's signature made by
     * another provider (the benchmark compares the JDK's own ML-DSA); the certificate is identical in form.
     */
    public X509Certificate sign(CertificateAuthority ca, LeafRequest request, KeyPair keys, SecureRandom random,
            java.security.Provider signatureProvider) throws GeneralSecurityException {
        String cn = request.commonName() != null && !request.commonName().isBlank() ? request.commonName()
                : request.dnsNames().isEmpty() ? null : request.dnsNames().get(0);
        X500Name subject = cn == null ? new X500Name(new org.bouncycastle.asn1.x500.RDN[0]) : new X500Name("CN=" + escape(cn));
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            IssuerParts issuerParts = issuerParts(ca, utils);
            SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerParts.name(),
                    new BigInteger(1, serial), Date.from(request.notBefore()), Date.from(request.notAfter()), subject,
                    publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
            builder.addExtension(Extension.subjectAlternativeName, cn == null, sans(request));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuerParts.authorityKeyId());
            ContentSigner signer = new JcaContentSignerBuilder(ca.algorithm().jcaName()).setProvider(signatureProvider)
                    .setSecureRandom(random).build(ca.key());
            return new JcaX509CertificateConverter().setProvider(Crypto.provider()).getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate", e);
        }
    }

    private IssuerParts issuerParts(CertificateAuthority ca, JcaX509ExtensionUtils utils) throws GeneralSecurityException {
        IssuerParts parts = issuerParts;
        if (parts == null || !parts.certificate().equals(ca.certificate())) {
            parts = new IssuerParts(ca.certificate(),
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                    utils.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            issuerParts = parts;
        }
        return parts;
    }

    private static GeneralNames sans(LeafRequest request) {
        List<GeneralName> names = new ArrayList<>();
        request.dnsNames().forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        if (request.spiffeId() != null) {
            names.add(new GeneralName(GeneralName.uniformResourceIdentifier, request.spiffeId()));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** Refuses what would make a bad certificate; the message names the offending value. */
    public static void validate(LeafRequest request) {
        if (request.dnsNames().isEmpty() && request.spiffeId() == null) {
            throw new IllegalArgumentException("a certificate needs at least one DNS name or a SPIFFE ID");
        }
        for (String dns : request.dnsNames()) {
            if (dns.length() > 253 || !DNS.matcher(dns).matches()) {
                throw new IllegalArgumentException("not a DNS name (lower-case RFC 1123 labels): " + dns);
            }
        }
        if (request.spiffeId() != null) {
            validateSpiffeId(request.spiffeId());
        }
        if (!request.notAfter().isAfter(request.notBefore())) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
    }

    /** X.509-SVID: {@code spiffe://<trust-domain>/<path>}, lower-case trust domain, a non-root path, no dot segments. */
    public static void validateSpiffeId(String id) {
        if (id.length() > 2048 || !SPIFFE.matcher(id).matches()) {
            throw new IllegalArgumentException("not a SPIFFE ID (spiffe://<trust-domain>/<path>, lower-case trust "
                    + "domain, non-empty path of [A-Za-z0-9._-] segments): " + id);
        }
        for (String segment : id.substring("spiffe://".length()).split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("a SPIFFE ID path must not contain . or .. segments: " + id);
            }
        }
    }

    /** The serial number in hex: how events and annotations name a certificate. */
    public static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** SHA-256 of the DER, hex: a public identifier of the certificate. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("+", "\\+").replace("=", "\\=");
    }
}
