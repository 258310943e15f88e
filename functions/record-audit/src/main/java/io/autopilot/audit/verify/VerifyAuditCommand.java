package io.autopilot.audit.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.autopilot.audit.note.Checkpoint;
import io.autopilot.audit.note.NoteKey;

/**
 * {@code ./autopilot verify-audit <base-url> [--keys FILE] [--previous FILE] [--samples N] [--token T]
 * [--save FILE]}: checks a running record-audit ledger (see {@link LedgerVerifier}); prints what passed and what
 * failed; exit 0 when everything verifies, 1 on any mismatch, 2 on a usage error.
 */
public final class VerifyAuditCommand {

    private VerifyAuditCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String base = null;
        Path keysFile = null;
        Path previousFile = null;
        Path saveFile = null;
        int samples = 16;
        String token = System.getenv("AUTOPILOT_AUDIT_TOKEN");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--keys" -> keysFile = Path.of(args[++i]);
                    case "--previous" -> previousFile = Path.of(args[++i]);
                    case "--save" -> saveFile = Path.of(args[++i]);
                    case "--samples" -> samples = Integer.parseInt(args[++i]);
                    case "--token" -> token = args[++i];
                    default -> {
                        if (args[i].startsWith("--") || base != null) {
                            throw new IllegalArgumentException("unknown argument " + args[i]);
                        }
                        base = args[i];
                    }
                }
            }
            if (base == null) {
                throw new IllegalArgumentException("the log's base URL is required");
            }
        } catch (RuntimeException e) {
            System.err.println("verify-audit: " + e.getMessage());
            System.err.println("usage: ./autopilot verify-audit <base-url> [--keys FILE] [--previous FILE] [--save FILE]"
                    + " [--samples N] [--token T]");
            return 2;
        }
        try {
            List<NoteKey> keys = new ArrayList<>();
            if (keysFile != null) {
                Files.readAllLines(keysFile).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                        .map(NoteKey::parseVkey).forEach(keys::add);
            }
            Checkpoint previous = previousFile == null ? null : Checkpoint.parse(Files.readString(previousFile));
            LedgerVerifier.Api api = http(base.replaceAll("/+$", ""), token);
            LedgerVerifier.Report report = new LedgerVerifier(api, samples, new SecureRandom())
                    .verify(keys, previous, line -> System.err.println("verify-audit: " + line));
            report.passed().forEach(p -> System.out.println("ok   " + p));
            report.failures().forEach(f -> System.out.println("FAIL " + f));
            if (saveFile != null && report.ok()) {
                Files.writeString(saveFile, api.get("/audit/checkpoint"));
            }
            System.out.println(report.ok() ? "verified: " + report.size() + " entries" : "NOT VERIFIED");
            return report.ok() ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            System.out.println("FAIL " + e.getMessage());
            System.out.println("NOT VERIFIED");
            return 1;
        }
    }

    static LedgerVerifier.Api http(String base, String token) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return path -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
            if (token != null && !token.isBlank()) {
                request.header("authorization", "Bearer " + token.trim());
            }
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
                }
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        };
    }
}
