package io.autopilot.certificates;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import io.autopilot.events.CertificateExpiry;
import io.autopilot.events.CertificateInventory;
import io.autopilot.events.CertificateRotation;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * The rotation logic, free of Quarkus: read a managed Secret, decide by {@link RenewalPolicy}, issue, write back with
 * optimistic concurrency (a 409 means someone else changed it: re-read and decide again, never overwrite), keep the
 * previous pair for rollback; and the sweep that does this for every managed Secret in scope and classifies all TLS
 * Secrets for the migration inventory. Nothing here logs or returns key material: events carry serials, fingerprints,
 * names and times.
 */
public final class CertificateRotator {

    private static final Logger LOG = Logger.getLogger(CertificateRotator.class);
    static final int MAX_CONFLICTS = 3;

    /** Settings from {@code autopilot.rotate-certificates.*}. */
    public record Settings(List<String> namespaces, String defaultIssuer, PrivateKeyEncoding defaultEncoding,
            Duration expiringWithin) {
    }

    /** What handling one Secret led to: a rotation, or nothing, with the reason for the log. */
    public record Outcome(CertificateRotation rotation, String note) {
        public boolean rotated() {
            return rotation != null;
        }
    }

    /** A sweep's events: one rotation or expiry per certificate concerned, and the inventory. */
    public record Sweep(List<CertificateRotation> rotations, List<CertificateExpiry> expiring,
            CertificateInventory inventory) {
    }

    private final SecretStore store;
    private final Settings settings;
    private final CertificateIssuer issuer = new CertificateIssuer();

