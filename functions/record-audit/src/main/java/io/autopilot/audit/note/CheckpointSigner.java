package io.autopilot.audit.note;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Signs checkpoints for one log: the log's own Ed25519 signature (key name = the origin) and its ML-DSA-44
 * cosignature (key name = origin + {@code /mldsa44}), both over the same (origin, size, root).
 */
public final class CheckpointSigner {

    private final String origin;
    private final LogKeys keys;
    private final SecureRandom random;
    private final Clock clock;

    public CheckpointSigner(String origin, LogKeys keys, SecureRandom random, Clock clock) {
        this.origin = origin;
        this.keys = keys;
        this.random = random;
        this.clock = clock;
    }

    public String origin() {
        return origin;
    }

    public List<NoteKey> publicKeys() {
        return List.of(keys.ed25519Public(), keys.mlDsa44Public());
    }

    public Checkpoint sign(long size, byte[] root) {
        byte[] body = Checkpoint.body(origin, size, root).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        NoteKey ed = keys.ed25519Public();
        NoteKey ml = keys.mlDsa44Public();
        byte[] edSig = NoteCrypto.signEd25519(keys.ed25519Private(), body);
        byte[] mlSig = NoteCrypto.cosignMlDsa44(keys.mlDsa44Private(), random, ml.name(), clock.instant().getEpochSecond(),
                origin, size, root);
        return new Checkpoint(origin, size, root, List.of(
                new Checkpoint.Signature(ed.name(), ed.keyId(), edSig),
                new Checkpoint.Signature(ml.name(), ml.keyId(), mlSig)));
    }
}
