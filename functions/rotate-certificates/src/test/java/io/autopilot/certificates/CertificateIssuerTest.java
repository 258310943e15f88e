package io.autopilot.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CertificateIssuerTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final CertificateIssuer issuer = new CertificateIssuer();

    static CertificateAuthority ca(CertAlgorithm algorithm) throws Exception {
        return CertificateAuthority.selfSigned(algorithm, "test " + algorithm.jcaName(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)), Crypto.random());
    }

    static LeafRequest request(CertAlgorithm algorithm, String spiffe, String... dns) {
        return new LeafRequest(algorithm, List.of(dns), spiffe, null, NOW, NOW.plus(Duration.ofDays(90)));
    }

    @Test
    void everyAlgorithmUnderEveryKindOfCaVerifiesIndependentlyCompositesHalfByHalf() throws Exception {
        IndependentVerifier verifier = IndependentVerifier.forThisModule();
        CertificateAuthority mldsa65 = ca(CertAlgorithm.ML_DSA_65);
        for (CertAlgorithm leaf : CertAlgorithm.values()) {
            X509Certificate cert = issuer.issue(mldsa65, request(leaf, "spiffe://cluster.local/ns/shop/sa/web",
                    "web.shop.svc"), Crypto.random()).certificate();
            verifier.add("leaf-" + leaf.jcaName(), cert, mldsa65.certificate(), NOW.plusSeconds(60), true);
        }
        // every algorithm as the CA: every signature algorithm we can make, composites included
        List<CertAlgorithm> caAlgorithms = Arrays.stream(CertAlgorithm.values()).filter(a -> a != CertAlgorithm.ML_DSA_65)
                .toList();
        for (CertAlgorithm caAlgorithm : caAlgorithms) {
            CertificateAuthority ca = ca(caAlgorithm);
            X509Certificate cert = issuer.issue(ca, request(CertAlgorithm.ML_DSA_65, null, "api.shop.svc"),
                    Crypto.random()).certificate();
            verifier.add("ca-" + caAlgorithm.jcaName(), cert, ca.certificate(), NOW.plusSeconds(60), true);
        }
        // the verifiers must also say no: a flipped signature bit, a certificate past notAfter, the wrong CA
        X509Certificate good = issuer.issue(mldsa65, request(CertAlgorithm.ML_DSA_65, null, "a.shop.svc"),
                Crypto.random()).certificate();
        verifier.add("tampered", tamper(good), mldsa65.certificate(), NOW.plusSeconds(60), false);
        verifier.add("expired", good, mldsa65.certificate(), NOW.plus(Duration.ofDays(91)), false);
        verifier.add("wrong-ca", good, ca(CertAlgorithm.ML_DSA_65).certificate(), NOW.plusSeconds(60), false);
        // ... and a flipped bit in either half of every composite signature
        List<CertAlgorithm> composites = Arrays.stream(CertAlgorithm.values()).filter(CertAlgorithm::composite).toList();
        for (CertAlgorithm composite : composites) {
            CertificateAuthority compositeCa = ca(composite);
            X509Certificate signed = issuer.issue(compositeCa, request(CertAlgorithm.ML_DSA_65, null, "b.shop.svc"),
                    Crypto.random()).certificate();
            verifier.add("trad-half-flipped-" + composite.jcaName(), tamper(signed), compositeCa.certificate(),
                    NOW.plusSeconds(60), false);
            verifier.addMldsaHalfForgery("mldsa-half-flipped-" + composite.jcaName(), tamperMldsaHalf(signed),
                    compositeCa.certificate(), NOW.plusSeconds(60));
        }
        IndependentVerifier.Report report = verifier.verifyAll();
        report.jdkLine("leaf-ML-DSA-65").ifPresent(l -> assertTrue(l.contains("pkix-ok") && l.contains("provider=SUN"), l));
        if (report.node().isPresent()) {
            for (CertAlgorithm a : CertAlgorithm.values()) {
                String line = report.nodeLine("leaf-" + a.jcaName());
                assertTrue(line.contains("leaf:ML-DSA-65=ok") && line.contains("anchor:ML-DSA-65=ok"), line);
            }
            for (CertAlgorithm a : caAlgorithms) {
                String line = report.nodeLine("ca-" + a.jcaName());
                assertTrue(a.composite() ? line.contains("leaf:" + a.jcaName() + " mldsa-half=ok") && line.contains("trad-half=ok")
                        : line.contains("leaf:" + a.jcaName() + "=ok"), line);
            }
            assertTrue(report.nodeLine("expired").contains("not valid at"), report.nodeLine("expired"));
            for (CertAlgorithm a : composites) {
                String trad = report.nodeLine("trad-half-flipped-" + a.jcaName());
                assertTrue(trad.contains("mldsa-half=ok") && trad.contains("trad-half=FAIL"), trad);
                String mldsa = report.nodeLine("mldsa-half-flipped-" + a.jcaName());
                assertTrue(mldsa.contains("mldsa-half=FAIL") && mldsa.contains("trad-half=ok"), mldsa);
            }
        }
        for (CertAlgorithm a : composites) {
            // the JDK's blind spot, kept visible: it accepts a forged ML-DSA half (only the Node verifier refuses it)
            report.jdkLine("mldsa-half-flipped-" + a.jcaName()).ifPresent(l -> assertTrue(
                    l.startsWith("OK ") && l.contains("got=valid") && l.contains("mldsa-half=unchecked"), l));
        }
    }

    @Test
    void bothVerifiersAcceptTheOfficialVectorCertificatesTheJdkCanRead() throws Exception {
        IndependentVerifier verifier = IndependentVerifier.forThisModule();
        int added = 0;
        for (JsonNode test : vectors().path("tests")) {
            String tcId = test.path("tcId").asText();
            if (tcId.contains("ECDSA-P256") || tcId.contains("ECDSA-P384") || tcId.contains("Ed25519")
                    || tcId.matches("id-ML-DSA-\\d+")) {
                X509Certificate x5c = x509(Base64.getDecoder().decode(test.path("x5c").asText()));
                verifier.add(tcId, x5c, x5c, x5c.getNotBefore().toInstant().plusSeconds(1), true);
                added++;
            }
        }
        assertEquals(9, added, "3 pure ML-DSA, 4 ECDSA and 2 Ed25519 composites");
        IndependentVerifier.Report report = verifier.verifyAll();
        report.jdk().ifPresent(lines -> assertEquals(9, lines.stream().filter(l -> l.startsWith("OK ")).count()));
        report.node().ifPresent(lines -> assertEquals(9, lines.stream().filter(l -> l.startsWith("OK ")).count()));
    }

    @Test
    void theNodeVerifierAcceptsEveryOfficialVectorHalfByHalfAndRefusesTheWrongContext() throws Exception {
        Path file = Path.of(System.getProperty("autopilot.shared.dir", "../../../shared"),
                "datasets/pqc-vectors/lamps-composite-sigs-testvectors.json");
        List<String> lines = IndependentVerifier.forThisModule().verifyVectors(file);
        String all = String.join("\n", lines);
        // 21 entries: the x5c self-signature, s (empty ctx) and sWithContext verify; s under the vector's ctx does not
        assertEquals(21, lines.stream().filter(l -> l.startsWith("OK id-")).count(), all);
        assertTrue(all.contains("vectors=21 mismatches=0"), all);
        for (CertAlgorithm a : CertAlgorithm.values()) {
            String line = lines.stream().filter(l -> l.startsWith("OK id-" + a.jcaName() + " ")).findFirst().orElseThrow();
            assertTrue(line.contains("name=true") && line.contains("pk=x5c key=true"), line);
            if (a.composite()) {
                assertTrue(line.contains("x5c=" + a.jcaName() + " mldsa-half=ok(") && line.contains(",ctx=COMPSIG-" + a.jcaName()
                        + ") trad-half=ok("), line);
            }
        }
    }

    @Test
    void leafKeyUsageIsSignatureOnlyWithoutKeyEncipherment() throws Exception {
        X509Certificate cert = issuer.issue(ca(CertAlgorithm.ML_DSA_65), request(CertAlgorithm.ML_DSA_65, null,
                "web.shop.svc", "web.shop.svc.cluster.local"), Crypto.random()).certificate();
        boolean[] usage = cert.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        for (int bit = 1; bit < usage.length; bit++) {
            assertFalse(usage[bit], "only digitalSignature may be set, bit " + bit + " is (2 = keyEncipherment)");
        }
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
        assertEquals("CN=web.shop.svc", cert.getSubjectX500Principal().getName());
        // RFC 9881: the signature AlgorithmIdentifier has no parameters
        assertEquals(null, cert.getSigAlgParams());
        assertEquals(CertAlgorithm.ML_DSA_65.oid(), cert.getSigAlgOID());
    }

    @Test
    void aSpiffeOnlyCertificateIsAnSvidWithOneUriSanCriticalAndAnEmptySubject() throws Exception {
        X509Certificate cert = issuer.issue(ca(CertAlgorithm.ML_DSA_65), request(CertAlgorithm.ML_DSA_44,
                "spiffe://cluster.local/ns/shop/sa/web"), Crypto.random()).certificate();
        assertEquals(1, cert.getSubjectAlternativeNames().size());
        assertEquals(List.of(6, "spiffe://cluster.local/ns/shop/sa/web"), cert.getSubjectAlternativeNames().iterator().next());
        assertEquals("", cert.getSubjectX500Principal().getName());
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.subjectAlternativeName.getId()));
        assertTrue(cert.getKeyUsage()[0]);
        assertFalse(cert.getKeyUsage()[5] || cert.getKeyUsage()[6], "no keyCertSign/cRLSign on an SVID");
    }

    @ParameterizedTest
    @ValueSource(strings = { "spiffe://cluster.local", "spiffe://cluster.local/", "spiffe://Cluster.local/ns/a",
            "spiffe://cluster.local/ns/../a", "https://cluster.local/ns/a", "spiffe://cluster.local/ns/a?x=1" })
    void refusesAnInvalidSpiffeId(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CertificateIssuer.validate(request(CertAlgorithm.ML_DSA_65, id)));
        assertTrue(e.getMessage().contains(id), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Web.shop", "web_shop.svc", "-web.svc", "web..svc", "" })
    void refusesAnInvalidDnsName(String dns) {
        assertThrows(IllegalArgumentException.class,
                () -> CertificateIssuer.validate(request(CertAlgorithm.ML_DSA_65, null, dns)));
    }

    @Test
    void signsHedgedSoTheSameCertificateSignedTwiceHasDifferentSignatures() throws Exception {
        CertificateAuthority ca = ca(CertAlgorithm.ML_DSA_65);
        KeyPair keys = KeyPairGenerator.getInstance("ML-DSA-65", Crypto.provider()).generateKeyPair();
        LeafRequest request = request(CertAlgorithm.ML_DSA_65, null, "web.shop.svc");
        X509Certificate first = issuer.sign(ca, request, keys, new FixedSerialRandom());
        X509Certificate second = issuer.sign(ca, request, keys, new FixedSerialRandom());
        assertArrayEquals(first.getTBSCertificate(), second.getTBSCertificate(), "same serial, same content");
        assertFalse(Arrays.equals(first.getSignature(), second.getSignature()),
                "ML-DSA signatures over the same TBS must differ: the signer must be given randomness");
        first.verify(ca.certificate().getPublicKey(), Crypto.provider());
        second.verify(ca.certificate().getPublicKey(), Crypto.provider());
    }

    @ParameterizedTest
    @EnumSource(value = CertAlgorithm.class, names = { "ML_DSA_44", "ML_DSA_65", "ML_DSA_87" })
    void writesEachPrivateKeyFormAndReadsItBackToTheSameKey(CertAlgorithm algorithm) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance(algorithm.jcaName(), Crypto.provider()).generateKeyPair();
        byte[] seed = PrivateKeyEncoding.SEED.pkcs8(keys.getPrivate(), algorithm);
        byte[] expanded = PrivateKeyEncoding.EXPANDED.pkcs8(keys.getPrivate(), algorithm);
        byte[] both = PrivateKeyEncoding.BOTH.pkcs8(keys.getPrivate(), algorithm);
        assertEquals(54, seed.length, "RFC 9881 seed form: 22 bytes of PKCS#8 around a 32-byte seed");
        assertTrue(expanded.length > 2500 && both.length == expanded.length + 38, expanded.length + " / " + both.length);
        for (byte[] pkcs8 : List.of(seed, expanded, both)) {
            PrivateKey read = Pem.readPrivateKey(Pem.privateKey(pkcs8));
            assertArrayEquals(keys.getPublic().getEncoded(), ((MLDSAPrivateKey) read).getPublicKey().getEncoded());
        }
        assertEquals(0x80, PrivateKeyInfo.getInstance(seed).getPrivateKey().getOctets()[0] & 0xff, "[0] IMPLICIT tag");
    }

    @Test
    void ourSeedEncodingMatchesTheOfficialVectorsByteForByte() throws Exception {
        int checked = 0;
        for (JsonNode test : vectors().path("tests")) {
            CertAlgorithm algorithm = CertAlgorithm.byName(test.path("tcId").asText().substring(3)).orElse(null);
            byte[] x5c = Base64.getDecoder().decode(test.path("x5c").asText());
            if (algorithm != null) {
                // every composite we issue is recognised in the official certificates
                assertEquals(algorithm, KeyAlgorithms.certAlgorithm(x509(x5c).getPublicKey()).orElseThrow());
            }
            if (algorithm == null || algorithm.composite()) {
                continue;
            }
            byte[] skPkcs8 = Base64.getDecoder().decode(test.path("sk_pkcs8").asText());
            PrivateKey key = Pem.readPrivateKey(Pem.privateKey(skPkcs8));
            assertArrayEquals(skPkcs8, PrivateKeyEncoding.SEED.pkcs8(key, algorithm), test.path("tcId").asText());
            byte[] rawPk = SubjectPublicKeyInfo.getInstance(((MLDSAPrivateKey) key).getPublicKey().getEncoded())
                    .getPublicKeyData().getBytes();
            assertArrayEquals(Base64.getDecoder().decode(test.path("pk").asText()), rawPk,
                    "FIPS 204 key generation from the vector's seed gives the vector's public key");
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void aCaReadBackFromPemIssuesAgain() throws Exception {
        CertificateAuthority ca = ca(CertAlgorithm.ML_DSA_87);
        CertificateAuthority read = CertificateAuthority.fromPem(Pem.certificates(List.of(ca.certificate())),
                Pem.privateKey(PrivateKeyEncoding.SEED.pkcs8(ca.key(), CertAlgorithm.ML_DSA_87)));
        assertEquals(CertAlgorithm.ML_DSA_87, read.algorithm());
        X509Certificate leaf = issuer.issue(read, request(CertAlgorithm.ML_DSA_65, null, "x.svc"), Crypto.random())
                .certificate();
        leaf.verify(ca.certificate().getPublicKey(), Crypto.provider());
        assertNotNull(leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId()));
    }

    /** Flips a bit near the end of the signature value: in the traditional half of a composite signature. */
    static X509Certificate tamper(X509Certificate cert) throws Exception {
        byte[] der = cert.getEncoded();
        der[der.length - 10] ^= 0x01; // inside the signature value
        return x509(der);
    }

    /** Flips a bit in the ML-DSA half of a composite signature (mldsaSig || tradSig; the signature ends the DER). */
    static X509Certificate tamperMldsaHalf(X509Certificate cert) throws Exception {
        byte[] der = cert.getEncoded();
        int signatureStart = der.length - cert.getSignature().length;
        der[signatureStart + 100] ^= 0x01; // past c~ (at most 64 bytes), inside z
        return x509(der);
    }

    static X509Certificate x509(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509", Crypto.provider())
                .generateCertificate(new ByteArrayInputStream(der));
    }

    static JsonNode vectors() throws Exception {
        Path file = Path.of(System.getProperty("autopilot.shared.dir", "../../../shared"),
                "datasets/pqc-vectors/lamps-composite-sigs-testvectors.json");
        return new ObjectMapper().readTree(Files.readAllBytes(file));
    }

    /** Fixed bytes for the first draw (the serial), real randomness after: isolates the signer's use of it. */
    static final class FixedSerialRandom extends SecureRandom {
        private boolean first = true;

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (first) {
                Arrays.fill(bytes, (byte) 0x42);
                first = false;
            } else {
                super.nextBytes(bytes);
            }
        }
    }
}