    public CertificateRotator(SecretStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** Handles one Secret by name (from an ApiServerSource event): re-reads it, so a stale event cannot mislead. */
    public Outcome handle(String namespace, String name, Instant now) {
        Map<String, CertificateAuthority> cas = new HashMap<>();
        for (int attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
            Secret secret = store.get(namespace, name);
            if (secret == null) {
                return new Outcome(null, "the Secret is gone");
            }
            if (!ManagedCertificate.optedIn(annotations(secret))) {
                return new Outcome(null, "not managed (no " + Annotations.ALGORITHM + " annotation)");
            }
            if (!Annotations.TLS_TYPE.equals(secret.getType())) {
                throw ManagedCertificate.invalid(Annotations.ALGORITHM, "only Secrets of type kubernetes.io/tls are "
                        + "managed; " + namespace + "/" + name + " is " + secret.getType());
            }
            ManagedCertificate spec = ManagedCertificate.parse(namespace, name, annotations(secret),
                    settings.defaultIssuer(), settings.defaultEncoding());
            CertificateAuthority ca = cas.computeIfAbsent(spec.issuerRef(), ref -> loadCa(spec));
            Map<String, String> data = decoded(secret);
            RenewalPolicy.Decision decision = RenewalPolicy.decide(spec, data.get(Annotations.TLS_CRT),
                    data.get(Annotations.TLS_KEY), annotations(secret).get(Annotations.KEY_ENCODING), ca, now);
            if (!decision.due()) {
                return new Outcome(null, "up to date; renewal due " + decision.renewalTime());
            }
            CertificateIssuer.Issued issued;
            try {
                issued = issuer.issue(ca, spec.request(now), Crypto.random());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("issuing failed for " + namespace + "/" + name + ": " + e.getMessage(), e);
            }
            Secret updated = rotated(secret, data, spec, ca, issued, decision);
            try {
                store.update(updated);
            } catch (SecretStore.Conflict e) {
                LOG.infof("%s/%s changed while it was being rotated (attempt %d of %d): re-reading", namespace, name,
                        attempt, MAX_CONFLICTS);
                continue;
            }
            CertificateRotation rotation = rotation(spec, ca, issued, decision, updated);
            LOG.infof("rotated %s/%s: %s, serial %s, reason %s, valid until %s", namespace, name,
                    spec.algorithm().jcaName(), rotation.serial(), decision.reason(), rotation.notAfter());
            return new Outcome(rotation, decision.reason());
        }
        throw new ProblemException(ProblemTypes.unavailable(namespace + "/" + name + " kept changing while it was "
                + "being rotated (" + MAX_CONFLICTS + " conflicts in a row); try again later"));
    }

    /** Rotates what is due in every namespace in scope and classifies every TLS Secret there. */
    public Sweep sweep(Instant now) {
        List<CertificateRotation> rotations = new ArrayList<>();
        List<CertificateExpiry> expiring = new ArrayList<>();
        List<CertificateInventory.Entry> entries = new ArrayList<>();
        for (String namespace : settings.namespaces()) {
            for (Secret listed : store.listTls(namespace)) {
                String name = listed.getMetadata().getName();
                boolean managed = ManagedCertificate.optedIn(annotations(listed));
                String problem = null;
                Secret current = listed;
                if (managed) {
                    try {
                        Outcome outcome = handle(namespace, name, now);
                        if (outcome.rotated()) {
                            rotations.add(outcome.rotation());
                            current = store.get(namespace, name);
                        }
                    } catch (ProblemException e) {
                        if (!e.isPermanent()) {
                            throw e;
                        }
                        problem = e.problem().detail();
                        LOG.warnf("%s/%s cannot be rotated: %s", namespace, name, problem);
                    }
                }
                CertificateInventory.Entry entry = classify(namespace, name, current, managed, problem);
                entries.add(entry);
                if (entry.notAfter() != null && (problem != null || !managed)
                        && now.plus(settings.expiringWithin()).isAfter(entry.notAfter())) {
                    expiring.add(new CertificateExpiry(namespace, name, entry.algorithm(), entry.quantumSafe(), managed,
                            entry.notAfter(), Duration.between(now, entry.notAfter()).toDays(),
                            problem != null ? problem : "not managed by rotate-certificates"));
                }
            }
        }
        return new Sweep(rotations, expiring, inventory(now, entries));
    }

    CertificateInventory inventory(Instant now, List<CertificateInventory.Entry> entries) {
        int migrated = 0;
        int vulnerable = 0;
        int unreadable = 0;
        Map<String, Integer> byAlgorithm = new TreeMap<>();
        for (CertificateInventory.Entry e : entries) {
            byAlgorithm.merge(e.algorithm(), 1, Integer::sum);
            if (e.notAfter() == null) {
                unreadable++;
            } else if (e.quantumSafe()) {
                migrated++;
            } else {
                vulnerable++;
            }
        }
        double percent = migrated + vulnerable == 0 ? 100.0
                : Math.round(1000.0 * migrated / (migrated + vulnerable)) / 10.0;
        return new CertificateInventory(now, settings.namespaces(), entries.size(), migrated, vulnerable, unreadable,
                percent, byAlgorithm, entries);
    }

    static CertificateInventory.Entry classify(String namespace, String name, Secret secret, boolean managed,
            String problem) {
        try {
            X509Certificate certificate = Pem.readCertificates(decoded(secret).get(Annotations.TLS_CRT)).get(0);
            return new CertificateInventory.Entry(namespace, name, KeyAlgorithms.describe(certificate.getPublicKey()),
                    KeyAlgorithms.quantumSafe(certificate.getPublicKey()), managed,
                    certificate.getNotAfter().toInstant(), problem);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new CertificateInventory.Entry(namespace, name, "unreadable", false, managed, null,
                    problem != null ? problem : "tls.crt holds no readable certificate");
        }
    }

    private CertificateAuthority loadCa(ManagedCertificate spec) {
        Secret secret = store.get(spec.issuerNamespace(), spec.issuerName());
        if (secret == null) {
            throw ManagedCertificate.invalid(Annotations.ISSUER, "the CA Secret " + spec.issuerRef() + " does not exist");
        }
        Map<String, String> data = decoded(secret);
        try {
            return CertificateAuthority.fromPem(data.get(Annotations.TLS_CRT), data.get(Annotations.TLS_KEY));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ManagedCertificate.invalid(Annotations.ISSUER, "the CA Secret " + spec.issuerRef()
                    + " holds no usable CA (tls.crt + tls.key): " + e.getMessage());
        }
    }

    private Secret rotated(Secret secret, Map<String, String> data, ManagedCertificate spec, CertificateAuthority ca,
            CertificateIssuer.Issued issued, RenewalPolicy.Decision decision) {
        Map<String, String> newData = new LinkedHashMap<>(secret.getData() == null ? Map.of() : secret.getData());
        if (decision.current() != null && data.get(Annotations.TLS_KEY) != null) {
            // one revision kept for rollback (documented): the pair as it was before this rotation
            newData.put(Annotations.PREVIOUS_CRT, secret.getData().get(Annotations.TLS_CRT));
            newData.put(Annotations.PREVIOUS_KEY, secret.getData().get(Annotations.TLS_KEY));
        }
        newData.put(Annotations.TLS_CRT, base64(Pem.certificates(List.of(issued.certificate()))));
        newData.put(Annotations.TLS_KEY, base64(Pem.privateKey(spec.encoding().pkcs8(issued.keyPair().getPrivate(),
                spec.algorithm()))));
        newData.put(Annotations.CA_CRT, base64(Pem.certificates(List.of(ca.certificate()))));
        Map<String, String> ann = new LinkedHashMap<>(annotations(secret));
        int revision = parseInt(ann.get(Annotations.REVISION)) + 1;
        ann.put(Annotations.SERIAL, serial(issued.certificate()));
        ann.put(Annotations.NOT_AFTER, issued.certificate().getNotAfter().toInstant().toString());
        ann.put(Annotations.RENEWAL_TIME, spec.renewalTime(issued.certificate().getNotBefore().toInstant(),
                issued.certificate().getNotAfter().toInstant()).toString());
        ann.put(Annotations.REVISION, Integer.toString(revision));
        ann.put(Annotations.KEY_ENCODING, spec.encoding().recordedLabel(spec.algorithm()));
        ann.put(Annotations.LAST_REASON, decision.reason());
        if (decision.current() != null) {
            ann.put(Annotations.PREVIOUS_SERIAL, serial(decision.current()));
        }
        // resourceVersion stays as read: the write is refused (409) if the Secret changed meanwhile
        return new SecretBuilder(secret).editMetadata().withAnnotations(ann).endMetadata().withData(newData).build();
    }

    private static CertificateRotation rotation(ManagedCertificate spec, CertificateAuthority ca,
            CertificateIssuer.Issued issued, RenewalPolicy.Decision decision, Secret updated) {
        X509Certificate c = issued.certificate();
        return new CertificateRotation(spec.namespace(), spec.name(), spec.algorithm().jcaName(), decision.reason(),
                serial(c), decision.current() == null ? null : serial(decision.current()), fingerprint(c),
                spec.dnsNames(), spec.spiffeId(), ca.certificate().getSubjectX500Principal().getName(),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                spec.renewalTime(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()),
                spec.encoding().recordedLabel(spec.algorithm()));
    }

    public static String serial(X509Certificate certificate) {
        return CertificateIssuer.serial(certificate);
    }

    public static String fingerprint(X509Certificate certificate) {
        return CertificateIssuer.fingerprint(certificate);
    }

    static Map<String, String> annotations(Secret secret) {
        Map<String, String> a = secret.getMetadata() == null ? null : secret.getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    static Map<String, String> decoded(Secret secret) {
        Map<String, String> out = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> {
                try {
                    out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // not base64: treated as missing
                }
            });
        }
        if (secret.getStringData() != null) {
            out.putAll(secret.getStringData());
        }
        return out;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
