package io.autopilot.certificates;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An issuing CA: its certificate and private key (read from a Kubernetes Secret, or a folder for
 * {@code ./autopilot issue-cert}) and the algorithm its key signs with.
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey key, CertAlgorithm algorithm) {

    /** Reads a CA from PEM; the algorithm is the one of its certificate's public key. */
    public static CertificateAuthority fromPem(String certificatePem, String keyPem) throws GeneralSecurityException {
        X509Certificate certificate = Pem.readCertificates(certificatePem).get(0);
        CertAlgorithm algorithm = KeyAlgorithms.certAlgorithm(certificate.getPublicKey()).orElseThrow(
                () -> new GeneralSecurityException("the CA key is " + KeyAlgorithms.describe(certificate.getPublicKey())
                        + "; this issuer signs with ML-DSA or a composite (" + CertAlgorithm.names() + ")"));
        if (certificate.getBasicConstraints() < 0) {
            throw new GeneralSecurityException("the CA certificate is not a CA (basicConstraints cA=false)");
        }
        return new CertificateAuthority(certificate, Pem.readPrivateKey(keyPem), algorithm);
    }

    /**
     * A new self-signed root: basicConstraints cA=true pathLen 0, key usage keyCertSign, cRLSign and digitalSignature
     * (critical), subject key identifier.
     */
    public static CertificateAuthority selfSigned(CertAlgorithm algorithm, String commonName, Instant notBefore,
            Instant notAfter, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName(), Crypto.provider());
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + commonName + ",O=autopilot");
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, serial),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().setProvider(Crypto.provider())
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm.jcaName())
                            .setProvider(Crypto.provider()).setSecureRandom(random).build(keys.getPrivate())));
            return new CertificateAuthority(certificate, keys.getPrivate(), algorithm);
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the CA certificate", e);
        }
    }
}
