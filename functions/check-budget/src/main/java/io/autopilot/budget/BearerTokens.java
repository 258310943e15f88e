package io.autopilot.budget;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OAuth access tokens of the pod's own identity for the two stores that take them, looked up as Google's and
 * Microsoft's libraries do for a workload:
 * <ul>
 * <li><b>GCS</b>: {@code GOOGLE_OAUTH_ACCESS_TOKEN} if set, else the metadata server ({@code GCE_METADATA_HOST},
 * default {@code metadata.google.internal}, asked only on a Google VM), which is what GKE Workload Identity
 * serves;</li>
 * <li><b>Azure Blob</b>: AKS Workload Identity, the federated token in {@code AZURE_FEDERATED_TOKEN_FILE} exchanged
 * for a storage token at {@code AZURE_AUTHORITY_HOST} for {@code AZURE_TENANT_ID} / {@code AZURE_CLIENT_ID}.</li>
 * </ul>
 * Tokens are cached until a minute before they expire; a metadata server that does not answer is not asked again for
 * five minutes (off GCP there is none, and objects are then read anonymously). Nothing here is logged.
 */
public final class BearerTokens {

    private record Token(String value, Instant expires) {
    }

    private final Function<String, String> env;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Token gcs;
    private Instant noMetadataUntil = Instant.MIN;
    private Token azure;

    private final java.util.function.Supplier<Boolean> onGoogleCloud;

    /** @param onGoogleCloud whether this runs on a Google VM (GKE nodes are), where a metadata server answers */
    public BearerTokens(Function<String, String> env, Clock clock, java.util.function.Supplier<Boolean> onGoogleCloud) {
        this.env = env;
        this.clock = clock;
        this.onGoogleCloud = onGoogleCloud;
    }

    public static BearerTokens fromEnvironment() {
        return new BearerTokens(System::getenv, Clock.systemUTC(), BearerTokens::googleVm);
    }

    /** What Google's auth libraries check before asking a metadata server: the VM's DMI product name. */
    static boolean googleVm() {
        try {
            return Files.readString(Path.of("/sys/class/dmi/id/product_name")).trim().startsWith("Google");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A token for GCS, or empty when this workload has no Google identity (public or signed URLs only). */
    public synchronized Optional<String> gcs() throws IOException, InterruptedException {
        String fixed = env.apply("GOOGLE_OAUTH_ACCESS_TOKEN");
        if (present(fixed)) {
            return Optional.of(fixed);
        }
        if (fresh(gcs)) {
            return Optional.of(gcs.value());
        }
        String configured = env.apply("GCE_METADATA_HOST");
        if (clock.instant().isBefore(noMetadataUntil) || (!present(configured) && !onGoogleCloud.get())) {
            return Optional.empty();
        }
        String host = present(configured) ? configured : "metadata.google.internal";
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create("http://" + host
                    + "/computeMetadata/v1/instance/service-accounts/default/token")).timeout(Duration.ofSeconds(5))
                    .header("Metadata-Flavor", "Google").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            noMetadataUntil = clock.instant().plus(Duration.ofMinutes(5));
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IOException("the metadata server answered HTTP " + r.statusCode() + " for a token");
        }
        gcs = token(r.body());
        return Optional.of(gcs.value());
    }

    /** A token for Azure Storage, or empty without a workload identity (SAS URLs only). */
    public synchronized Optional<String> azure() throws IOException, InterruptedException {
        String file = env.apply("AZURE_FEDERATED_TOKEN_FILE");
        String tenant = env.apply("AZURE_TENANT_ID");
        String client = env.apply("AZURE_CLIENT_ID");
        if (!present(file) || !present(tenant) || !present(client)) {
            return Optional.empty();
        }
        if (fresh(azure)) {
            return Optional.of(azure.value());
        }
        String authority = Optional.ofNullable(env.apply("AZURE_AUTHORITY_HOST")).filter(BearerTokens::present)
                .orElse("https://login.microsoftonline.com/");
        String form = "grant_type=client_credentials&client_id=" + enc(client)
                + "&scope=" + enc("https://storage.azure.com/.default")
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(Files.readString(Path.of(file)).trim());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create((authority.endsWith("/") ? authority
                : authority + "/") + tenant + "/oauth2/v2.0/token")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the Microsoft identity platform answered HTTP " + r.statusCode() + " for a token");
        }
        azure = token(r.body());
        return Optional.of(azure.value());
    }

    private Token token(String body) throws IOException {
        JsonNode j = new ObjectMapper().readTree(body);
        String value = j.path("access_token").asText(null);
        if (!present(value)) {
            throw new IOException("the token answer has no access_token");
        }
        return new Token(value, clock.instant().plusSeconds(j.path("expires_in").asLong(300)));
    }

    private boolean fresh(Token t) {
        return t != null && clock.instant().isBefore(t.expires().minus(Duration.ofMinutes(1)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
