package io.autopilot.certificates.bench;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.autopilot.certificates.CertAlgorithm;
import io.autopilot.certificates.CertificateAuthority;
import io.autopilot.certificates.CertificateIssuer;
import io.autopilot.certificates.Crypto;
import io.autopilot.certificates.LeafRequest;
import io.autopilot.certificates.PrivateKeyEncoding;

/**
 * Certificates issued per second against the raw signing rate of the same provider, in one run.
 *
 * <ul>
 * <li>{@code rawSign}: one hedged signature by the CA key over the TBS bytes of a real leaf (same size as what the
 * issuer signs): the ceiling.</li>
 * <li>{@code issue}: the issuing path for a pre-generated leaf key: TBS building, extensions, hedged signature,
 * certificate parsing ({@link CertificateIssuer#sign}). Target: at least 0.8x {@code rawSign}.</li>
 * <li>{@code issueWithKeygen}: the same plus the leaf key generation every rotation does (for information).</li>
 * </ul>
 * {@code signer}: {@code BC} (Bouncy Castle 1.87) or {@code SUN} (the JDK's own ML-DSA, JDK 24+, ML-DSA CA only;
 * the CA key is handed to it in the expanded form, the only one it reads).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IssueBenchmark {

    @Param({ "ML-DSA-65", "MLDSA65-ECDSA-P256-SHA512" })
    public String algorithm;

    @Param({ "BC", "SUN" })
    public String signer;

    private final CertificateIssuer issuer = new CertificateIssuer();
    private final SecureRandom random = new SecureRandom();
    private CertificateAuthority ca;
    private PrivateKey signingKey;
    private Provider provider;
    private KeyPair leafKeys;
    private LeafRequest request;
    private byte[] tbs;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        CertAlgorithm alg = CertAlgorithm.byName(algorithm).orElseThrow();
        Instant now = Instant.now();
        CertificateAuthority bcCa = CertificateAuthority.selfSigned(alg, "bench CA", now, now.plus(Duration.ofDays(365)),
                random);
        if ("SUN".equals(signer)) {
            provider = Security.getProvider("SUN");
            if (alg.composite() || Runtime.version().feature() < 24) {
                throw new IllegalStateException("skip: the JDK signs only pure ML-DSA, and only from JDK 24 on");
            }
            signingKey = KeyFactory.getInstance("ML-DSA", provider).generatePrivate(
                    new PKCS8EncodedKeySpec(PrivateKeyEncoding.EXPANDED.pkcs8(bcCa.key(), alg)));
        } else {
            provider = Crypto.provider();
            signingKey = bcCa.key();
        }
        ca = new CertificateAuthority(bcCa.certificate(), signingKey, alg);
        leafKeys = KeyPairGenerator.getInstance(alg.jcaName(), Crypto.provider()).generateKeyPair();
        request = new LeafRequest(alg, List.of("web.shop.svc", "web.shop.svc.cluster.local"),
                "spiffe://cluster.local/ns/shop/sa/web", null, now, now.plus(Duration.ofDays(90)));
        X509Certificate sample = issuer.sign(ca, request, leafKeys, random, provider);
        tbs = sample.getTBSCertificate();
    }

    @Benchmark
    public byte[] rawSign() throws Exception {
        Signature s = Signature.getInstance(algorithm, provider);
        s.initSign(signingKey, random);
        s.update(tbs);
        return s.sign();
    }

    @Benchmark
    public X509Certificate issue() throws Exception {
        return issuer.sign(ca, request, leafKeys, random, provider);
    }

    @Benchmark
    public X509Certificate issueWithKeygen() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance(algorithm, Crypto.provider()).generateKeyPair();
        return issuer.sign(ca, request, keys, random, provider);
    }
}
