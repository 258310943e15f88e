package io.autopilot.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.audit.AuditLeaf;
import io.autopilot.audit.merkle.Rfc9162;
import io.autopilot.audit.note.Checkpoint;
import io.autopilot.audit.note.CheckpointVerifier;
import io.autopilot.audit.note.LogKeys;
import io.autopilot.audit.note.NoteKey;
import io.autopilot.audit.verify.LedgerVerifier;
import io.restassured.response.Response;

/**
 * Proves, as an auditor with curl would, that an event the running system put on its broker is in record-audit's
 * ledger: the broker delivered it to the record-audit Trigger; exactly one entry of {@code GET /audit/entries} has that
 * event (same source and id) as its leaf, with the event's type, subject, time and data; the inclusion proof of that
 * entry at the current checkpoint's size verifies against the checkpoint's root, and that checkpoint carries a valid
 * Ed25519 signature and ML-DSA-44 cosignature by the keys the log publishes at {@code /audit/keys}, which are the keys
 * in the test ledger's key directory under {@code target/}. The checks are record-audit's own ({@link AuditLeaf},
 * {@link Checkpoint}, {@link CheckpointVerifier}, {@link Rfc9162}, {@link LedgerVerifier}); the leaf hash is
 * recomputed here from the served bytes, never taken from the log.
 */
final class AuditProofs {

    /** record-audit's Trigger (knative/record-audit/500-trigger.yaml). */
    static final String TRIGGER = "record-audit-decisions";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int PAGE = 1000;

    private AuditProofs() {
    }

    /** What was proven: the entry's index, its leaf, and the signed checkpoint the proof verified against. */
    record Proven(long index, AuditLeaf leaf, Checkpoint checkpoint) {
    }

