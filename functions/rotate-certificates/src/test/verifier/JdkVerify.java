// Independent verifier, run by the tests with a JDK >= 24 as a single-file program (`java JdkVerify.java <dir>`):
// only the JDK's own providers (SUN ML-DSA, SunEC) are on its class path, no Bouncy Castle, so it checks Bouncy
// Castle's certificates with a second implementation. For every case <n> in <dir>: <n>-leaf.pem, <n>-ca.pem,
// <n>.at (validation time, epoch seconds) and <n>.expect ("valid" or "invalid"; <n>.expect-jdk, when present,
// overrides it for this verifier: a composite whose ML-DSA half alone is forged is invalid, but this verifier cannot
// see that half, and the tests say so). The same cases go to the Node verifier (../verifier-node), which checks both.
// - ML-DSA-signed leaves: X509Certificate.verify with the CA key, then PKIX CertPathValidator (chain, validity,
//   basicConstraints, key usage) with the CA as trust anchor.
// - Composite-signed leaves (draft-ietf-lamps-pq-composite-sigs): verified half by half. The traditional half
//   (ECDSA or Ed25519) is checked here over M' = Prefix || Label || len(ctx)=0 || PH(tbs); the JDK cannot check the ML-DSA
//   half (it has no FIPS 204 context strings, and the draft signs with ctx = Label), so that half is reported as
//   "mldsa-half=unchecked".
// Prints one line per case; exits 1 if any case disagrees with its expectation.
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.*;
import java.security.cert.*;
import java.security.spec.*;
import java.util.*;

public class JdkVerify {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int failures = 0;
        List<Path> leaves;
        try (var s = Files.list(dir)) {
            leaves = s.filter(p -> p.getFileName().toString().endsWith("-leaf.pem")).sorted().toList();
        }
        for (Path leafFile : leaves) {
            String n = leafFile.getFileName().toString().replace("-leaf.pem", "");
            Path expect = Files.exists(dir.resolve(n + ".expect-jdk")) ? dir.resolve(n + ".expect-jdk")
                    : dir.resolve(n + ".expect");
            boolean expectValid = Files.readString(expect).trim().equals("valid");
            String result;
            boolean valid;
            try {
                X509Certificate leaf = cert(leafFile);
                X509Certificate ca = cert(dir.resolve(n + "-ca.pem"));
                Date at = new Date(Long.parseLong(Files.readString(dir.resolve(n + ".at")).trim()) * 1000);
                String sigOid = leaf.getSigAlgOID();
                if (sigOid.startsWith("1.3.6.1.5.5.7.6.")) {
                    result = composite(leaf, ca, sigOid);
                } else {
                    leaf.verify(ca.getPublicKey());
                    TrustAnchor anchor = new TrustAnchor(ca, null);
                    PKIXParameters params = new PKIXParameters(Set.of(anchor));
                    params.setRevocationEnabled(false);
                    params.setDate(at);
                    CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
                    CertPathValidator.getInstance("PKIX").validate(path, params);
                    result = "pkix-ok sig=" + leaf.getSigAlgName() + " provider="
                            + Signature.getInstance(leaf.getSigAlgName()).getProvider().getName();
                }
                valid = true;
            } catch (Exception e) {
                valid = false;
                result = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            boolean ok = valid == expectValid;
            failures += ok ? 0 : 1;
            System.out.println((ok ? "OK " : "MISMATCH ") + n + " expected=" + (expectValid ? "valid" : "invalid")
                    + " got=" + (valid ? "valid" : "invalid") + " " + result);
        }
        System.out.println("java.version=" + System.getProperty("java.version") + " cases=" + leaves.size()
                + " mismatches=" + failures);
        System.exit(failures == 0 ? 0 : 1);
    }

