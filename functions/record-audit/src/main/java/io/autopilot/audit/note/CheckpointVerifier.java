package io.autopilot.audit.note;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a checkpoint against pinned public keys. As the signed-note spec says, signature lines of unknown keys are
 * ignored; every pinned key must have a line that verifies.
 */
public final class CheckpointVerifier {

    private CheckpointVerifier() {
    }

    /** The problems found: empty when every key in {@code keys} signed the checkpoint. */
    public static List<String> verify(Checkpoint checkpoint, List<NoteKey> keys) {
        List<String> problems = new ArrayList<>();
        if (keys.isEmpty()) {
            problems.add("no verifier keys");
        }
        for (NoteKey key : keys) {
            List<Checkpoint.Signature> lines = checkpoint.signatures().stream()
                    .filter(s -> s.name().equals(key.name()) && Arrays.equals(s.keyId(), key.keyId())).toList();
            if (lines.isEmpty()) {
                problems.add("no signature by " + key.name() + " (type 0x" + Integer.toHexString(key.type()) + ")");
                continue;
            }
            boolean ok = lines.stream().anyMatch(s -> verifies(checkpoint, key, s));
            if (!ok) {
                problems.add("the signature by " + key.name() + " does not verify");
            }
        }
        return problems;
    }

    private static boolean verifies(Checkpoint checkpoint, NoteKey key, Checkpoint.Signature line) {
        return switch (key.type()) {
            case NoteKey.ED25519 -> NoteCrypto.verifyEd25519(key.key(), checkpoint.bodyBytes(), line.signature());
            case NoteKey.MLDSA44_COSIGNATURE -> NoteCrypto.verifyMlDsa44Cosignature(key.key(), key.name(),
                    checkpoint.origin(), checkpoint.size(), checkpoint.root(), line.signature());
            default -> false;
        };
    }
}
