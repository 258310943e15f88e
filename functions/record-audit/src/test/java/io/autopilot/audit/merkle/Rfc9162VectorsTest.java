package io.autopilot.audit.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every RFC 9162 vector in {@code ../shared/datasets/merkle-vectors} (see its README): the transparency-dev/merkle
 * inclusion, consistency and subtree-inclusion probes (valid and mutated; each must verify exactly when
 * {@code wantErr} is false), and the independently generated 8-leaf reference tree, whose roots and proofs the log's
 * own {@link HashTree} must reproduce byte for byte. The 118 subtree-consistency files are outside this log's
 * scope (it proves consistency between tree sizes, not subtrees); the README says the same.
 */
class Rfc9162VectorsTest {

    private static final Path VECTORS = Path.of(System.getProperty("autopilot.shared.dir", "../../../shared"))
            .resolve("datasets/merkle-vectors");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getDecoder();

    private static List<JsonNode> files(String kind) throws IOException {
        try (Stream<Path> walk = Files.walk(VECTORS.resolve("transparency-dev-merkle/testdata").resolve(kind))) {
            List<JsonNode> out = new ArrayList<>();
            for (Path p : walk.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode n = JSON.readTree(p.toFile());
                ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("file", VECTORS.relativize(p).toString());
                out.add(n);
            }
            return out;
        }
    }

    private static List<byte[]> proof(JsonNode n) {
        List<byte[]> out = new ArrayList<>();
        n.path("proof").forEach(h -> out.add(B64.decode(h.asText())));
        return out;
    }

    private static byte[] b64(JsonNode n, String field) {
        return n.path(field).isNull() ? new byte[0] : B64.decode(n.path(field).asText());
    }

    @Test
    void verifiesEveryInclusionVectorExactlyWhenItIsValid() throws IOException {
        List<JsonNode> vectors = files("inclusion");
        assertEquals(98, vectors.size());
        int valid = 0;
        for (JsonNode v : vectors) {
            boolean ok = Rfc9162.verifyInclusion(v.path("leafIdx").asLong(), v.path("treeSize").asLong(),
                    b64(v, "leafHash"), proof(v), b64(v, "root"));
            assertEquals(!v.path("wantErr").asBoolean(), ok, v.path("file").asText() + ": " + v.path("desc").asText());
            valid += ok ? 1 : 0;
        }
        assertTrue(valid >= 5, "the happy paths verify: " + valid);
    }

    @Test
    void verifiesEveryConsistencyVectorExactlyWhenItIsValid() throws IOException {
        List<JsonNode> vectors = files("consistency");
        assertEquals(98, vectors.size());
        int valid = 0;
        for (JsonNode v : vectors) {
            boolean ok = Rfc9162.verifyConsistency(v.path("size1").asLong(), v.path("size2").asLong(), b64(v, "root1"),
                    b64(v, "root2"), proof(v));
            assertEquals(!v.path("wantErr").asBoolean(), ok, v.path("file").asText() + ": " + v.path("desc").asText());
            valid += ok ? 1 : 0;
        }
        assertTrue(valid >= 5, "the happy paths verify: " + valid);
    }

    @Test
    void verifiesEverySubtreeInclusionVectorExactlyWhenItIsValid() throws IOException {
        List<JsonNode> vectors = files("subtreeinclusion");
        assertEquals(204, vectors.size());
        for (JsonNode v : vectors) {
            boolean ok = Rfc9162.verifySubtreeInclusion(v.path("leafIdx").asLong(), v.path("start").asLong(),
                    v.path("end").asLong(), b64(v, "leafHash"), proof(v), b64(v, "root"));
            assertEquals(!v.path("wantErr").asBoolean(), ok, v.path("file").asText() + ": " + v.path("desc").asText());
        }
    }

    @Test
    void reproducesTheReferenceTreesRootsAndProofsByteForByte() throws IOException {
        JsonNode ref = JSON.readTree(VECTORS.resolve("generated/rfc9162-reference-tree.json").toFile());
        HexFormat hex = HexFormat.of();
        HashTree tree = new HashTree();
        assertArrayEquals(hex.parseHex(ref.path("rootsBySize").path("0").asText()), tree.root(0));
        for (int i = 0; i < ref.path("leaves").size(); i++) {
            byte[] leafHash = Rfc9162.leafHash(hex.parseHex(ref.path("leaves").get(i).asText()));
            assertArrayEquals(hex.parseHex(ref.path("leafHashes").get(i).asText()), leafHash, "leaf hash " + i);
            tree.appendLeafHash(leafHash);
            assertArrayEquals(hex.parseHex(ref.path("rootsBySize").path(Integer.toString(i + 1)).asText()),
                    tree.root(i + 1), "root of size " + (i + 1));
        }
        assertEquals(36, ref.path("inclusionProofs").size());
        for (JsonNode p : ref.path("inclusionProofs")) {
            long index = p.path("leafIndex").asLong();
            long size = p.path("treeSize").asLong();
            List<String> expected = new ArrayList<>();
            p.path("path").forEach(h -> expected.add(h.asText()));
            List<byte[]> proof = tree.inclusionProof(index, size);
            assertEquals(expected, proof.stream().map(hex::formatHex).toList(), "PATH(" + index + ", " + size + ")");
            assertTrue(Rfc9162.verifyInclusion(index, size, hex.parseHex(p.path("leafHash").asText()), proof,
                    hex.parseHex(p.path("root").asText())));
        }
        assertEquals(28, ref.path("consistencyProofs").size());
        for (JsonNode p : ref.path("consistencyProofs")) {
            long m = p.path("size1").asLong();
            long n = p.path("size2").asLong();
            List<String> expected = new ArrayList<>();
            p.path("proof").forEach(h -> expected.add(h.asText()));
            List<byte[]> proof = tree.consistencyProof(m, n);
            assertEquals(expected, proof.stream().map(hex::formatHex).toList(), "PROOF(" + m + ", " + n + ")");
            assertTrue(Rfc9162.verifyConsistency(m, n, hex.parseHex(p.path("root1").asText()),
                    hex.parseHex(p.path("root2").asText()), proof));
        }
    }

    @Test
    void rejectsEverySingleBitFlipOfAReferenceInclusionProof() throws IOException {
        JsonNode ref = JSON.readTree(VECTORS.resolve("generated/rfc9162-reference-tree.json").toFile());
        HexFormat hex = HexFormat.of();
        int flips = 0;
        for (JsonNode p : ref.path("inclusionProofs")) {
            List<byte[]> proof = new ArrayList<>();
            p.path("path").forEach(h -> proof.add(hex.parseHex(h.asText())));
            for (int e = 0; e < proof.size(); e++) {
                for (int bit = 0; bit < 256; bit += 37) {
                    byte[] original = proof.get(e).clone();
                    proof.get(e)[bit / 8] ^= (byte) (1 << (bit % 8));
                    assertFalse(Rfc9162.verifyInclusion(p.path("leafIndex").asLong(), p.path("treeSize").asLong(),
                            hex.parseHex(p.path("leafHash").asText()), proof, hex.parseHex(p.path("root").asText())));
                    proof.set(e, original);
                    flips++;
                }
            }
        }
        assertTrue(flips > 100);
    }
}
