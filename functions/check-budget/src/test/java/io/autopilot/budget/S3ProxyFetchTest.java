package io.autopilot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.SampleEvents;

/**
 * The object-store path against a real S3-compatible server: s3proxy (org.gaul:s3proxy from Maven Central, copied to
 * target/s3proxy by the build) with its filesystem backend, started as its own process on a free loopback port and
 * stopped afterwards: one open (what public and presigned URLs look like) and one that checks AWS Signature V4 with
 * its own implementation, so the function's signing is verified by an independent server, not by itself. Skips
 * without the jar locally; fails in CI.
 */
class S3ProxyFetchTest {

    @TempDir
    static Path dir;

    static Process s3proxy;
    static String endpoint;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Process signing;
    static String signingEndpoint;
    static final String KEY_ID = "AKIDAUTOPILOTTEST";
    static final String SECRET = "autopilot/test+secret/K7MDENG";

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of(System.getProperty("autopilot.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isRegularFile(jar), "s3proxy jar not found at " + jar);
        }
        Path data = Files.createDirectories(dir.resolve("blobs"));
        // two servers over one filesystem backend: an open one to upload through, and one that checks SigV4
        endpoint = "http://127.0.0.1:" + freePort();
        s3proxy = launch(jar, "open", endpoint, data, "s3proxy.authorization=none\n");
        signingEndpoint = "http://127.0.0.1:" + freePort();
        signing = launch(jar, "signing", signingEndpoint, data, "s3proxy.authorization=aws-v4\ns3proxy.identity="
                + KEY_ID + "\ns3proxy.credential=" + SECRET + "\n");
        put("/billing-exports", HttpRequest.BodyPublishers.noBody());
        Path sample = ExportIngestionTest.shared().resolve(
                "datasets/focus/synthetic-focus-data-toolkit/azure_1_2_cost_and_usage_rows100_seed42.csv");
        put("/billing-exports/focus/2026-05/export.csv", HttpRequest.BodyPublishers.ofFile(sample));
        put("/billing-exports/focus/BILLING_PERIOD%3D2026-05/my%20export%2B1.csv",
                HttpRequest.BodyPublishers.ofFile(sample));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process launch(Path jar, String name, String url, Path data, String auth) throws Exception {
        Path props = dir.resolve(name + ".properties");
        Files.writeString(props, "s3proxy.endpoint=" + url + "\n" + auth + "jclouds.provider=filesystem\n"
                + "jclouds.filesystem.basedir=" + data + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(url + "/")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return p;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IllegalStateException("s3proxy did not start: " + Files.readString(log), e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void put(String path, HttpRequest.BodyPublisher body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + path)).PUT(body).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process p : new Process[] { s3proxy, signing }) {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
        }
    }

    private ExportLocator locator() {
        return new ExportLocator("https://storage.googleapis.com", endpoint, "(?i).*\\.(csv|csv\\.gz|parquet)");
    }

    @Test
    void anS3ObjectCreatedEventIsFetchedFromTheS3ServerAndTotalsMatchTheFile() throws Exception {
        JsonNode data = new ObjectMapper().readTree(SampleEvents.bytes(EventTypes.S3_OBJECT_CREATED,
                "valid-eventbridge-object-created.json")).get("data");
        ExportLocator.Located where = locator().locate(EventTypes.S3_OBJECT_CREATED, data);
        assertEquals(URI.create(endpoint + "/billing-exports/focus/2026-05/export.csv"), where.uri());
        Path sample = ExportIngestionTest.shared().resolve(
                "datasets/focus/synthetic-focus-data-toolkit/azure_1_2_cost_and_usage_rows100_seed42.csv");
        try (ExportFetcher.Fetched f = new ExportFetcher(locator(), Optional.empty()).fetch(where.uri())) {
            SpendCube cube = new ExportScanner("256MB", 1).scan(f.path(), where.uri().toString(), List.of());
            assertEquals(ExportIngestionTest.canon(IndependentSums.totals(IndependentSums.rows(sample,
                    ExportFormat.FOCUS))), ExportIngestionTest.canon(ExportSummary.of(List.of(cube)).byCurrency()));
        }
    }

    @Test
    void anS3UrlInALandedEventIsReadThroughTheConfiguredEndpoint() {
        URI s3 = URI.create("s3://billing-exports/focus/2026-05/export.csv");
        try (ExportFetcher.Fetched f = new ExportFetcher(locator(), Optional.empty()).fetch(s3)) {
            assertEquals(ExportFormat.FOCUS, new ExportScanner("256MB", 1).detect(f.path()).format());
        }
    }

    @Test
    void aMissingObjectIsAn422NotARetry() {
        ProblemException e = assertThrows(ProblemException.class, () -> new ExportFetcher(locator(),
                Optional.empty()).fetch(URI.create("s3://billing-exports/focus/nope.csv")));
        assertEquals(422, e.problem().status(), e.problem().detail());
    }

    private ExportLocator signingLocator() {
        return new ExportLocator("https://storage.googleapis.com", signingEndpoint, "(?i).*\\.(csv|csv\\.gz|parquet)");
    }

    private static AwsCredentials keys(String id, String secret) {
        Map<String, String> env = new HashMap<>();
        if (id != null) {
            env.put("AWS_ACCESS_KEY_ID", id);
            env.put("AWS_SECRET_ACCESS_KEY", secret);
        }
        return new AwsCredentials(env::get, Clock.systemUTC());
    }

    @Test
    void aPrivateBucketIsReadWithSigV4SignedFromTheEnvironmentsKeys() {
        URI s3 = URI.create("s3://billing-exports/focus/2026-05/export.csv");
        try (ExportFetcher.Fetched f = new ExportFetcher(signingLocator(), Optional.empty(), keys(KEY_ID, SECRET))
                .fetch(s3)) {
            assertEquals(ExportFormat.FOCUS, new ExportScanner("256MB", 1).detect(f.path()).format());
        }
    }

    @Test
    void aKeyWithSpacesPlusAndEqualsSignsIsSignedTheWayItIsSent() throws Exception {
        JsonNode data = new ObjectMapper().readTree("""
                {"detail": {"bucket": {"name": "billing-exports"},
                            "object": {"key": "focus/BILLING_PERIOD=2026-05/my export+1.csv"}}}""");
        ExportLocator.Located where = signingLocator().locate(EventTypes.S3_OBJECT_CREATED, data);
        try (ExportFetcher.Fetched f = new ExportFetcher(signingLocator(), Optional.empty(), keys(KEY_ID, SECRET))
                .fetch(where.uri())) {
            assertEquals(ExportFormat.FOCUS, new ExportScanner("256MB", 1).detect(f.path()).format());
        }
    }

    @Test
    void withoutCredentialsOrWithAWrongSecretAPrivateBucketRefusesAndTheEventIsUnprocessable() {
        URI s3 = URI.create("s3://billing-exports/focus/2026-05/export.csv");
        for (AwsCredentials creds : List.of(keys(null, null), keys(KEY_ID, "not-the-secret"))) {
            ProblemException e = assertThrows(ProblemException.class, () -> new ExportFetcher(signingLocator(),
                    Optional.empty(), creds).fetch(s3));
            assertEquals(422, e.problem().status(), e.problem().detail());
            assertFalse(e.problem().detail().contains("not-the-secret"), "no key material in problems");
        }
    }

    @Test
    void podIdentityCredentialsComeFromTheContainerCredentialsEndpoint(@TempDir Path tmp) throws Exception {
        // EKS Pod Identity's agent cannot run here: a loopback stand-in serves the documented response shape
        HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext("/v1/credentials", x -> {
            boolean authorised = "pod-token".equals(x.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"" + KEY_ID + "\",\"SecretAccessKey\":\"" + SECRET
                    + "\",\"Expiration\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(authorised ? 200 : 401, authorised ? body.length : -1);
            if (authorised) {
                x.getResponseBody().write(body);
            }
            x.close();
        });
        agent.start();
        try {
            Path token = Files.writeString(tmp.resolve("token"), "pod-token\n");
            Map<String, String> env = Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:"
                    + agent.getAddress().getPort() + "/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                    token.toString());
            AwsCredentials creds = new AwsCredentials(env::get, Clock.systemUTC());
            try (ExportFetcher.Fetched f = new ExportFetcher(signingLocator(), Optional.empty(), creds)
                    .fetch(URI.create("s3://billing-exports/focus/2026-05/export.csv"))) {
                assertEquals(ExportFormat.FOCUS, new ExportScanner("256MB", 1).detect(f.path()).format());
            }
            assertFalse(creds.get().orElseThrow().toString().contains(SECRET), "toString hides the secret");
        } finally {
            agent.stop(0);
        }
    }
}
