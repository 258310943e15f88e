package io.autopilot.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 Merkle tree hashing and proof verification with SHA-256: {@code MTH({}) = SHA-256()},
 * leaf {@code SHA-256(0x00 ‖ d)}, node {@code SHA-256(0x01 ‖ left ‖ right)}. The 0x00/0x01 prefixes keep a leaf from
 * ever being passed off as an interior node (second-preimage resistance).
 *
 * <p>Verification follows §2.1.3.2 and §2.1.4.2 step by step, with the edge cases the RFC leaves open decided as
 * transparency-dev/merkle decides them (its test vectors encode them): consistency from size 0 is an error, equal
 * sizes need an empty proof and byte-equal roots, and proof elements and leaf hashes must be 32 bytes.
 */
public final class Rfc9162 {

    public static final int HASH_BYTES = 32;

    private Rfc9162() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The hash of the empty tree, SHA-256 of no bytes. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest md = sha256();
        md.update((byte) 0x00);
        return md.digest(leaf);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = sha256();
        md.update((byte) 0x01);
        md.update(left);
        return md.digest(right);
    }

    /** MTH over leaf hashes [from, to), by the definition (for verifiers and tests; the log uses {@link HashTree}). */
    public static byte[] rootFromLeafHashes(List<byte[]> leafHashes, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return emptyRoot();
        }
        if (n == 1) {
            return leafHashes.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        return nodeHash(rootFromLeafHashes(leafHashes, from, from + k), rootFromLeafHashes(leafHashes, from + k, to));
    }

    /**
     * Roots of every prefix of a log whose leaf hashes arrive in order, in O(log n) memory: {@link #root()} after
     * {@code n} calls to {@link #add} is MTH of the first n leaves. Verifiers recompute a whole log's root with it.
     */
    public static final class RootAccumulator {
        private final List<byte[]> stack = new ArrayList<>();
        private long size;

        public void add(byte[] leafHash) {
            byte[] h = leafHash;
            long s = size;
            while ((s & 1) == 1) {
                h = nodeHash(stack.remove(stack.size() - 1), h);
                s >>= 1;
            }
            stack.add(h);
            size++;
        }

        public long size() {
            return size;
        }

        public byte[] root() {
            if (stack.isEmpty()) {
                return emptyRoot();
            }
            byte[] h = stack.get(stack.size() - 1);
            for (int i = stack.size() - 2; i >= 0; i--) {
                h = nodeHash(stack.get(i), h);
            }
            return h;
        }
    }

    /** §2.1.3.2: true iff {@code proof} shows the leaf with {@code leafHash} at {@code index} in the tree with {@code root}. */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize || leafHash == null || leafHash.length != HASH_BYTES || root == null) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (p == null || p.length != HASH_BYTES || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** §2.1.4.2: true iff {@code proof} shows the tree of size {@code size1} is a prefix of the one of {@code size2}. */
    public static boolean verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (size1 <= 0 || size2 < size1 || root1 == null || root2 == null) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
        }
        if (proof.isEmpty()) {
            return false;
        }
        for (byte[] c : proof) {
            if (c == null || c.length != HASH_BYTES) {
                return false;
            }
        }
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(size1) == 1) {
            path.add(root1);
        }
        path.addAll(proof);
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
    }

    /**
     * Inclusion of a leaf in the aligned subtree [start, end) (Merkle Tree Certificates; the ranges C2SP's ML-DSA-44
     * cosignatures sign): start ≤ end; unless start is 0 or start = end, start is a multiple of the smallest power of
     * two ≥ end − start; start ≤ index < end; then ordinary inclusion of (index − start) in a tree of end − start.
     */
    public static boolean verifySubtreeInclusion(long index, long start, long end, byte[] leafHash, List<byte[]> proof,
            byte[] root) {
        if (start < 0 || start > end) {
            return false;
        }
        if (start != 0 && start != end) {
            long width = end - start;
            long align = Long.bitCount(width) == 1 ? width : Long.highestOneBit(width) << 1;
            if (start % align != 0) {
                return false;
            }
        }
        if (index < start || index >= end) {
            return false;
        }
        return verifyInclusion(index - start, end - start, leafHash, proof, root);
    }
}