    /** The broker's recent events of one type, with their data, as Jackson trees (numbers keep their JSON form). */
    static List<JsonNode> eventsWithData(String type) {
        String body = given().queryParam("type", type).queryParam("data", "true").queryParam("limit", 10_000)
                .when().get("/broker/events").then().statusCode(200).extract().asString();
        try {
            List<JsonNode> out = new ArrayList<>();
            MAPPER.readTree(body).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the broker delivered {@code event} (a {@code /broker/events?data=true} view) to record-audit, then
     * finds its ledger entry and verifies its inclusion proof against the signed checkpoint.
     */
    static Proven assertAuditedAndProven(JsonNode event) {
        String id = event.path("id").asText();
        String source = event.path("source").asText();
        await(event.path("type").asText() + " " + id + " delivered at Trigger " + TRIGGER).atMost(WAIT)
                .until(() -> "delivered".equals(BrokerEvents.outcome(id, TRIGGER)));

        List<NoteKey> keys = publishedKeys();
        Checkpoint cp = Checkpoint.parse(get("/audit/checkpoint"));
        assertEquals(List.of(), CheckpointVerifier.verify(cp, keys),
                "the checkpoint's Ed25519 signature and ML-DSA-44 cosignature verify with the published keys");
        assertTrue(cp.size() > 0, "the checkpoint covers the entry");

        // newest entries first: the event was appended moments ago
        long index = -1;
        byte[] leafBytes = null;
        JsonNode row = null;
        for (long end = cp.size(); end > 0; end -= PAGE) {
            long start = Math.max(0, end - PAGE);
            for (JsonNode e : json(get("/audit/entries?start=" + start + "&end=" + end))) {
                byte[] bytes = Base64.getDecoder().decode(e.path("leaf").asText());
                AuditLeaf leaf = AuditLeaf.decode(bytes);
                if (id.equals(leaf.id()) && source.equals(leaf.source())) {
                    assertEquals(-1, index, "event " + source + " " + id + " is appended once, found at " + index
                            + " and " + e.path("index").asLong());
                    index = e.path("index").asLong();
                    leafBytes = bytes;
                    row = e;
                }
            }
        }
        assertTrue(index >= 0, "event " + source + " " + id + " is among the " + cp.size() + " ledger entries");

        AuditLeaf leaf = AuditLeaf.decode(leafBytes);
        assertEquals(event.path("type").asText(), leaf.type());
        assertEquals(event.path("subject").asText(), leaf.subject());
        assertEquals(Instant.parse(event.path("time").asText()), Instant.parse(leaf.time()));
        assertNotNull(leaf.data(), "the leaf holds the event's data");
        assertEquals(event.path("data"), leaf.data(), "the leaf holds the event's data, unchanged");
        assertEquals(leaf.type(), row.path("type").asText(), "/audit/entries shows the leaf's type");
        assertEquals(leaf.subject(), row.path("subject").asText(), "/audit/entries shows the leaf's subject");

        List<byte[]> proof = hashes(get("/audit/proof/inclusion?index=" + index + "&size=" + cp.size()));
        assertTrue(Rfc9162.verifyInclusion(index, cp.size(), Rfc9162.leafHash(leafBytes), proof, cp.root()),
                "the inclusion proof of entry " + index + " verifies against the signed root of size " + cp.size());
        // the same proof must not vouch for a leaf that differs in one byte (a check that cannot pass vacuously)
        byte[] altered = leafBytes.clone();
        altered[altered.length / 2] ^= 1;
        assertFalse(Rfc9162.verifyInclusion(index, cp.size(), Rfc9162.leafHash(altered), proof, cp.root()),
                "an altered leaf does not verify");
        return new Proven(index, leaf, cp);
    }

    /**
     * The whole log, as {@code ./autopilot verify-audit} checks it, pinned to the published keys and to a checkpoint
     * seen earlier: the log the test proved an entry in has only grown since.
     */
    static void assertLogVerifies(Checkpoint earlier) {
        LedgerVerifier.Report report = new LedgerVerifier(path -> {
            Response r = given().urlEncodingEnabled(false).get(path);
            if (r.statusCode() != 200) {
                throw new IOException(path + " answered " + r.statusCode() + ": " + r.asString());
            }
            return r.asString();
        }, 8, new Random(7)).verify(publishedKeys(), earlier, s -> { });
        assertTrue(report.ok(), report.failures().toString());
        assertTrue(report.size() >= earlier.size());
        assertTrue(report.passed().stream().anyMatch(p -> p.startsWith("consistent with the previous checkpoint")
                || p.startsWith("previous checkpoint is the empty log")), report.passed().toString());
    }

    /**
     * The keys {@code /audit/keys} publishes: an Ed25519 signer and an ML-DSA-44 cosigner, equal to the public halves
     * of the key files in the configured key directory, which (like the ledger) is under {@code target/} in tests.
     */
    static List<NoteKey> publishedKeys() {
        List<NoteKey> keys = get("/audit/keys").lines().filter(l -> !l.isBlank()).map(NoteKey::parseVkey).toList();
        assertEquals(Set.of(NoteKey.ED25519, NoteKey.MLDSA44_COSIGNATURE),
                keys.stream().map(NoteKey::type).collect(Collectors.toSet()), "a signer and a post-quantum cosigner");
        assertEquals(2, keys.size());
        Path keyDir = underTarget("autopilot.record-audit.key-dir");
        underTarget("autopilot.record-audit.dir");
        String origin = ConfigProvider.getConfig().getValue("autopilot.record-audit.origin", String.class);
        try {
            LogKeys onDisk = LogKeys.load(keyDir, origin, false, new SecureRandom()).keys();
            assertEquals(Set.of(onDisk.ed25519Public().vkey(), onDisk.mlDsa44Public().vkey()),
                    keys.stream().map(NoteKey::vkey).collect(Collectors.toSet()),
                    "the published keys are those in " + keyDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** A directory setting of record-audit, checked to resolve below this module's target/ (never ~/.autopilot). */
    private static Path underTarget(String property) {
        Path dir = Path.of(ConfigProvider.getConfig().getValue(property, String.class)).toAbsolutePath().normalize();
        assertTrue(dir.startsWith(Path.of("target").toAbsolutePath()), property + " is under target/, not " + dir);
        return dir;
    }

    private static String get(String path) {
        Response r = given().urlEncodingEnabled(false).get(path);
        assertEquals(200, r.statusCode(), path + " answered " + r.statusCode() + ": " + r.asString());
        return r.asString();
    }

    private static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<byte[]> hashes(String body) {
        JsonNode node = json(body).path("hashes");
        assertTrue(node.isArray(), "a proof is {\"hashes\":[...]}: " + body);
        List<byte[]> out = new ArrayList<>();
        node.forEach(h -> out.add(Base64.getDecoder().decode(h.asText())));
        return out;
    }
}
