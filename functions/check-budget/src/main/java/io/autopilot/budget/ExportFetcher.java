package io.autopilot.budget;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Brings an export to a local file DuckDB can scan: HTTP(S) objects (S3 objects signed with the pod's AWS
 * credentials, see {@link AwsCredentials}; public or presigned S3/GCS URLs; Azure SAS URLs) are streamed to a
 * temporary file, never held in memory; {@code file:} URLs are read in place but only under the
 * configured folder, so an event cannot make the function read arbitrary files of its container.
 */
public final class ExportFetcher {

    /** A local file to scan, deleted on close when it was a download. */
    public record Fetched(Path path, boolean temporary) implements AutoCloseable {
        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a temp file left behind is not worth failing an evaluation for
                }
            }
        }
    }

    private final ExportLocator locator;
    private final Optional<Path> localDir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private final AwsCredentials aws;
    private final BearerTokens tokens;

    public ExportFetcher(ExportLocator locator, Optional<Path> localDir) {
        this(locator, localDir, AwsCredentials.fromEnvironment(), BearerTokens.fromEnvironment());
    }

    public ExportFetcher(ExportLocator locator, Optional<Path> localDir, AwsCredentials aws) {
        this(locator, localDir, aws, BearerTokens.fromEnvironment());
    }

    /**
     * @param aws    where S3 credentials come from; S3 objects are signed (SigV4) when it has any
     * @param tokens where GCS and Azure Blob tokens come from; sent when the workload has an identity there
     */
    public ExportFetcher(ExportLocator locator, Optional<Path> localDir, AwsCredentials aws, BearerTokens tokens) {
        this.locator = locator;
        this.localDir = localDir;
        this.aws = aws;
        this.tokens = tokens;
    }

    public Fetched fetch(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("file")) {
            return new Fetched(local(Path.of(uri)), false);
        }
        URI http = locator.httpFor(uri);
        if (!http.getScheme().equals("http") && !http.getScheme().equals("https")) {
            throw new ProblemException(ProblemTypes.invalidField("/url", "check-budget reads https:, http:, s3:, gs: "
                    + "and file: URLs, not " + uri.getScheme() + ":"));
        }
        Path tmp = null;
        try {
            String ext = ExportLocator.extension(http.getPath() == null ? "" : http.getPath()).orElse(".csv");
            tmp = Files.createTempFile("autopilot-export-", ext);
            HttpResponse<InputStream> resp = client.send(request(http), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                int status = resp.statusCode();
                if (status == 404 || status == 403 || status == 401) {
                    throw new ProblemException(ProblemTypes.unprocessable("the export at " + redact(http)
                            + " cannot be read: HTTP " + status));
                }
                if (status >= 400) {
                    throw new ProblemException(ProblemTypes.unavailable("fetching " + redact(http) + " failed: HTTP "
                            + status));
                }
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Fetched(tmp, true);
        } catch (IOException e) {
            delete(tmp);
            throw new ProblemException(ProblemTypes.unavailable("fetching " + redact(http) + " failed: " + e));
        } catch (InterruptedException e) {
            delete(tmp);
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemTypes.unavailable("interrupted while fetching " + redact(http)));
        } catch (RuntimeException e) {
            delete(tmp);
            throw e;
        }
    }

    /**
     * The GET for an object, with the workload's own identity where it has one: S3 objects signed (SigV4), GCS and
     * Azure Blob objects with a bearer token. A URL that carries its own credentials (presigned, signed, SAS) goes as
     * it is, and so does everything when the workload has no identity there (public objects).
     */
    private HttpRequest request(URI http) throws IOException, InterruptedException {
        URI target = http;
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        String query = http.getRawQuery() == null ? "" : http.getRawQuery();
        boolean presigned = query.contains("X-Amz-Signature=") || query.contains("X-Goog-Signature=")
                || query.contains("sig=");
        // a URL that says itself who may read it is sent as it is
        if (!presigned && locator.isGcs(http)) {
            tokens.gcs().ifPresent(t -> headers.put("Authorization", "Bearer " + t));
        } else if (!presigned && locator.isAzureBlob(http)) {
            Optional<String> token = tokens.azure();
            if (token.isPresent()) {
                headers.put("Authorization", "Bearer " + token.get());
                headers.put("x-ms-version", "2021-08-06"); // OAuth needs 2017-11-09 or later
            }
        } else if (!presigned && locator.isS3(http)) {
            Optional<AwsCredentials.Credentials> creds = aws.get();
            if (creds.isPresent()) {
                S3Signer.Signed signed = S3Signer.sign(http, creds.get(), S3Signer.region(http, aws.region()),
                        java.time.Instant.now());
                target = signed.uri();
                headers.putAll(signed.headers());
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(10)).GET();
        headers.forEach(b::header);
        return b.build();
    }

    /** A local path, allowed only inside the configured folder (after resolving links and "..": no escapes). */
    public Path local(Path requested) {
        Path dir = localDir.orElseThrow(() -> new ProblemException(ProblemTypes.forbidden(
                "local exports are off: set autopilot.check-budget.local-dir to the folder they may be read from")));
        try {
            Path real = requested.toRealPath();
            if (!real.startsWith(dir.toRealPath())) {
                throw new ProblemException(ProblemTypes.forbidden(requested + " is outside the allowed folder " + dir));
            }
            if (!Files.isRegularFile(real)) {
                throw new ProblemException(ProblemTypes.unprocessable(requested + " is not a file"));
            }
            return real;
        } catch (IOException e) {
            throw new ProblemException(ProblemTypes.unprocessable("no such export file: " + requested));
        }
    }

    /** Presigned and SAS URLs carry credentials in the query: never echo it. */
    static String redact(URI uri) {
        return uri.getRawQuery() == null ? uri.toString() : uri.toString().replace(uri.getRawQuery(), "...");
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
