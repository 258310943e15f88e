package io.autopilot.audit.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.autopilot.audit.merkle.Rfc9162;

/** C2SP checkpoints: the exact text form, key IDs, both signatures, hedged ML-DSA, and the key files. */
class CheckpointSigningTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final LogKeys KEYS = LogKeys.of("example.com/log", LogKeys.newPair("Ed25519", RANDOM),
            LogKeys.newPair("ML-DSA-44", RANDOM));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private static byte[] root() {
        return Rfc9162.leafHash("x".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheC2spTextFormWithOneEmDashLinePerSignature() {
        Checkpoint cp = new CheckpointSigner("example.com/log", KEYS, RANDOM, CLOCK).sign(42, root());
        String text = cp.text();
        String[] lines = text.split("\n", -1);
        assertEquals("example.com/log", lines[0]);
        assertEquals("42", lines[1]);
        assertEquals(Base64.getEncoder().encodeToString(root()), lines[2]);
        assertEquals("", lines[3]);
        assertTrue(lines[4].startsWith("\u2014 example.com/log "), lines[4]);
        assertTrue(lines[5].startsWith("\u2014 example.com/log/mldsa44 "), lines[5]);
        assertEquals("", lines[6]);
        assertEquals(7, lines.length);
        byte[] ed = Base64.getDecoder().decode(lines[4].substring(lines[4].lastIndexOf(' ') + 1));
        assertEquals(4 + 64, ed.length);
        assertArrayEquals(KEYS.ed25519Public().keyId(), Arrays.copyOf(ed, 4));
        byte[] ml = Base64.getDecoder().decode(lines[5].substring(lines[5].lastIndexOf(' ') + 1));
        assertEquals(4 + 8 + 2420, ml.length);
        assertEquals(CLOCK.instant().getEpochSecond(), java.nio.ByteBuffer.wrap(ml, 4, 8).getLong());
    }

    @Test
    void computesKeyIdsAsTheSignedNoteSpecSays() throws Exception {
        NoteKey key = KEYS.mlDsa44Public();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update("example.com/log/mldsa44".getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
        md.update((byte) 0x06);
        md.update(key.key());
        assertArrayEquals(Arrays.copyOf(md.digest(), 4), key.keyId());
        assertEquals(1312, key.key().length);
        assertEquals(32, KEYS.ed25519Public().key().length);
        assertEquals(key, NoteKey.parseVkey(key.vkey()));
        String forged = key.vkey().replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");
        assertThrows(IllegalArgumentException.class, () -> NoteKey.parseVkey(forged));
    }

    @Test
    void bothSignaturesVerifyAndRoundTripThroughTheText() {
        Checkpoint cp = new CheckpointSigner("example.com/log", KEYS, RANDOM, CLOCK).sign(7, root());
        Checkpoint parsed = Checkpoint.parse(cp.text());
        assertEquals(List.of(), CheckpointVerifier.verify(parsed, List.of(KEYS.ed25519Public(), KEYS.mlDsa44Public())));
        assertEquals(cp.text(), parsed.text());
    }

    @Test
    void aChangedSizeOrRootFailsBothSignatures() {
        Checkpoint cp = new CheckpointSigner("example.com/log", KEYS, RANDOM, CLOCK).sign(7, root());
        Checkpoint bigger = new Checkpoint(cp.origin(), 8, cp.root(), cp.signatures());
        assertEquals(2, CheckpointVerifier.verify(bigger, List.of(KEYS.ed25519Public(), KEYS.mlDsa44Public())).size());
        byte[] other = root();
        other[0] ^= 1;
        Checkpoint otherRoot = new Checkpoint(cp.origin(), 7, other, cp.signatures());
        assertEquals(2, CheckpointVerifier.verify(otherRoot, List.of(KEYS.ed25519Public(), KEYS.mlDsa44Public())).size());
    }

    @Test
    void anotherLogsKeysDoNotVerify() {
        LogKeys other = LogKeys.of("example.com/log", LogKeys.newPair("Ed25519", RANDOM), LogKeys.newPair("ML-DSA-44", RANDOM));
        Checkpoint cp = new CheckpointSigner("example.com/log", KEYS, RANDOM, CLOCK).sign(7, root());
        assertEquals(2, CheckpointVerifier.verify(cp, List.of(other.ed25519Public(), other.mlDsa44Public())).size());
    }

    @Test
    void signsMlDsaHedgedSoTwoSignaturesOfOneCheckpointDiffer() {
        CheckpointSigner signer = new CheckpointSigner("example.com/log", KEYS, RANDOM, CLOCK);
        Checkpoint a = signer.sign(7, root());
        Checkpoint b = signer.sign(7, root());
        assertEquals(a.body(), b.body());
        assertFalse(Arrays.equals(a.signatures().get(1).signature(), b.signatures().get(1).signature()));
        // Ed25519 is deterministic by design (RFC 8032); the difference above is the hedging.
        assertArrayEquals(a.signatures().get(0).signature(), b.signatures().get(0).signature());
    }

    @Test
    void refusesMalformedNotes() {
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("o\n1\nAAAA\n"));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("o\n01\nAAAA\n\n\u2014 k AAAAAAAA\n"));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("o\n1\nAAAA\n\n- k AAAAAAAA\n"));
    }

    @Test
    void generatesOwnerOnlyKeyFilesOnceAndReadsTheSameKeysBack(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("keys");
        LogKeys.Loaded first = LogKeys.load(dir, "example.com/log", true, RANDOM);
        assertEquals(LogKeys.Origin.GENERATED, first.origin());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (String f : List.of(LogKeys.ED25519_FILE, LogKeys.MLDSA44_FILE)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))), f);
            assertTrue(Files.readString(dir.resolve(f)).startsWith("-----BEGIN PRIVATE KEY-----"));
        }
        LogKeys.Loaded second = LogKeys.load(dir, "example.com/log", true, RANDOM);
        assertEquals(LogKeys.Origin.READ, second.origin());
        assertEquals(first.keys().ed25519Public(), second.keys().ed25519Public());
        assertEquals(first.keys().mlDsa44Public(), second.keys().mlDsa44Public());
        assertNotEquals(first.keys().toString().length(), 0);
        assertFalse(first.keys().toString().contains(Files.readString(dir.resolve(LogKeys.ED25519_FILE)).split("\n")[1]));
    }

    @Test
    void refusesHalfAKeySetOrAMissingSetWhenGenerationIsOff(@TempDir Path tmp) throws IOException {
        assertThrows(IOException.class, () -> LogKeys.load(tmp.resolve("none"), "o", false, RANDOM));
        LogKeys.load(tmp.resolve("k"), "o", true, RANDOM);
        Files.delete(tmp.resolve("k").resolve(LogKeys.MLDSA44_FILE));
        assertThrows(IOException.class, () -> LogKeys.load(tmp.resolve("k"), "o", true, RANDOM));
    }
}
