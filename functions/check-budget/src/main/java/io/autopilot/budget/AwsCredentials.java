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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The pod's AWS credentials, looked up the way the AWS SDKs do for a workload, in this order:
 * <ol>
 * <li>{@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}) in the
 * environment;</li>
 * <li>a container credentials endpoint, {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)}: EKS Pod Identity and ECS task roles;</li>
 * <li>a web identity token, {@code AWS_WEB_IDENTITY_TOKEN_FILE} and {@code AWS_ROLE_ARN}, exchanged at STS
 * (AssumeRoleWithWebIdentity, an unsigned call): EKS IAM roles for service accounts.</li>
 * </ol>
 * Temporary credentials are cached until five minutes before they expire. Nothing here is ever logged.
 */
public final class AwsCredentials {

    /** One set of keys; {@code sessionToken} is null for long-term keys. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expires) {

        @Override
        public String toString() {
            return "Credentials[" + accessKeyId + ", secret and token hidden]";
        }
    }

    private static final Pattern XML = Pattern.compile("<(AccessKeyId|SecretAccessKey|SessionToken|Expiration)>"
            + "([^<]*)</\\1>");

    private final Function<String, String> env;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Credentials cached;

    public AwsCredentials(Function<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /** From the process environment. */
    public static AwsCredentials fromEnvironment() {
        return new AwsCredentials(System::getenv, Clock.systemUTC());
    }

    /** The region to sign for when the URL does not say: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. */
    public String region() {
        return Optional.ofNullable(env.apply("AWS_REGION")).or(() -> Optional.ofNullable(env.apply(
                "AWS_DEFAULT_REGION"))).filter(s -> !s.isBlank()).orElse("us-east-1");
    }

    /** Credentials if any source is configured; empty means "read anonymously" (public or presigned objects). */
    public synchronized Optional<Credentials> get() throws IOException, InterruptedException {
        if (cached != null && (cached.expires() == null
                || clock.instant().isBefore(cached.expires().minus(Duration.ofMinutes(5))))) {
            return Optional.of(cached);
        }
        cached = lookup();
        return Optional.ofNullable(cached);
    }

    private Credentials lookup() throws IOException, InterruptedException {
        String id = env.apply("AWS_ACCESS_KEY_ID");
        String secret = env.apply("AWS_SECRET_ACCESS_KEY");
        if (present(id) && present(secret)) {
            String token = env.apply("AWS_SESSION_TOKEN");
            return new Credentials(id, secret, present(token) ? token : null, null);
        }
        String full = env.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (present(full)) {
            return container(URI.create(full));
        }
        String tokenFile = env.apply("AWS_WEB_IDENTITY_TOKEN_FILE");
        String role = env.apply("AWS_ROLE_ARN");
        if (present(tokenFile) && present(role)) {
            return webIdentity(Path.of(tokenFile), role);
        }
        return null;
    }

    private Credentials container(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        String auth = env.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        String authFile = env.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (present(authFile)) {
            auth = Files.readString(Path.of(authFile)).trim();
        }
        if (present(auth)) {
            req.header("Authorization", auth);
        }
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the container credentials endpoint answered HTTP " + r.statusCode());
        }
        JsonNode j = new ObjectMapper().readTree(r.body());
        return new Credentials(j.path("AccessKeyId").asText(), j.path("SecretAccessKey").asText(),
                j.path("Token").asText(null), expiry(j.path("Expiration").asText(null)));
    }

    private Credentials webIdentity(Path tokenFile, String role) throws IOException, InterruptedException {
        String sts = Optional.ofNullable(env.apply("AWS_STS_ENDPOINT")).filter(AwsCredentials::present)
                .orElse("https://sts." + region() + ".amazonaws.com");
        String session = Optional.ofNullable(env.apply("AWS_ROLE_SESSION_NAME")).filter(AwsCredentials::present)
                .orElse("autopilot-check-budget");
        String form = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" + enc(role)
                + "&RoleSessionName=" + enc(session) + "&WebIdentityToken=" + enc(Files.readString(tokenFile).trim());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sts)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers
                        .ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("STS AssumeRoleWithWebIdentity answered HTTP " + r.statusCode());
        }
        java.util.Map<String, String> v = new java.util.HashMap<>();
        Matcher m = XML.matcher(r.body());
        while (m.find()) {
            v.put(m.group(1), m.group(2));
        }
        if (!v.containsKey("AccessKeyId") || !v.containsKey("SecretAccessKey")) {
            throw new IOException("STS answered without credentials");
        }
        return new Credentials(v.get("AccessKeyId"), v.get("SecretAccessKey"), v.get("SessionToken"),
                expiry(v.get("Expiration")));
    }

    private static Instant expiry(String s) {
        return s == null || s.isBlank() ? null : Instant.parse(s);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
