package io.autopilot.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.autopilot.events.CertificateInventory;
import io.autopilot.events.ProblemException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

class CertificateRotatorTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Map<String, String> WEB = Map.of(Annotations.ALGORITHM, "ML-DSA-65",
            Annotations.DNS_NAMES, "web.shop.svc,web.shop.svc.cluster.local",
            Annotations.SPIFFE_ID, "spiffe://cluster.local/ns/shop/sa/web");

    private InMemorySecretStore store;
    private CertificateRotator rotator;
    private CertificateAuthority ca;

    @BeforeEach
    void cluster() throws Exception {
        store = new InMemorySecretStore();
        ca = CertificateAuthority.selfSigned(CertAlgorithm.ML_DSA_65, "test CA", T0.minus(Duration.ofDays(1)),
                T0.plus(Duration.ofDays(3650)), Crypto.random());
        store.put(Fixtures.caSecret(ca));
        rotator = new CertificateRotator(store, new CertificateRotator.Settings(List.of("shop"),
                "autopilot/autopilot-pqc-ca", PrivateKeyEncoding.SEED, Duration.ofDays(14)));
    }

    @Test
    void issuesIntoAnOptedInSecretWithCertManagerDefaults() throws Exception {
        store.put(Fixtures.request("shop", "web", WEB));
        CertificateRotator.Outcome outcome = rotator.handle("shop", "web", T0);
        assertTrue(outcome.rotated());
        assertEquals(RenewalPolicy.MISSING_DATA, outcome.rotation().reason());
        Secret secret = store.get("shop", "web");
        X509Certificate leaf = Fixtures.leaf(secret);
        assertEquals(Duration.ofDays(90), Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()));
        assertEquals(T0.plus(Duration.ofDays(60)), outcome.rotation().renewalTime(), "renewal at 2/3 of the lifetime");
        assertEquals(T0.plus(Duration.ofDays(60)).toString(), secret.getMetadata().getAnnotations().get(Annotations.RENEWAL_TIME));
        assertEquals("seed", secret.getMetadata().getAnnotations().get(Annotations.KEY_ENCODING));
        assertEquals(54, java.util.Base64.getDecoder().decode(Fixtures.decode(secret, Annotations.TLS_KEY)
                .replaceAll("-----[A-Z ]+-----|\\s", "")).length);
        assertEquals(Pem.certificates(List.of(ca.certificate())), Fixtures.decode(secret, Annotations.CA_CRT));
        leaf.verify(ca.certificate().getPublicKey(), Crypto.provider());
        assertTrue(RenewalPolicy.keysMatch(leaf, Pem.readPrivateKey(Fixtures.decode(secret, Annotations.TLS_KEY))));
        assertFalse(secret.getData().containsKey(Annotations.PREVIOUS_CRT), "nothing to keep on first issuance");
    }

    @Test
    void doesNothingTwiceForTheSameStateSoARedeliveredEventDoesNotRotateAgain() {
        store.put(Fixtures.request("shop", "web", WEB));
        assertTrue(rotator.handle("shop", "web", T0).rotated());
        assertFalse(rotator.handle("shop", "web", T0.plusSeconds(5)).rotated());
        assertFalse(rotator.handle("shop", "web", T0.plus(Duration.ofDays(59))).rotated());
        assertEquals(1, store.updates);
    }

    @Test
    void rotatesAtTheRenewalTimeWithANewKeyAndKeepsThePreviousPairForRollback() throws Exception {
        store.put(Fixtures.request("shop", "web", WEB));
        rotator.handle("shop", "web", T0);
        Secret before = store.get("shop", "web");
        CertificateRotator.Outcome outcome = rotator.handle("shop", "web", T0.plus(Duration.ofDays(60)));
        assertTrue(outcome.rotated());
        assertEquals(RenewalPolicy.NEARING_EXPIRY, outcome.rotation().reason());
        Secret after = store.get("shop", "web");
        assertEquals(before.getData().get(Annotations.TLS_CRT), after.getData().get(Annotations.PREVIOUS_CRT));
        assertEquals(before.getData().get(Annotations.TLS_KEY), after.getData().get(Annotations.PREVIOUS_KEY));
        assertNotEquals(Fixtures.leaf(before).getPublicKey(), Fixtures.leaf(after).getPublicKey(), "a new key every time");
        assertEquals(CertificateRotator.serial(Fixtures.leaf(before)), outcome.rotation().previousSerial());
        assertEquals("2", after.getMetadata().getAnnotations().get(Annotations.REVISION));
    }

    @Test
    void honoursRenewBeforeAndRenewBeforePercentage() {
        ManagedCertificate fixed = ManagedCertificate.parse("shop", "a", Map.of(Annotations.ALGORITHM, "ML-DSA-44",
                Annotations.DNS_NAMES, "a.svc", Annotations.DURATION, "24h", Annotations.RENEW_BEFORE, "2h"),
                "autopilot/ca", PrivateKeyEncoding.SEED);
        assertEquals(T0.plus(Duration.ofHours(22)), fixed.renewalTime(T0, T0.plus(Duration.ofHours(24))));
        ManagedCertificate percent = ManagedCertificate.parse("shop", "a", Map.of(Annotations.ALGORITHM, "ML-DSA-44",
                Annotations.DNS_NAMES, "a.svc", Annotations.DURATION, "P10D", Annotations.RENEW_BEFORE_PERCENTAGE, "25"),
                "autopilot/ca", PrivateKeyEncoding.SEED);
        assertEquals(T0.plus(Duration.ofMinutes(7 * 24 * 60 + 12 * 60)), percent.renewalTime(T0, T0.plus(Duration.ofDays(10))));
    }

    @Test
    void rereadsAndDecidesAgainWhenSomeoneElseChangedTheSecretMeanwhile() {
        store.put(Fixtures.request("shop", "web", WEB));
        // someone else edits the Secret (adds a DNS name) between our read and our write
        store.beforeNextUpdate = s -> {
            Secret current = s.get("shop", "web");
            current.getMetadata().getAnnotations().put(Annotations.DNS_NAMES, "web.shop.svc,web.shop.svc.cluster.local,www.shop.example");
            s.put(current);
        };
        CertificateRotator.Outcome outcome = rotator.handle("shop", "web", T0);
        assertEquals(1, store.conflicts);
        assertEquals(1, store.updates);
        assertEquals(List.of("web.shop.svc", "web.shop.svc.cluster.local", "www.shop.example"), outcome.rotation().dnsNames(),
                "the second attempt issued for the Secret as the other writer left it, without clobbering its change");
    }

    @Test
    void givesUpWithA503AfterConflictsKeepComing() {
        store.put(Fixtures.request("shop", "web", WEB));
        InMemorySecretStore flapping = new InMemorySecretStore() {
            @Override
            public Secret update(Secret secret) {
                throw new Conflict("409");
            }
        };
        flapping.put(Fixtures.caSecret(ca));
        flapping.put(Fixtures.request("shop", "web", WEB));
        ProblemException e = assertThrows(ProblemException.class, () -> new CertificateRotator(flapping,
                rotator.settings()).handle("shop", "web", T0));
        assertEquals(503, e.problem().status());
    }

    @Test
    void reissuesWhenTheAnnotationsAskForSomethingElse() {
        store.put(Fixtures.request("shop", "web", WEB));
        rotator.handle("shop", "web", T0);
        Secret s = store.get("shop", "web");
        s.getMetadata().getAnnotations().put(Annotations.ALGORITHM, "MLDSA65-ECDSA-P256-SHA512");
        store.put(s);
        assertEquals(RenewalPolicy.KEY_MISMATCHES_SPEC, rotator.handle("shop", "web", T0.plusSeconds(60)).rotation().reason());
        s = store.get("shop", "web");
        s.getMetadata().getAnnotations().put(Annotations.SPIFFE_ID, "spiffe://cluster.local/ns/shop/sa/web2");
        store.put(s);
        assertEquals(RenewalPolicy.SPEC_CHANGED, rotator.handle("shop", "web", T0.plusSeconds(120)).rotation().reason());
        s = store.get("shop", "web");
        s.getMetadata().getAnnotations().put(Annotations.ALGORITHM, "ML-DSA-65");
        s.getMetadata().getAnnotations().put(Annotations.PRIVATE_KEY_ENCODING, "expanded");
        store.put(s);
        rotator.handle("shop", "web", T0.plusSeconds(180));
        assertEquals("expanded", store.get("shop", "web").getMetadata().getAnnotations().get(Annotations.KEY_ENCODING));
        assertFalse(rotator.handle("shop", "web", T0.plusSeconds(240)).rotated());
    }

    @Test
    void reissuesWhenTheKeyNoLongerMatchesTheCertificate() {
        store.put(Fixtures.request("shop", "web", WEB));
        rotator.handle("shop", "web", T0);
        Secret s = store.get("shop", "web");
        Secret other = store.get("shop", "web");
        rotator.handle("shop", "web", T0.plus(Duration.ofDays(61)));
        // restore the old certificate next to the new key: a botched manual rollback
        Secret botched = store.get("shop", "web");
        botched.getData().put(Annotations.TLS_CRT, s.getData().get(Annotations.TLS_CRT));
        store.put(botched);
        assertEquals(RenewalPolicy.KEYS_DIFFER, rotator.handle("shop", "web", T0.plus(Duration.ofDays(62))).rotation().reason());
        assertTrue(other.getData().containsKey(Annotations.TLS_KEY));
    }

    @Test
    void refusesABadAnnotationNamingIt() {
        store.put(Fixtures.request("shop", "web", Map.of(Annotations.ALGORITHM, "ML-DSA-66", Annotations.DNS_NAMES, "a.svc")));
        ProblemException e = assertThrows(ProblemException.class, () -> rotator.handle("shop", "web", T0));
        assertEquals(400, e.problem().status());
        assertEquals("/metadata/annotations/certificates.autopilot.io~1algorithm", e.problem().field());
        assertTrue(e.problem().detail().contains("ML-DSA-66"));
    }

    @Test
    void leavesSecretsAloneThatDidNotOptIn() throws Exception {
        store.put(Fixtures.classical("shop", "legacy", "RSA", T0.plus(Duration.ofDays(300))));
        assertFalse(rotator.handle("shop", "legacy", T0).rotated());
        assertNull(rotator.handle("shop", "missing", T0).rotation());
        assertEquals(0, store.updates);
    }

    @Test
    void sweepRotatesWhatIsDueWarnsAboutExpiringClassicalCertificatesAndReportsTheMigration() throws Exception {
        store.put(Fixtures.request("shop", "web", WEB));
        store.put(Fixtures.request("shop", "api", Map.of(Annotations.ALGORITHM, "MLDSA65-ECDSA-P256-SHA512",
                Annotations.DNS_NAMES, "api.shop.svc")));
        store.put(Fixtures.classical("shop", "legacy-rsa", "RSA", T0.plus(Duration.ofDays(5))));
        store.put(Fixtures.classical("shop", "legacy-ec", "EC", T0.plus(Duration.ofDays(200))));
        store.put(new SecretBuilder(Fixtures.request("shop", "broken", Map.of(Annotations.ALGORITHM, "RSA-4096")))
                .build());
        store.put(Fixtures.classical("payments", "elsewhere", "RSA", T0.plus(Duration.ofDays(1))));

        CertificateRotator.Sweep sweep = rotator.sweep(T0);
        assertEquals(2, sweep.rotations().size());
        CertificateInventory inv = sweep.inventory();
        assertEquals(5, inv.total(), "only the namespaces in scope");
        assertEquals(2, inv.migrated());
        assertEquals(2, inv.quantumVulnerable());
        assertEquals(1, inv.unreadable());
        assertEquals(50.0, inv.migrationPercent());
        assertEquals(Map.of("ECDSA-P256", 1, "ML-DSA-65", 1, "MLDSA65-ECDSA-P256-SHA512", 1, "RSA-2048", 1, "unreadable", 1),
                inv.byAlgorithm());
        assertEquals(List.of("legacy-rsa"), sweep.expiring().stream().map(e -> e.name()).toList());
        assertEquals(5, sweep.expiring().get(0).daysLeft());
        assertTrue(inv.certificates().stream().anyMatch(e -> e.name().equals("broken") && e.problem().contains("RSA-4096")));

        // the operator migrates legacy-ec by annotating it: the next sweep reissues it as ML-DSA
        Secret ec = store.get("shop", "legacy-ec");
        ec.getMetadata().getAnnotations().putAll(Map.of(Annotations.ALGORITHM, "ML-DSA-87", Annotations.DNS_NAMES, "ec.shop.svc"));
        store.put(ec);
        CertificateRotator.Sweep next = rotator.sweep(T0.plus(Duration.ofHours(1)));
        assertEquals(List.of("legacy-ec"), next.rotations().stream().map(r -> r.name()).toList());
        assertEquals(RenewalPolicy.KEY_MISMATCHES_SPEC, next.rotations().get(0).reason());
        assertEquals(75.0, next.inventory().migrationPercent());
    }

    @Test
    void anEmptyScopeIsFullyMigrated() {
        assertEquals(100.0, rotator.sweep(T0.truncatedTo(ChronoUnit.DAYS)).inventory().migrationPercent());
    }
}
