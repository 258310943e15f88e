package io.autopilot.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Hands certificates to an implementation other than Bouncy Castle: {@code src/test/verifier/JdkVerify.java}, run as a
 * single-file program on a JDK with its own ML-DSA provider (24+; Temurin 25 here), so no Bouncy Castle is on its
 * class path. It checks signatures and PKIX paths (composites half by half, see that file). Without such a JDK the
 * calling test is skipped locally and fails in CI ({@code CI} set).
 */
final class JdkVerifier {

    record Case(String name, X509Certificate leaf, X509Certificate ca, Instant at, boolean expectValid) {
    }

    private final List<Case> cases = new ArrayList<>();
    private final Path verifier;

    JdkVerifier(Path verifier) {
        this.verifier = verifier;
    }

    static JdkVerifier forThisModule() {
        return new JdkVerifier(Path.of("src/test/verifier/JdkVerify.java").toAbsolutePath());
    }

    JdkVerifier add(String name, X509Certificate leaf, X509Certificate ca, Instant at, boolean expectValid) {
        cases.add(new Case(name.replaceAll("[^A-Za-z0-9_.-]", "_"), leaf, ca, at, expectValid));
        return this;
    }

    /** Runs every case in one JVM; returns the verifier's report lines. Fails the test on any mismatch. */
    List<String> verifyAll() throws IOException, InterruptedException {
        Path java = java25();
        Path dir = Files.createTempDirectory("jdk-verify");
        int i = 0;
        for (Case c : cases) {
            String n = String.format("%03d-%s", i++, c.name());
            Files.writeString(dir.resolve(n + "-leaf.pem"), Pem.certificates(List.of(c.leaf())));
            Files.writeString(dir.resolve(n + "-ca.pem"), Pem.certificates(List.of(c.ca())));
            Files.writeString(dir.resolve(n + ".at"), Long.toString(c.at().getEpochSecond()));
            Files.writeString(dir.resolve(n + ".expect"), c.expectValid() ? "valid" : "invalid");
        }
        Process process = new ProcessBuilder(java.toString(), verifier.toString(), dir.toString())
                .redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the JDK verifier did not finish in 120 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();
        assertEquals(0, process.exitValue(), "independent verification disagreed:\n" + output);
        assertEquals(cases.size(), lines.stream().filter(l -> l.startsWith("OK ")).count(), output);
        return lines;
    }

    static Path java25() {
        if (Runtime.version().feature() >= 24) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        String configured = System.getenv("AUTOPILOT_JDK25");
        Path candidate = Path.of(configured != null ? configured : "/usr/lib/jvm/temurin-25-jdk-amd64", "bin", "java");
        if (!Files.isExecutable(candidate)) {
            String why = "no JDK >= 24 for independent ML-DSA verification (looked for " + candidate
                    + "; set AUTOPILOT_JDK25)";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return candidate;
    }
}
