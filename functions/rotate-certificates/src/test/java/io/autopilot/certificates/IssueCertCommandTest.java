package io.autopilot.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueCertCommandTest {

    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream out, String... args) {
        return IssueCertCommand.run(args, new PrintStream(out), new PrintStream(out));
    }

    @Test
    void createsACaThenReusesItAndEveryLeafVerifiesIndependently() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(out, "--algorithm", "ML-DSA-65", "--dns", "web.default.svc", "--spiffe-id",
                "spiffe://cluster.local/ns/default/sa/web", "--out", dir.toString()), out.toString());
        String ca = Files.readString(dir.resolve("ca.crt"));
        var first = Pem.readCertificates(Files.readString(dir.resolve("tls.crt"))).get(0);
        assertEquals(0, run(out, "--algorithm", "MLDSA65-ECDSA-P256-SHA512", "--dns", "api.default.svc",
                "--key-encoding", "expanded", "--out", dir.toString()), out.toString());
        assertEquals(ca, Files.readString(dir.resolve("ca.crt")), "the CA is reused");
        assertTrue(out.toString().contains("reusing the ML-DSA-65 CA"));
        var second = Pem.readCertificates(Files.readString(dir.resolve("tls.crt"))).get(0);
        assertEquals(CertAlgorithm.MLDSA65_ECDSA_P256_SHA512, KeyAlgorithms.certAlgorithm(second.getPublicKey()).orElseThrow());
        assertTrue(RenewalPolicy.keysMatch(second, Pem.readPrivateKey(Files.readString(dir.resolve("tls.key")))));
        assertFalse(out.toString().contains("PRIVATE KEY"), "prints public facts only");
        var caCert = Pem.readCertificates(ca).get(0);
        IndependentVerifier.forThisModule().add("issue-cert-mldsa65", first, caCert, Instant.now().plusSeconds(60), true)
                .add("issue-cert-composite", second, caCert, Instant.now().plusSeconds(60), true).verifyAll();
    }

    @Test
    void aCompositeCaSignsAndBothHalvesOfItsSignatureVerifyIndependently() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(out, "--algorithm", "ML-DSA-44", "--ca-algorithm", "MLDSA87-ECDSA-P384-SHA512", "--dns",
                "db.default.svc", "--out", dir.toString()), out.toString());
        var caCert = Pem.readCertificates(Files.readString(dir.resolve("ca.crt"))).get(0);
        var leaf = Pem.readCertificates(Files.readString(dir.resolve("tls.crt"))).get(0);
        assertEquals(CertAlgorithm.MLDSA87_ECDSA_P384_SHA512.oid(), leaf.getSigAlgOID());
        IndependentVerifier.Report report = IndependentVerifier.forThisModule()
                .add("issue-cert-composite-ca", leaf, caCert, Instant.now().plusSeconds(60), true).verifyAll();
        if (report.node().isPresent()) {
            String line = report.nodeLine("issue-cert-composite-ca");
            assertTrue(line.contains("leaf:MLDSA87-ECDSA-P384-SHA512 mldsa-half=ok(ML-DSA-87") && line.contains("trad-half=ok"),
                    line);
        }
    }

    @Test
    void refusesAnUnknownAlgorithmWithUsageExitCode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, run(out, "--algorithm", "RSA-2048", "--dns", "x.svc", "--out", dir.toString()));
        assertTrue(out.toString().contains("unknown algorithm RSA-2048"));
        assertEquals(2, run(out, "--algorithm", "ML-DSA-65", "--dns", "Bad_Name", "--out", dir.toString()));
    }
}
