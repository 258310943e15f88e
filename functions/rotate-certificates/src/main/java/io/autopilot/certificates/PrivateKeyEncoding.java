package io.autopilot.certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;

/**
 * How {@code tls.key} carries an ML-DSA private key: the three choices of RFC 9881's {@code ML-DSA-PrivateKey} inside
 * PKCS#8. Who reads what (see docs/rotate-certificates.md): Bouncy Castle and OpenSSL 3.5 read all three; AWS-LC
 * writes and reads {@code seed}; the JDK 24/25 SUN provider reads only {@code expanded}. {@code seed} (54 bytes) is
 * the RFC's preferred form and our default. Composite keys have one encoding (the draft's), so the choice does not
 * apply to them.
 */
public enum PrivateKeyEncoding {

    /** {@code seed [0] OCTET STRING (32 bytes)}: RFC 9881's preferred form. */
    SEED,
    /** {@code expandedKey OCTET STRING}: what JDK 24/25 write and the only form they read. */
    EXPANDED,
    /** {@code both SEQUENCE {seed, expandedKey}}: Bouncy Castle's own default. */
    BOTH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PrivateKeyEncoding> byLabel(String label) {
        return Arrays.stream(values()).filter(e -> e.label().equalsIgnoreCase(label == null ? "" : label.trim()))
                .findFirst();
    }

    /** PKCS#8 bytes of the key in this form; composite keys keep their one (draft) encoding. */
    public byte[] pkcs8(PrivateKey key, CertAlgorithm algorithm) {
        if (algorithm.composite() || !(key instanceof MLDSAPrivateKey mldsa)) {
            return key.getEncoded();
        }
        AlgorithmIdentifier id = new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.oid()));
        ASN1Encodable choice = switch (this) {
            case SEED -> new DERTaggedObject(false, 0, new DEROctetString(mldsa.getSeed()));
            case EXPANDED -> new DEROctetString(mldsa.getPrivateData());
            case BOTH -> new DERSequence(new ASN1Encodable[] { new DEROctetString(mldsa.getSeed()),
                    new DEROctetString(mldsa.getPrivateData()) });
        };
        try {
            return new PrivateKeyInfo(id, choice).getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label recorded on the Secret for a key written in this form. */
    public String recordedLabel(CertAlgorithm algorithm) {
        return algorithm.composite() ? "composite" : label();
    }
}
