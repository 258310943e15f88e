package io.autopilot.threat;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may hand respond-threat a Falco alert. Two schemes, either suffices:
 * <ul>
 * <li><b>HMAC</b>: header {@value #SIGNATURE_HEADER}{@code : sha256=<hex>}, the HMAC-SHA256 of the exact request body
 * bytes under the shared secret ({@code autopilot.respond-threat.hmac-secret}, from a Secret);</li>
 * <li><b>bearer token</b>: {@code Authorization: Bearer <token>} ({@code autopilot.respond-threat.bearer-token}),
 * which Falcosidekick's webhook output can send with {@code customheaders}.</li>
 * </ul>
 * Comparisons are constant-time. The same secret also signs the attestation the intake puts on the events it passes
 * to the broker ({@link #attest}), so the function behind a Trigger accepts only alerts the intake authenticated.
 * Secrets are never logged or echoed: {@link #toString()} says only which schemes are configured.
 */
public final class IntakeAuthenticator {

    public static final String SIGNATURE_HEADER = "X-Autopilot-Signature";
    /** The CloudEvent extension carrying the intake's attestation (lower-case alphanumerics, as CloudEvents requires). */
    public static final String ATTESTATION_EXTENSION = "autopilotattest";

    private static final String SHA256_PREFIX = "sha256=";

    /** Why a request was refused: the reason names the scheme, never a secret. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Rejected(String reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        /** A short metric tag: missing, bad-signature, bad-token, not-configured, bad-attestation. */
        public String reason() {
            return reason;
        }
    }

    private final byte[] secret;
    private final byte[] token;

    public IntakeAuthenticator(Optional<String> hmacSecret, Optional<String> bearerToken) {
        this.secret = hmacSecret.map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.token = bearerToken.map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    public boolean configured() {
        return secret != null;
    }

    /** Accepts the request or says why not. */
    public void verify(String signatureHeader, String authorizationHeader, byte[] body) throws Rejected {
        if (secret == null) {
            throw new Rejected("not-configured", "respond-threat has no intake secret (autopilot.respond-threat."
                    + "hmac-secret); every alert is refused until one is set");
        }
        if (signatureHeader != null) {
            String hex = signatureHeader.trim();
            if (!hex.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
                throw new Rejected("bad-signature", SIGNATURE_HEADER + " must be sha256=<hex HMAC-SHA256 of the body>");
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(hex.substring(SHA256_PREFIX.length()).toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Rejected("bad-signature", SIGNATURE_HEADER + " is not hexadecimal");
            }
            if (!MessageDigest.isEqual(hmac(secret, body), given)) {
                throw new Rejected("bad-signature", "the " + SIGNATURE_HEADER + " does not match the body");
            }
            return;
        }
        if (authorizationHeader != null && token != null) {
            String given = authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorizationHeader.substring(7).trim() : "";
            if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
                throw new Rejected("bad-token", "the bearer token is not the configured intake token");
            }
            return;
        }
        throw new Rejected("missing", "send " + SIGNATURE_HEADER + ": sha256=<HMAC-SHA256 of the body>"
                + (token != null ? " or Authorization: Bearer <token>" : ""));
    }

    /** The signature a sender puts in {@value #SIGNATURE_HEADER}: {@code sha256=} and the hex HMAC of the body. */
    public static String sign(byte[] secret, byte[] body) {
        return SHA256_PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** The attestation over an event's source, id and canonical data (base64url, unpadded). */
    public String attest(String source, String id, byte[] canonicalData) {
        return attestation(secret, source, id, canonicalData);
    }

    /** Checks an event's attestation as the function sees it behind a Trigger. */
    public void verifyAttestation(String given, String source, String id, byte[] canonicalData) throws Rejected {
        if (secret == null) {
            throw new Rejected("not-configured", "respond-threat has no intake secret; every alert is refused");
        }
        if (given == null || given.isEmpty()) {
            throw new Rejected("bad-attestation", "Falco alerts are accepted only through the authenticated intake "
                    + "(POST /webhooks/falco); this event carries no " + ATTESTATION_EXTENSION + " attestation");
        }
        byte[] expected = attestation(secret, source, id, canonicalData).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected("bad-attestation", "the " + ATTESTATION_EXTENSION + " attestation does not match this "
                    + "event's source, id and data");
        }
    }

    private static String attestation(byte[] secret, String source, String id, byte[] data) {
        byte[] key = hmac(secret, "autopilot respond-threat attestation v1".getBytes(StandardCharsets.UTF_8));
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] message = (source + "\n" + id + "\n" + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.UTF_8);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, message));
    }

    private static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "IntakeAuthenticator{hmac=" + (secret != null) + ", bearer=" + (token != null) + "}";
    }
}
