package io.autopilot.audit.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-checkpoint: the note body {@code <origin>\n<tree size>\n<base64 root>\n}, then a blank line and one
 * signature line {@code — <key name> <base64(key ID ‖ signature)>} per signature (U+2014 em dash).
 */
public record Checkpoint(String origin, long size, byte[] root, List<Signature> signatures) {

    public static final String DASH = "\u2014 ";

    /** One signature line. */
    public record Signature(String name, byte[] keyId, byte[] signature) {
        public String line() {
            byte[] both = new byte[keyId.length + signature.length];
            System.arraycopy(keyId, 0, both, 0, keyId.length);
            System.arraycopy(signature, 0, both, keyId.length, signature.length);
            return DASH + name + " " + Base64.getEncoder().encodeToString(both) + "\n";
        }
    }

    public static String body(String origin, long size, byte[] root) {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    public String body() {
        return body(origin, size, root);
    }

    /** The whole signed note. */
    public String text() {
        StringBuilder out = new StringBuilder(body()).append('\n');
        signatures.forEach(s -> out.append(s.line()));
        return out.toString();
    }

    /** Parses a signed note strictly: a malformed note is an error, not an empty checkpoint. */
    public static Checkpoint parse(String text) {
        int split = text.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note has a blank line between body and signatures");
        }
        String body = text.substring(0, split + 1);
        String[] lines = body.split("\n", -1);
        if (lines.length < 4) {
            throw new IllegalArgumentException("a checkpoint body has origin, size and root lines");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint size is not a number: " + lines[1]);
        }
        if (size < 0 || !lines[1].equals(Long.toString(size))) {
            throw new IllegalArgumentException("checkpoint size is not a canonical decimal: " + lines[1]);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint root is not base64");
        }
        if (lines.length > 4) {
            throw new IllegalArgumentException("checkpoint extension lines are not expected from this log");
        }
        List<Signature> signatures = new ArrayList<>();
        String rest = text.substring(split + 2);
        if (!rest.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note ends with a newline");
        }
        for (String line : rest.substring(0, rest.length() - 1).split("\n", -1)) {
            if (!line.startsWith(DASH)) {
                throw new IllegalArgumentException("a signature line starts with an em dash and a space: " + line);
            }
            String[] parts = line.substring(DASH.length()).split(" ", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a signature line is '— <name> <base64>'");
            }
            byte[] both;
            try {
                both = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("signature of " + parts[0] + " is not base64");
            }
            if (both.length < 5) {
                throw new IllegalArgumentException("signature of " + parts[0] + " is too short");
            }
            signatures.add(new Signature(parts[0], java.util.Arrays.copyOf(both, 4),
                    java.util.Arrays.copyOfRange(both, 4, both.length)));
        }
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a signed note has at least one signature");
        }
        return new Checkpoint(lines[0], size, root, signatures);
    }

    public byte[] bodyBytes() {
        return body().getBytes(StandardCharsets.UTF_8);
    }
}
