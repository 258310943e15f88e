package io.autopilot.certificates;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** Secrets as a cluster has them: the CA Secret, opted-in ML-DSA requests, classical RSA/ECDSA certificates. */
final class Fixtures {

    private Fixtures() {
    }

    static Secret caSecret(CertificateAuthority ca) {
        return tls("autopilot", "autopilot-pqc-ca", Map.of(), Pem.certificates(List.of(ca.certificate())),
                Pem.privateKey(PrivateKeyEncoding.SEED.pkcs8(ca.key(), ca.algorithm())));
    }

    /** An empty TLS Secret that asks for a certificate (how an operator opts in). */
    static Secret request(String namespace, String name, Map<String, String> annotations) {
        Map<String, String> a = new LinkedHashMap<>(annotations);
        return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name).withAnnotations(a)
                .withLabels(Map.of(Annotations.MANAGED_LABEL, "true")).endMetadata().withType(Annotations.TLS_TYPE)
                .withData(new LinkedHashMap<>(Map.of(Annotations.TLS_CRT, "", Annotations.TLS_KEY, ""))).build();
    }

    static Secret tls(String namespace, String name, Map<String, String> annotations, String crt, String key) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(Annotations.TLS_CRT, b64(crt));
        data.put(Annotations.TLS_KEY, b64(key));
        return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withAnnotations(new LinkedHashMap<>(annotations)).endMetadata().withType(Annotations.TLS_TYPE)
                .withData(data).build();
    }

    /** A classical, self-signed certificate (RSA-2048 or ECDSA-P256), as cert-manager would have issued. */
    static Secret classical(String namespace, String name, String keyAlgorithm, Instant notAfter) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, Crypto.provider());
        generator.initialize("RSA".equals(keyAlgorithm) ? 2048 : 256);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + name);
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(Crypto.provider()).getCertificate(
                new JcaX509v3CertificateBuilder(subject, BigInteger.TEN, Date.from(notAfter.minus(Duration.ofDays(90))),
                        Date.from(notAfter), subject, keys.getPublic()).build(new JcaContentSignerBuilder(
                                "RSA".equals(keyAlgorithm) ? "SHA256withRSA" : "SHA256withECDSA")
                                .setProvider(Crypto.provider()).build(keys.getPrivate())));
        return tls(namespace, name, Map.of(), Pem.certificates(List.of(cert)), Pem.privateKey(keys.getPrivate().getEncoded()));
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    static X509Certificate leaf(Secret secret) throws Exception {
        return Pem.readCertificates(decode(secret, Annotations.TLS_CRT)).get(0);
    }
}
