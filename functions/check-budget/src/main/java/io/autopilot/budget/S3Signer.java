package io.autopilot.budget;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one S3 GET, so billing buckets (never public) are read with the pod's own credentials
 * ({@link AwsCredentials}) instead of a presigned URL. Written to the published algorithm (canonical request, string
 * to sign, HMAC key chain); the payload is not hashed ({@code UNSIGNED-PAYLOAD}, which S3 accepts for GETs).
 * Credentials never leave this class except inside the Authorization header.
 */
public final class S3Signer {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern REGION_HOST = Pattern.compile("(?:^|\\.)s3[.-]([a-z0-9-]+)\\.amazonaws\\.com$");

    /** A request ready to send: the URI (its path encoded the way it was signed) and the headers to add. */
    public record Signed(URI uri, Map<String, String> headers) {
    }

    private S3Signer() {
    }

    /** The region an S3 host names ({@code s3.eu-west-1.amazonaws.com}), else the fallback. */
    public static String region(URI uri, String fallback) {
        Matcher m = REGION_HOST.matcher(uri.getHost() == null ? "" : uri.getHost());
        return m.find() && !m.group(1).equals("external-1") ? m.group(1) : fallback;
    }

    public static Signed sign(URI uri, AwsCredentials.Credentials creds, String region, Instant now) {
        String path = canonicalPath(uri.getRawPath());
        String query = canonicalQuery(uri.getRawQuery());
        URI target = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + (query.isEmpty() ? ""
                : "?" + query));
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        signedHeaders.put("host", host);
        signedHeaders.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        signedHeaders.put("x-amz-date", amzDate);
        if (creds.sessionToken() != null) {
            signedHeaders.put("x-amz-security-token", creds.sessionToken());
        }
        StringBuilder canonical = new StringBuilder("GET\n").append(path).append('\n').append(query).append('\n');
        signedHeaders.forEach((k, v) -> canonical.append(k).append(':').append(v.trim()).append('\n'));
        String names = String.join(";", signedHeaders.keySet());
        canonical.append('\n').append(names).append('\n').append("UNSIGNED-PAYLOAD");
        String scope = date + "/" + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.toString()));
        byte[] key = hmac(("AWS4" + creds.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        Map<String, String> headers = new LinkedHashMap<>(signedHeaders);
        headers.remove("host"); // the HTTP client sets Host from the URI, exactly as signed
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + creds.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + names + ", Signature=" + signature);
        return new Signed(target, headers);
    }

    /** Each segment decoded, then encoded the way SigV4 wants: everything but A-Z a-z 0-9 - _ . ~ as %XX. */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String[] parts = rawPath.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8)));
        }
        return out.toString();
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            sorted.put(encode(k), encode(v));
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v));
        return out.toString();
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
