package io.autopilot.audit.note;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The two signature schemes of a checkpoint, on Bouncy Castle (never registered globally: the provider object is
 * passed explicitly so nothing else in the process changes behaviour).
 *
 * <ul>
 * <li>Ed25519, signed-note type 0x01: RFC 8032 Ed25519 over the note body.</li>
 * <li>ML-DSA-44, C2SP tlog-cosignature type 0x06: FIPS 204 ML-DSA-44 (pure, empty context) over the binary
 * {@code cosigned_message} {label "subtree/v1\n\0", cosigner name, timestamp, log origin, start 0, end = tree size,
 * root}; the signature line carries {@code u64 timestamp ‖ 2420-byte signature}. Signing is always hedged: BC signs
 * ML-DSA deterministically unless it is handed a SecureRandom, and FIPS 204 makes hedged the default.</li>
 * </ul>
 */
public final class NoteCrypto {

    public static final Provider BC = new BouncyCastleProvider();
    public static final int MLDSA44_PUBLIC_BYTES = 1312;
    public static final int MLDSA44_SIGNATURE_BYTES = 2420;
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] MLDSA44_SPKI_PREFIX = HexFormat.of().parseHex("30820532300b060960864801650304031103820521" + "00");
    private static final byte[] SUBTREE_LABEL = "subtree/v1\n\0".getBytes(StandardCharsets.US_ASCII);

    private NoteCrypto() {
    }

    public static byte[] signEd25519(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519", BC);
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static boolean verifyEd25519(byte[] rawPublicKey, byte[] message, byte[] signature) {
        if (rawPublicKey.length != 32 || signature.length != 64) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519", BC);
            s.initVerify(publicKey("Ed25519", ED25519_SPKI_PREFIX, rawPublicKey));
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The tlog-cosignature ML-DSA-44 signed message for a checkpoint (start 0, end = size). */
    public static byte[] cosignedMessage(String cosignerName, long timestamp, String origin, long size, byte[] root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(SUBTREE_LABEL);
        writeShortOpaque(out, cosignerName);
        out.writeBytes(u64(timestamp));
        writeShortOpaque(out, origin);
        out.writeBytes(u64(0));
        out.writeBytes(u64(size));
        out.writeBytes(root);
        return out.toByteArray();
    }

    /** {@code u64 timestamp ‖ ML-DSA-44 signature}, hedged with {@code random}. */
    public static byte[] cosignMlDsa44(PrivateKey key, SecureRandom random, String cosignerName, long timestamp,
            String origin, long size, byte[] root) {
        try {
            Signature s = Signature.getInstance("ML-DSA-44", BC);
            s.initSign(key, random);
            s.update(cosignedMessage(cosignerName, timestamp, origin, size, root));
            byte[] sig = s.sign();
            return ByteBuffer.allocate(8 + sig.length).putLong(timestamp).put(sig).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ML-DSA-44 signing failed", e);
        }
    }

    public static boolean verifyMlDsa44Cosignature(byte[] rawPublicKey, String cosignerName, String origin, long size,
            byte[] root, byte[] timestampedSignature) {
        if (rawPublicKey.length != MLDSA44_PUBLIC_BYTES || timestampedSignature.length != 8 + MLDSA44_SIGNATURE_BYTES) {
            return false;
        }
        long timestamp = ByteBuffer.wrap(timestampedSignature, 0, 8).getLong();
        if (timestamp < 0) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("ML-DSA-44", BC);
            s.initVerify(publicKey("ML-DSA-44", MLDSA44_SPKI_PREFIX, rawPublicKey));
            s.update(cosignedMessage(cosignerName, timestamp, origin, size, root));
            return s.verify(Arrays.copyOfRange(timestampedSignature, 8, timestampedSignature.length));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The raw key material a note key carries: 32 bytes for Ed25519, 1312 for ML-DSA-44. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        byte[] prefix = spki.length == ED25519_SPKI_PREFIX.length + 32 ? ED25519_SPKI_PREFIX : MLDSA44_SPKI_PREFIX;
        if (spki.length != prefix.length + (prefix == ED25519_SPKI_PREFIX ? 32 : MLDSA44_PUBLIC_BYTES)
                || !Arrays.equals(prefix, Arrays.copyOf(spki, prefix.length))) {
            throw new IllegalArgumentException("not an Ed25519 or ML-DSA-44 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(spki, prefix.length, spki.length);
    }

    private static PublicKey publicKey(String algorithm, byte[] prefix, byte[] raw) throws GeneralSecurityException {
        byte[] spki = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, spki, 0, prefix.length);
        System.arraycopy(raw, 0, spki, prefix.length, raw.length);
        return KeyFactory.getInstance(algorithm, BC).generatePublic(new X509EncodedKeySpec(spki));
    }

    private static void writeShortOpaque(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 1 || bytes.length > 255) {
            throw new IllegalArgumentException("a name or origin is 1 to 255 bytes: " + value);
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static byte[] u64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }
}
