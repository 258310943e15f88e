package io.autopilot.audit.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A public key as the C2SP signed-note spec names it: key name, signature type byte and key material. The key ID is
 * {@code SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4]}; the text form is the spec's verifier key ("vkey")
 * {@code <name>+<key ID, 8 hex digits>+<base64(type ‖ key)>}, which is what {@code GET /audit/keys} publishes and
 * {@code verify-audit --keys} pins.
 */
public record NoteKey(String name, int type, byte[] key) {

    /** signed-note type 0x01: Ed25519 over the note body. */
    public static final int ED25519 = 0x01;
    /** tlog-cosignature type 0x06: timestamped ML-DSA-44 subtree cosignature. */
    public static final int MLDSA44_COSIGNATURE = 0x06;

    public NoteKey {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '+')) {
            throw new IllegalArgumentException("a note key name is non-empty, without spaces or '+': " + name);
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    public byte[] keyId() {
        MessageDigest md = io.autopilot.audit.merkle.Rfc9162.sha256();
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0x0A);
        md.update((byte) type);
        return Arrays.copyOf(md.digest(key), 4);
    }

    public String vkey() {
        byte[] typed = new byte[key.length + 1];
        typed[0] = (byte) type;
        System.arraycopy(key, 0, typed, 1, key.length);
        return name + "+" + HexFormat.of().formatHex(keyId()) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Parses a vkey line, checking that its key ID matches its name and key. */
    public static NoteKey parseVkey(String line) {
        String[] parts = line.trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key is <name>+<hex id>+<base64 key>");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verifier key " + parts[0] + ": the key is not base64");
        }
        if (typed.length < 2) {
            throw new IllegalArgumentException("verifier key " + parts[0] + " has no key material");
        }
        NoteKey key = new NoteKey(parts[0], typed[0] & 0xff, Arrays.copyOfRange(typed, 1, typed.length));
        if (!HexFormat.of().formatHex(key.keyId()).equalsIgnoreCase(parts[1])) {
            throw new IllegalArgumentException("verifier key " + parts[0] + ": the key ID does not match the key");
        }
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteKey k && k.name.equals(name) && k.type == type && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return vkey();
    }
}
