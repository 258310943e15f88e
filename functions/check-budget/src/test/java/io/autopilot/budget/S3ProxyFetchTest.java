package io.autopilot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.SampleEvents;

/**
 * The object-store path against a real S3-compatible server: s3proxy (org.gaul:s3proxy from Maven Central, copied to
 * target/s3proxy by the build) with its filesystem backend, started as its own process on a free loopback port and
 * stopped afterwards. Objects are read anonymously over plain HTTP, path-style, which is what presigned S3 URLs are
 * too; signing (SigV4) is deliberately not implemented here: in a cluster the export event carries a presigned URL
 * or the bucket is reached through workload identity at a proxy. Skips without the jar locally; fails in CI.
 */
class S3ProxyFetchTest {

    @TempDir
    static Path dir;

    static Process s3proxy;
    static String endpoint;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of(System.getProperty("autopilot.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isRegularFile(jar), "s3proxy jar not found at " + jar);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + port;
        Path data = Files.createDirectories(dir.resolve("blobs"));
        Path props = dir.resolve("s3proxy.properties");
        Files.writeString(props, "s3proxy.endpoint=" + endpoint + "\ns3proxy.authorization=none\n"
                + "jclouds.provider=filesystem\njclouds.filesystem.basedir=" + data + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        s3proxy = new ProcessBuilder(java, "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !s3proxy.isAlive()) {
                    throw new IllegalStateException("s3proxy did not start: " + Files.readString(dir.resolve(
                            "s3proxy.log")), e);
                }
                Thread.sleep(200);
            }
        }
        put("/billing-exports", HttpRequest.BodyPublishers.noBody());
        Path sample = ExportIngestionTest.shared().resolve(
                "datasets/focus/synthetic-focus-data-toolkit/azure_1_2_cost_and_usage_rows100_seed42.csv");
        put("/billing-exports/focus/2026-05/export.csv", HttpRequest.BodyPublishers.ofFile(sample));
    }

    private static void put(String path, HttpRequest.BodyPublisher body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + path)).PUT(body).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (s3proxy != null) {
            s3proxy.destroy();
            s3proxy.waitFor();
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
}
