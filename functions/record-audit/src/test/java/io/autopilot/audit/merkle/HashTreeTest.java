package io.autopilot.audit.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The cached-subtree tree against the RFC 9162 definitions computed from scratch, for every size up to 70. */
class HashTreeTest {

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Rfc9162.leafHash(ByteBuffer.allocate(4).putInt(i * 7919).array()));
        }
        return out;
    }

    /** PATH(m, D[a:b]) by the RFC's recursive definition. */
    private static List<byte[]> path(List<byte[]> h, int m, int a, int b) {
        if (b - a == 1) {
            return new ArrayList<>();
        }
        int k = Integer.highestOneBit(b - a - 1);
        List<byte[]> out;
        if (m < a + k) {
            out = path(h, m, a, a + k);
            out.add(Rfc9162.rootFromLeafHashes(h, a + k, b));
        } else {
            out = path(h, m, a + k, b);
            out.add(Rfc9162.rootFromLeafHashes(h, a, a + k));
        }
        return out;
    }

    /** SUBPROOF(m, D[a:b], whole) by the RFC's definition. */
    private static List<byte[]> subproof(List<byte[]> h, int m, int a, int b, boolean whole) {
        int n = b - a;
        if (m == n) {
            List<byte[]> out = new ArrayList<>();
            if (!whole) {
                out.add(Rfc9162.rootFromLeafHashes(h, a, b));
            }
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        List<byte[]> out;
        if (m <= k) {
            out = subproof(h, m, a, a + k, whole);
            out.add(Rfc9162.rootFromLeafHashes(h, a + k, b));
        } else {
            out = subproof(h, m - k, a + k, b, false);
            out.add(Rfc9162.rootFromLeafHashes(h, a, a + k));
        }
        return out;
    }

    @Test
    void rootsAndProofsEqualTheDefinitionsAtEverySize() {
        List<byte[]> h = leaves(70);
        HashTree tree = new HashTree();
        for (int n = 1; n <= 70; n++) {
            tree.appendLeafHash(h.get(n - 1));
            byte[] root = Rfc9162.rootFromLeafHashes(h, 0, n);
            assertArrayEquals(root, tree.root(n));
        }
        for (int n = 1; n <= 70; n++) {
            byte[] root = Rfc9162.rootFromLeafHashes(h, 0, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = tree.inclusionProof(m, n);
                assertEquals(path(h, m, 0, n).size(), proof.size());
                for (int i = 0; i < proof.size(); i++) {
                    assertArrayEquals(path(h, m, 0, n).get(i), proof.get(i));
                }
                assertTrue(Rfc9162.verifyInclusion(m, n, h.get(m), proof, root), m + " in " + n);
                assertFalse(Rfc9162.verifyInclusion(m, n, h.get((m + 1) % 70), proof, root));
            }
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                List<byte[]> expected = subproof(h, m, 0, n, true);
                assertEquals(expected.size(), proof.size());
                for (int i = 0; i < proof.size(); i++) {
                    assertArrayEquals(expected.get(i), proof.get(i));
                }
                assertTrue(Rfc9162.verifyConsistency(m, n, Rfc9162.rootFromLeafHashes(h, 0, m), root, proof), m + " -> " + n);
            }
        }
    }

    @Test
    void theAccumulatorAgreesWithTheTree() {
        List<byte[]> h = leaves(37);
        HashTree tree = new HashTree();
        Rfc9162.RootAccumulator acc = new Rfc9162.RootAccumulator();
        for (byte[] leaf : h) {
            tree.appendLeafHash(leaf);
            acc.add(leaf);
            assertArrayEquals(tree.root(tree.size()), acc.root());
        }
    }

    @Test
    void refusesProofsBeyondTheLog() {
        HashTree tree = new HashTree();
        leaves(5).forEach(tree::appendLeafHash);
        assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(5, 5));
        assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(0, 6));
        assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(0, 3));
        assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(4, 3));
        assertThrows(IllegalArgumentException.class, () -> tree.root(6));
    }
}
