package io.autopilot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.autopilot.events.ProblemException;

/**
 * GCS and Azure Blob objects read with the workload's own identity. Google's metadata server and Microsoft's identity
 * platform cannot run here: one loopback server stands in for the token service and the object store, answering in
 * the shapes their documentation gives, and refusing any object request without the token it issued.
 */
class BearerTokensTest {

    static final String GOOGLE_TOKEN = "ya29.stand-in";
    static final String AZURE_TOKEN = "eyJ0eXAi.stand-in";

    @TempDir
    Path dir;

    HttpServer google;
    HttpServer azure;
    /** the Azure stand-in's base URL (token service and blob endpoint); GCS objects live on the other one */
    String base;
    final AtomicInteger tokenRequests = new AtomicInteger();
    final List<String> objectAuthorizations = new CopyOnWriteArrayList<>();
    byte[] export;

    @BeforeEach
    void start() throws IOException {
        export = Files.readAllBytes(ExportIngestionTest.shared().resolve(
                "datasets/focus/synthetic-focus-data-toolkit/gcp_1_2_cost_and_usage_rows100_seed42.csv"));
        google = serve();
        azure = serve();
        base = "http://127.0.0.1:" + azure.getAddress().getPort();
    }

    /** One stand-in: the token services and a bucket/container "billing" that wants the token it issued. */
    private HttpServer serve() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/computeMetadata/v1/instance/service-accounts/default/token", x -> {
            tokenRequests.incrementAndGet();
            boolean google = "Google".equals(x.getRequestHeaders().getFirst("Metadata-Flavor"));
            answer(x, google ? 200 : 403, "{\"access_token\":\"" + GOOGLE_TOKEN
                    + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
        });
        server.createContext("/tenant-1/oauth2/v2.0/token", x -> {
            tokenRequests.incrementAndGet();
            String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = form.contains("grant_type=client_credentials") && form.contains("client_id=client-1")
                    && form.contains("client_assertion=federated-jwt")
                    && form.contains("scope=https%3A%2F%2Fstorage.azure.com%2F.default");
            answer(x, ok ? 200 : 400, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\""
                    + AZURE_TOKEN + "\"}");
        });
        server.createContext("/billing/", x -> {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            objectAuthorizations.add(String.valueOf(auth));
            String query = x.getRequestURI().getRawQuery();
            boolean allowed = ("Bearer " + GOOGLE_TOKEN).equals(auth)
                    || (("Bearer " + AZURE_TOKEN).equals(auth)
                            && x.getRequestHeaders().getFirst("x-ms-version") != null)
                    || (query != null && query.contains("sig="));
            x.sendResponseHeaders(allowed ? 200 : 401, allowed ? export.length : -1);
            if (allowed) {
                x.getResponseBody().write(export);
            }
            x.close();
        });
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        google.stop(0);
        azure.stop(0);
    }

    private String googleBase() {
        return "http://127.0.0.1:" + google.getAddress().getPort();
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private ExportLocator locator() {
        return new ExportLocator(googleBase(), "", base, "(?i).*\\.csv");
    }

    /** AKS Workload Identity as the webhook sets it up: a projected token file and three variables. */
    private BearerTokens azureIdentity(String federatedToken) throws IOException {
        Path file = Files.writeString(dir.resolve("azure-identity-token"), federatedToken + "\n");
        return new BearerTokens(Map.of("AZURE_FEDERATED_TOKEN_FILE", file.toString(), "AZURE_TENANT_ID", "tenant-1",
                "AZURE_CLIENT_ID", "client-1", "AZURE_AUTHORITY_HOST", base)::get, Clock.systemUTC(), () -> false);
    }

    private ExportFormat fetch(URI uri, BearerTokens tokens) {
        ExportFetcher fetcher = new ExportFetcher(locator(), Optional.empty(),
                new AwsCredentials(k -> null, Clock.systemUTC()), tokens);
        try (ExportFetcher.Fetched f = fetcher.fetch(uri)) {
            return new ExportScanner("256MB", 1).detect(f.path()).format();
        }
    }

    @Test
    void aGcsObjectIsReadWithTheMetadataServersTokenWhichIsAskedOnce() {
        String metadataHost = googleBase().substring("http://".length());
        BearerTokens tokens = new BearerTokens(Map.of("GCE_METADATA_HOST", metadataHost)::get, Clock.systemUTC(),
                () -> false);
        assertEquals(ExportFormat.FOCUS, fetch(URI.create("gs://billing/focus/export.csv"), tokens));
        assertEquals(ExportFormat.FOCUS, fetch(URI.create("gs://billing/focus/export.csv"), tokens));
        assertEquals(1, tokenRequests.get(), "the token is cached until shortly before it expires");
        assertEquals(List.of("Bearer " + GOOGLE_TOKEN, "Bearer " + GOOGLE_TOKEN), objectAuthorizations);
    }

    @Test
    void offGoogleCloudWithoutATokenNoMetadataServerIsAskedAndAPrivateObjectIsUnprocessable() {
        BearerTokens none = new BearerTokens(k -> null, Clock.systemUTC(), () -> false);
        ProblemException e = assertThrows(ProblemException.class,
                () -> fetch(URI.create("gs://billing/focus/export.csv"), none));
        assertEquals(422, e.problem().status(), e.problem().detail());
        assertEquals(0, tokenRequests.get());
        assertEquals(List.of("null"), objectAuthorizations);
    }

    @Test
    void anAzureBlobIsReadWithAWorkloadIdentityToken() throws IOException {
        BearerTokens tokens = azureIdentity("federated-jwt");
        assertEquals(ExportFormat.FOCUS, fetch(URI.create(base + "/billing/costs/part_0_0001.csv"), tokens));
        assertEquals(List.of("Bearer " + AZURE_TOKEN), objectAuthorizations);
    }

    @Test
    void aSasUrlIsSentAsItIsWithoutAskingForAToken() throws IOException {
        BearerTokens tokens = azureIdentity("federated-jwt");
        assertEquals(ExportFormat.FOCUS, fetch(URI.create(base + "/billing/costs/part_0_0001.csv?sv=2022-11-02&sig=x"),
                tokens));
        assertEquals(0, tokenRequests.get());
        assertEquals(List.of("null"), objectAuthorizations);
    }

    @Test
    void aRefusedTokenExchangeIsAnUnavailableStoreNotASilentAnonymousRead() throws IOException {
        BearerTokens tokens = azureIdentity("not-the-jwt");
        ProblemException e = assertThrows(ProblemException.class,
                () -> fetch(URI.create(base + "/billing/costs/part_0_0001.csv"), tokens));
        assertEquals(503, e.problem().status());
        assertTrue(e.problem().detail().contains("HTTP 400"), e.problem().detail());
        assertTrue(objectAuthorizations.isEmpty());
    }
}
