package io.autopilot.certificates.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.autopilot.certificates.CertAlgorithm;
import io.autopilot.certificates.CertificateAuthority;
import io.autopilot.certificates.CertificateIssuer;
import io.autopilot.certificates.Crypto;
import io.autopilot.certificates.LeafRequest;

/**
 * The same comparison as {@link IssueBenchmark} (issue vs raw signature, Bouncy Castle), measured in operations per
 * second of <em>thread CPU time</em>, rounds interleaved: on a shared, overloaded machine wall-clock JMH scores swing
 * by more than 100 % between iterations, CPU time much less. Run by {@code src/bench/rotate-certificates-jmh.sh}
 * after JMH; prints the median ratio of 7 rounds.
 */
public final class IssueCpuProbe {

    private IssueCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        for (CertAlgorithm alg : List.of(CertAlgorithm.ML_DSA_65, CertAlgorithm.MLDSA65_ECDSA_P256_SHA512)) {
            SecureRandom random = new SecureRandom();
            Instant now = Instant.now();
            CertificateAuthority ca = CertificateAuthority.selfSigned(alg, "probe CA", now, now.plus(Duration.ofDays(9)),
                    random);
            KeyPair keys = KeyPairGenerator.getInstance(alg.jcaName(), Crypto.provider()).generateKeyPair();
            LeafRequest request = new LeafRequest(alg, List.of("web.shop.svc", "web.shop.svc.cluster.local"),
                    "spiffe://cluster.local/ns/shop/sa/web", null, now, now.plus(Duration.ofDays(90)));
            CertificateIssuer issuer = new CertificateIssuer();
            byte[] tbs = issuer.sign(ca, request, keys, random).getTBSCertificate();
            List<Double> ratios = new ArrayList<>();
            List<Double> raws = new ArrayList<>();
            List<Double> issues = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    Signature s = Signature.getInstance(alg.jcaName(), Crypto.provider());
                    s.initSign(ca.key(), random);
                    s.update(tbs);
                    s.sign();
                }
                long c1 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    issuer.sign(ca, request, keys, random);
                }
                long c2 = cpu.getCurrentThreadCpuTime();
                if (round == 0) {
                    continue; // warm-up
                }
                double raw = n / ((c1 - c0) / 1e9);
                double issue = n / ((c2 - c1) / 1e9);
                raws.add(raw);
                issues.add(issue);
                ratios.add(issue / raw);
            }
            System.out.printf("cpu-probe %-26s rawSign %6.0f/cpu-s  issue %6.0f/cpu-s  issue/raw median %.2f (min %.2f, max %.2f)%n",
                    alg.jcaName(), median(raws), median(issues), median(ratios), Collections.min(ratios),
                    Collections.max(ratios));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