    static X509Certificate cert(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    // ML-DSA signature lengths (FIPS 204) and the traditional half's curve and hash, per composite OID arc number.
    record Composite(String label, int mldsaSigLen, int mldsaPkLen, String curve, String ecdsaAlg, String ph) {}

    static final Map<String, Composite> COMPOSITES = Map.of(
            "39", new Composite("COMPSIG-MLDSA44-Ed25519-SHA512", 2420, 1312, null, "Ed25519", "SHA-512"),
            "40", new Composite("COMPSIG-MLDSA44-ECDSA-P256-SHA256", 2420, 1312, "secp256r1", "SHA256withECDSA", "SHA-256"),
            "48", new Composite("COMPSIG-MLDSA65-Ed25519-SHA512", 3309, 1952, null, "Ed25519", "SHA-512"),
            "45", new Composite("COMPSIG-MLDSA65-ECDSA-P256-SHA512", 3309, 1952, "secp256r1", "SHA256withECDSA", "SHA-512"),
            "46", new Composite("COMPSIG-MLDSA65-ECDSA-P384-SHA512", 3309, 1952, "secp384r1", "SHA384withECDSA", "SHA-512"),
            "49", new Composite("COMPSIG-MLDSA87-ECDSA-P384-SHA512", 4627, 2592, "secp384r1", "SHA384withECDSA", "SHA-512"));

    static String composite(X509Certificate leaf, X509Certificate ca, String oid) throws Exception {
        Composite c = COMPOSITES.get(oid.substring(oid.lastIndexOf('.') + 1));
        if (c == null) {
            throw new SignatureException("composite " + oid + " not supported by this verifier");
        }
        byte[] sig = leaf.getSignature();
        byte[] tradSig = Arrays.copyOfRange(sig, c.mldsaSigLen(), sig.length);
        byte[] caKey = rawKey(ca.getPublicKey().getEncoded());
        byte[] point = Arrays.copyOfRange(caKey, c.mldsaPkLen(), caKey.length);
        PublicKey ec;
        if (c.curve() == null) {
            // Ed25519: the raw 32-byte key inside the fixed SubjectPublicKeyInfo prefix of RFC 8410
            byte[] spki = new byte[44];
            System.arraycopy(new byte[] { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 }, 0,
                    spki, 0, 12);
            System.arraycopy(point, 0, spki, 12, 32);
            ec = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } else {
            ECParameterSpec params = ecParams(c.curve());
            int size = (point.length - 1) / 2;
            ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size)),
                    new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length)));
            ec = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
        }
        byte[] prefix = "CompositeAlgorithmSignatures2025".getBytes(StandardCharsets.US_ASCII);
        byte[] label = c.label().getBytes(StandardCharsets.US_ASCII);
        byte[] ph = MessageDigest.getInstance(c.ph()).digest(leaf.getTBSCertificate());
        var m = new java.io.ByteArrayOutputStream();
        m.write(prefix);
        m.write(label);
        m.write(0);
        m.write(ph);
        Signature v = Signature.getInstance(c.ecdsaAlg());
        v.initVerify(ec);
        v.update(m.toByteArray());
        if (!v.verify(tradSig)) {
            throw new SignatureException("the traditional (" + c.ecdsaAlg() + ") half of the composite signature does not verify");
        }
        if (!leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            throw new CertificateException("issuer does not match the CA subject");
        }
        leaf.checkValidity();
        return "composite trad-half=ok(" + c.ecdsaAlg() + ") mldsa-half=unchecked(JDK has no ML-DSA context strings)";
    }

    static ECParameterSpec ecParams(String curve) throws Exception {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(curve));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    // SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING }: return the BIT STRING's bytes.
    static byte[] rawKey(byte[] spki) {
        int[] pos = {0};
        header(spki, pos); // outer SEQUENCE
        int algLen = header(spki, pos); // AlgorithmIdentifier
        pos[0] += algLen;
        int bitLen = header(spki, pos); // BIT STRING
        return Arrays.copyOfRange(spki, pos[0] + 1, pos[0] + bitLen); // skip the unused-bits byte
    }

    static int header(byte[] der, int[] pos) {
        pos[0]++; // tag
        int len = der[pos[0]++] & 0xff;
        if (len > 0x80) {
            int n = len - 0x80;
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[pos[0]++] & 0xff);
            }
        }
        return len;
    }
}
