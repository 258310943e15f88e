package io.autopilot.audit.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.audit.AuditLeaf;
import io.autopilot.audit.AuditLog;
import io.autopilot.audit.merkle.Rfc9162;
import io.autopilot.audit.note.CheckpointSigner;
import io.autopilot.audit.note.LogKeys;
import io.autopilot.audit.store.LedgerStore.NewEntry;
import io.autopilot.audit.verify.LedgerVerifier;

/**
 * What every store must give the log, run against each store: restart loses nothing and keeps the root, duplicates
 * are appended once, and an entry changed behind the log's back makes verification fail and the reopened log seal.
 */
abstract class LedgerContract {

    static final SecureRandom RANDOM = new SecureRandom();
    static final LogKeys KEYS = LogKeys.of("test.example/audit", LogKeys.newPair("Ed25519", RANDOM),
            LogKeys.newPair("ML-DSA-44", RANDOM));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A store over the same persistent state each call (a "restart" is close + open). */
    abstract LedgerStore open() throws Exception;

    /** Changes the leaf bytes of entry {@code index} directly in the storage, as an attacker with disk/DB access would. */
    abstract void tamper(long index, byte[] newLeaf) throws Exception;

    AuditLog log() throws Exception {
        return new AuditLog(open(), new CheckpointSigner("test.example/audit", KEYS, RANDOM, Clock.systemUTC()));
    }

    static NewEntry entry(int i) {
        byte[] leaf = AuditLeaf.of("/test", "id-" + i, "io.autopilot.placement.decided", "s-" + i, null,
                JSON.valueToTree(Map.of("n", i))).encode();
        return new NewEntry("/test", "id-" + i, leaf);
    }

    static List<NewEntry> entries(int from, int to) {
        List<NewEntry> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(entry(i));
        }
        return out;
    }

    /** The verify-audit logic over the log object itself (the HTTP layer is tested elsewhere). */
    static LedgerVerifier.Report verify(AuditLog log) {
        LedgerVerifier.Api api = path -> {
            Map<String, String> q = new java.util.HashMap<>();
            int qm = path.indexOf('?');
            if (qm > 0) {
                for (String kv : path.substring(qm + 1).split("&")) {
                    q.put(kv.split("=")[0], kv.split("=")[1]);
                }
            }
            String route = qm > 0 ? path.substring(0, qm) : path;
            switch (route) {
                case "/audit/checkpoint":
                    return log.checkpoint().text();
                case "/audit/entries": {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (LedgerStore.StoredEntry e : log.entries(Long.parseLong(q.get("start")), Long.parseLong(q.get("end")))) {
                        rows.add(Map.of("index", e.index(), "leaf", Base64.getEncoder().encodeToString(e.leaf())));
                    }
                    return JSON.writeValueAsString(rows);
                }
                case "/audit/proof/inclusion":
                    return JSON.writeValueAsString(Map.of("hashes", log.inclusionProof(Long.parseLong(q.get("index")),
                            Long.parseLong(q.get("size"))).stream().map(Base64.getEncoder()::encodeToString).toList()));
                case "/audit/proof/consistency":
                    return JSON.writeValueAsString(Map.of("hashes", log.consistencyProof(Long.parseLong(q.get("from")),
                            Long.parseLong(q.get("to"))).stream().map(Base64.getEncoder()::encodeToString).toList()));
                default:
                    throw new IOException("no route " + route);
            }
        };
        return new LedgerVerifier(api, 8, new Random(1)).verify(List.of(KEYS.ed25519Public(), KEYS.mlDsa44Public()),
                null, s -> { });
    }

    @Test
    void aRestartLosesNothingAndKeepsTheRoot() throws Exception {
        byte[] root;
        try (AuditLog log = log()) {
            log.append(entries(0, 40));
            log.append(entries(40, 77));
            root = log.root(77);
            log.checkpoint();
        }
        try (AuditLog log = log()) {
            assertEquals(77, log.size());
            assertTrue(log.sealed().isEmpty(), log.sealed().toString());
            assertArrayEquals(root, log.root(77));
            assertArrayEquals(entry(76).leaf(), log.entries(76, 77).get(0).leaf());
            assertTrue(verify(log).ok(), verify(log).failures().toString());
            log.append(entries(77, 80));
            assertEquals(80, log.size());
        }
    }

    @Test
    void appendsADuplicateDeliveryOnceAndAnswersWithTheFirstIndex() throws Exception {
        try (AuditLog log = log()) {
            List<AuditLog.Appended> first = log.append(entries(0, 5));
            List<NewEntry> again = new ArrayList<>(entries(3, 7));
            again.add(entry(6));
            List<AuditLog.Appended> second = log.append(again);
            assertEquals(7, log.size());
            assertEquals(List.of(new AuditLog.Appended(3, false), new AuditLog.Appended(4, false),
                    new AuditLog.Appended(5, true), new AuditLog.Appended(6, true), new AuditLog.Appended(6, false)), second);
            assertTrue(first.stream().allMatch(AuditLog.Appended::added));
        }
        try (AuditLog log = log()) {
            assertEquals(List.of(new AuditLog.Appended(2, false)), log.append(List.of(entry(2))));
            assertEquals(7, log.size());
        }
    }

    @Test
    void anEntryChangedInStorageFailsVerificationAndSealsTheReopenedLog() throws Exception {
        try (AuditLog log = log()) {
            log.append(entries(0, 20));
            log.checkpoint();
            assertTrue(verify(log).ok());
            byte[] forged = new String(entry(7).leaf(), StandardCharsets.UTF_8).replace("\"n\":7", "\"n\":8")
                    .getBytes(StandardCharsets.UTF_8);
            tamper(7, forged);
            LedgerVerifier.Report report = verify(log);
            assertFalse(report.ok());
            assertTrue(report.failures().stream().anyMatch(f -> f.contains("altered")), report.failures().toString());
        }
        try (AuditLog log = log()) {
            assertTrue(log.sealed().isPresent());
            assertTrue(log.sealed().get().contains("altered"), log.sealed().get());
            assertThrows(AuditLog.SealedException.class, () -> log.append(List.of(entry(99))));
            // It still serves the checkpoint it signed, so a verifier sees the mismatch rather than a fresh signature.
            assertEquals(20, log.checkpoint().size());
            assertFalse(verify(log).ok());
        }
    }

    @Test
    void servesProofsForEarlierSizesAfterTheLogGrows() throws Exception {
        try (AuditLog log = log()) {
            log.append(entries(0, 10));
            byte[] root10 = log.root(10);
            log.append(entries(10, 33));
            assertTrue(Rfc9162.verifyConsistency(10, 33, root10, log.root(33), log.consistencyProof(10, 33)));
            assertTrue(Rfc9162.verifyInclusion(4, 10, Rfc9162.leafHash(entry(4).leaf()), log.inclusionProof(4, 10), root10));
        }
    }
}
