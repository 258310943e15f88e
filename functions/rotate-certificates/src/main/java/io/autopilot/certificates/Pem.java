package io.autopilot.certificates;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM in and out: {@code CERTIFICATE} blocks and PKCS#8 {@code PRIVATE KEY} blocks (the only form ML-DSA has). */
public final class Pem {

    private Pem() {
    }

    public static String certificates(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(new PemObject("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
        return out.toString();
    }

    public static String privateKey(byte[] pkcs8) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", pkcs8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Every CERTIFICATE block, in order (leaf first in a {@code tls.crt}). */
    public static List<X509Certificate> readCertificates(String pem) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509", Crypto.provider());
        for (PemObject block : blocks(pem)) {
            if ("CERTIFICATE".equals(block.getType())) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.getContent())));
            }
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no CERTIFICATE block");
        }
        return certificates;
    }

    /** A PKCS#8 {@code PRIVATE KEY}, in any of RFC 9881's three forms (Bouncy Castle reads all). */
    public static PrivateKey readPrivateKey(String pem) throws GeneralSecurityException {
        for (PemObject block : blocks(pem)) {
            if ("PRIVATE KEY".equals(block.getType())) {
                try {
                    String oid = PrivateKeyInfo.getInstance(block.getContent()).getPrivateKeyAlgorithm().getAlgorithm().getId();
                    return java.security.KeyFactory.getInstance(oid, Crypto.provider())
                            .generatePrivate(new PKCS8EncodedKeySpec(block.getContent()));
                } catch (RuntimeException e) {
                    throw new java.security.spec.InvalidKeySpecException("not a PKCS#8 private key", e);
                }
            }
        }
        throw new java.security.spec.InvalidKeySpecException("no PRIVATE KEY block (PKCS#8)");
    }

    private static List<PemObject> blocks(String pem) throws GeneralSecurityException {
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(pem == null ? "" : pem))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateException("not PEM", e);
        }
        return blocks;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
