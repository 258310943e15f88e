package io.autopilot.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Hands certificates to two implementations other than Bouncy Castle, each in its own process with no Bouncy Castle
 * on its path:
 * <ul>
 * <li>{@code src/test/verifier/JdkVerify.java}, a single-file program on a JDK with its own ML-DSA provider (24+;
 * Temurin 25 here): signatures and PKIX paths; of a composite signature only the traditional half (the JDK has no
 * FIPS 204 context strings);</li>
 * <li>{@code src/test/verifier-node/verify.mjs} on Node.js with {@code @noble/post-quantum} and {@code @noble/curves},
 * installed by {@code run.mjs} into {@code target/verifier-node} with {@code npm ci} from the committed lock file on
 * first use: every signature, composites half by half (ML-DSA with ctx = the draft's Label), names, validity and the
 * issuer's CA flags. This is the only check of a composite's ML-DSA half, and the only verifier on a JDK 17 machine
 * without a JDK 25.</li>
 * </ul>
 * Both see the same cases; a disagreement with a case's expectation fails the calling test. A verifier that is missing
 * (no JDK >= 24, no {@code node}) fails the test in CI ({@code CI} set); locally its part is skipped, and the test is
 * skipped only when neither could run.
 */
final class IndependentVerifier {

    record Case(String name, X509Certificate leaf, X509Certificate ca, Instant at, boolean expectValid,
            Boolean expectValidByJdk) {
    }

    /** What each verifier printed; empty where that verifier was not available (locally only). */
    record Report(Optional<List<String>> jdk, Optional<List<String>> node) {

        /** The Node verifier's line for a case (the name as given to {@code add}). */
        String nodeLine(String name) {
            return line(node.orElseThrow(), name);
        }

        Optional<String> jdkLine(String name) {
            return jdk.map(lines -> line(lines, name));
        }

        private static String line(List<String> lines, String name) {
            String n = sanitize(name);
            return lines.stream().filter(l -> l.matches("(OK|MISMATCH) \\d{3}-" + java.util.regex.Pattern.quote(n) + " .*"))
                    .findFirst().orElseThrow(() -> new AssertionError("no line for " + n + " in\n" + String.join("\n", lines)));
        }
    }

    private final List<Case> cases = new ArrayList<>();
    private final Path jdkVerifier;
    private final Path nodeRunner;
    private final Path nodeInstallDir;

    IndependentVerifier(Path jdkVerifier, Path nodeRunner, Path nodeInstallDir) {
        this.jdkVerifier = jdkVerifier;
        this.nodeRunner = nodeRunner;
        this.nodeInstallDir = nodeInstallDir;
    }

    static IndependentVerifier forThisModule() {
        return new IndependentVerifier(Path.of("src/test/verifier/JdkVerify.java").toAbsolutePath(),
                Path.of("src/test/verifier-node/run.mjs").toAbsolutePath(), Path.of("target/verifier-node").toAbsolutePath());
    }

    IndependentVerifier add(String name, X509Certificate leaf, X509Certificate ca, Instant at, boolean expectValid) {
        cases.add(new Case(sanitize(name), leaf, ca, at, expectValid, null));
        return this;
    }

    /**
     * A composite-signed certificate whose ML-DSA half alone is forged: the Node verifier must refuse it; the JDK, which
     * cannot check that half, accepts it (expected, and asserted, so the blind spot stays visible).
     */
    IndependentVerifier addMldsaHalfForgery(String name, X509Certificate leaf, X509Certificate ca, Instant at) {
        cases.add(new Case(sanitize(name), leaf, ca, at, false, true));
        return this;
    }

    static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Runs every case through both verifiers; fails the test on any disagreement. */
    Report verifyAll() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("independent-verify");
        int i = 0;
        for (Case c : cases) {
            String n = String.format("%03d-%s", i++, c.name());
            Files.writeString(dir.resolve(n + "-leaf.pem"), Pem.certificates(List.of(c.leaf())));
            Files.writeString(dir.resolve(n + "-ca.pem"), Pem.certificates(List.of(c.ca())));
            Files.writeString(dir.resolve(n + ".at"), Long.toString(c.at().getEpochSecond()));
            Files.writeString(dir.resolve(n + ".expect"), c.expectValid() ? "valid" : "invalid");
            if (c.expectValidByJdk() != null) {
                Files.writeString(dir.resolve(n + ".expect-jdk"), c.expectValidByJdk() ? "valid" : "invalid");
            }
        }
        List<String> missing = new ArrayList<>();
        Optional<Path> java = java25();
        Optional<List<String>> jdk = Optional.empty();
        if (java.isPresent()) {
            jdk = Optional.of(run("JDK", List.of(java.get().toString(), jdkVerifier.toString(), dir.toString())));
        } else {
            missing.add("a JDK >= 24 (looked for " + jdkCandidate() + "; set AUTOPILOT_JDK25)");
        }
        Optional<String> node = node();
        Optional<List<String>> nodeLines = Optional.empty();
        if (node.isPresent()) {
            nodeLines = Optional.of(run("Node", List.of(node.get(), nodeRunner.toString(), nodeInstallDir.toString(),
                    dir.toString())));
        } else {
            missing.add("node >= 20.19 on the PATH (or AUTOPILOT_NODE) for the @noble/post-quantum verifier");
        }
        unavailable(missing, jdk.isPresent() || nodeLines.isPresent());
        return new Report(jdk, nodeLines);
    }

    private List<String> run(String which, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes(); // drains while it runs; the process ends after
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the " + which + " verifier did not finish in 300 s");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();
        assertEquals(0, process.exitValue(), "independent verification (" + which + ") disagreed:\n" + output);
        assertEquals(cases.size(), lines.stream().filter(l -> l.startsWith("OK ")).count(), output);
        // the per-algorithm counts and the summary, for the build log
        lines.stream().filter(l -> l.startsWith("count ") || l.contains("cases=")).forEach(l -> System.out.println(which + ": " + l));
        return lines;
    }

    /** Runs the Node verifier on the official LAMPS vectors ({@code --vectors}); returns its lines. */
    List<String> verifyVectors(Path vectors) throws IOException, InterruptedException {
        Optional<String> node = node();
        if (node.isEmpty()) {
            unavailable(List.of("node >= 20.19 on the PATH (or AUTOPILOT_NODE)"), false);
        }
        List<String> command = List.of(node.get(), nodeRunner.toString(), nodeInstallDir.toString(), "--vectors",
                vectors.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the Node verifier did not finish in 300 s");
        String output = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "the Node verifier disagrees with the official vectors:\n" + output);
        return output.lines().toList();
    }

    private static void unavailable(List<String> missing, boolean somethingRan) {
        if (missing.isEmpty()) {
            return;
        }
        String why = "independent verification incomplete: missing " + String.join(" and ", missing);
        if (System.getenv("CI") != null) {
            fail(why);
        }
        if (!somethingRan) {
            Assumptions.abort(why);
        }
        System.err.println(why + " (skipped locally; CI fails)");
    }

    static Optional<Path> java25() {
        if (Runtime.version().feature() >= 24) {
            return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        Path candidate = jdkCandidate();
        return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private static Path jdkCandidate() {
        String configured = System.getenv("AUTOPILOT_JDK25");
        return Path.of(configured != null ? configured : "/usr/lib/jvm/temurin-25-jdk-amd64", "bin", "java");
    }

    /** {@code node} (AUTOPILOT_NODE or the PATH's) if it runs and is at least 20.19, which @noble/* 2.x require. */
    static Optional<String> node() {
        String node = System.getenv().getOrDefault("AUTOPILOT_NODE", "node");
        try {
            Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            String[] parts = version.replaceFirst("^v", "").split("\\.");
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            return major > 20 || (major == 20 && minor >= 19) ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
