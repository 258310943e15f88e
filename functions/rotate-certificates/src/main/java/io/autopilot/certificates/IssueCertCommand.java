package io.autopilot.certificates;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ./autopilot issue-cert --algorithm <alg> --dns <name> [--dns <name>...] [--spiffe-id <id>] [--duration 2160h]
 * [--key-encoding seed|expanded|both] [--ca-algorithm ML-DSA-65] --out <dir>}: creates a CA in {@code <dir>} (or
 * reuses the one there: {@code ca.crt} + {@code ca.key}) and issues a leaf through the same {@link CertificateIssuer}
 * the function uses, writing {@code ca.crt}, {@code tls.crt} and {@code tls.key} as PEM. Prints public facts only.
 */
public final class IssueCertCommand {

    private IssueCertCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String algorithm = null;
        String caAlgorithm = null;
        String spiffe = null;
        String duration = "2160h";
        String encoding = "seed";
        Path dir = null;
        List<String> dns = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--algorithm" -> algorithm = value;
                    case "--ca-algorithm" -> caAlgorithm = value;
                    case "--dns" -> dns.add(value);
                    case "--spiffe-id" -> spiffe = value;
                    case "--duration" -> duration = value;
                    case "--key-encoding" -> encoding = value;
                    case "--out" -> dir = value == null ? null : Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                i++;
            }
            if (algorithm == null || dir == null) {
                throw new IllegalArgumentException("--algorithm and --out are required");
            }
            String requested = algorithm;
            CertAlgorithm leafAlgorithm = CertAlgorithm.byName(algorithm).orElseThrow(() -> new IllegalArgumentException(
                    "unknown algorithm " + requested + "; one of " + CertAlgorithm.names()));
            String requestedEncoding = encoding;
            PrivateKeyEncoding keyEncoding = PrivateKeyEncoding.byLabel(encoding).orElseThrow(
                    () -> new IllegalArgumentException("--key-encoding must be seed, expanded or both, not " + requestedEncoding));
            Duration lifetime = Durations.parse(duration);
            SecureRandom random = Crypto.random();
            Files.createDirectories(dir);
            CertificateAuthority ca = loadOrCreateCa(dir, caAlgorithm == null ? leafAlgorithm
                    : CertAlgorithm.byName(caAlgorithm).orElseThrow(() -> new IllegalArgumentException(
                            "unknown CA algorithm; one of " + CertAlgorithm.names())), keyEncoding, random, out);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            CertificateIssuer.Issued issued = new CertificateIssuer().issue(ca,
                    new LeafRequest(leafAlgorithm, dns, spiffe, null, now, now.plus(lifetime)), random);
            Files.writeString(dir.resolve("tls.crt"), Pem.certificates(List.of(issued.certificate())));
            writePrivate(dir.resolve("tls.key"), Pem.privateKey(keyEncoding.pkcs8(issued.keyPair().getPrivate(), leafAlgorithm)));
            out.printf("issued %s certificate serial %s, valid until %s, SHA-256 %s%n", leafAlgorithm.jcaName(),
                    CertificateIssuer.serial(issued.certificate()), issued.certificate().getNotAfter().toInstant(),
                    CertificateIssuer.fingerprint(issued.certificate()));
            out.printf("wrote %s, %s (%s), %s%n", dir.resolve("ca.crt"), dir.resolve("tls.crt"), dir.resolve("tls.key"),
                    keyEncoding.recordedLabel(leafAlgorithm));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("issue-cert: " + e.getMessage());
            return 2;
        } catch (IOException | GeneralSecurityException e) {
            err.println("issue-cert: " + e.getMessage());
            return 1;
        }
    }

    private static CertificateAuthority loadOrCreateCa(Path dir, CertAlgorithm algorithm, PrivateKeyEncoding encoding,
            SecureRandom random, PrintStream out) throws IOException, GeneralSecurityException {
        Path crt = dir.resolve("ca.crt");
        Path key = dir.resolve("ca.key");
        if (Files.exists(crt) && Files.exists(key)) {
            CertificateAuthority ca = CertificateAuthority.fromPem(Files.readString(crt), Files.readString(key));
            out.printf("reusing the %s CA in %s (%s)%n", ca.algorithm().jcaName(), dir,
                    ca.certificate().getSubjectX500Principal().getName());
            return ca;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CertificateAuthority ca = CertificateAuthority.selfSigned(algorithm, "autopilot " + algorithm.jcaName() + " CA",
                now, now.plus(Duration.ofDays(3650)), random);
        Files.writeString(crt, Pem.certificates(List.of(ca.certificate())));
        writePrivate(key, Pem.privateKey(encoding.pkcs8(ca.key(), algorithm)));
        out.printf("created a %s CA in %s (ca.crt, ca.key)%n", algorithm.jcaName(), dir);
        return ca;
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, pem);
    }
}
