package io.autopilot.audit.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The log's Merkle tree as the hashes of its complete subtrees, kept level by level: level L holds, for every k,
 * MTH of leaves [k·2^L, (k+1)·2^L) once all of them exist. That is the tlog-tiles idea without the files: every
 * node a proof can need is either one of these or a right-edge range built from at most log₂ n of them, so a proof
 * costs O(log n) lookups and a few hashes and never reads a leaf. Memory: 64 bytes per leaf (32 for the leaf hash, 32
 * for all interior levels together); 1 million entries ≈ 64 MB.
 *
 * <p>One writer appends; readers ask for roots and proofs of any size up to the current one (a checkpoint signed at
 * size n stays provable after the log grows).
 */
public final class HashTree {

    private static final int CHUNK_SHIFT = 15;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    /** levels.get(L) = chunks of 32-byte hashes; counts[L] = hashes stored at level L. */
    private final List<List<byte[]>> levels = new ArrayList<>();
    private final List<Long> counts = new ArrayList<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public long size() {
        lock.readLock().lock();
        try {
            return counts.isEmpty() ? 0 : counts.get(0);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Appends leaf hashes in order (one lock for the batch). */
    public void appendLeafHashes(List<byte[]> leafHashes) {
        lock.writeLock().lock();
        try {
            for (byte[] h : leafHashes) {
                appendAt(0, h);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void appendLeafHash(byte[] leafHash) {
        appendLeafHashes(List.of(leafHash));
    }

    private void appendAt(int level, byte[] hash) {
        if (hash.length != Rfc9162.HASH_BYTES) {
            throw new IllegalArgumentException("a hash is 32 bytes");
        }
        while (levels.size() <= level) {
            levels.add(new ArrayList<>());
            counts.add(0L);
        }
        long index = counts.get(level);
        List<byte[]> chunks = levels.get(level);
        int chunk = (int) (index >>> CHUNK_SHIFT);
        if (chunk == chunks.size()) {
            chunks.add(new byte[CHUNK * Rfc9162.HASH_BYTES]);
        }
        System.arraycopy(hash, 0, chunks.get(chunk), (int) (index & (CHUNK - 1)) * Rfc9162.HASH_BYTES, Rfc9162.HASH_BYTES);
        counts.set(level, index + 1);
        if ((index & 1) == 1) {
            appendAt(level + 1, Rfc9162.nodeHash(stored(level, index - 1), hash));
        }
    }

    private byte[] stored(int level, long index) {
        byte[] out = new byte[Rfc9162.HASH_BYTES];
        byte[] chunk = levels.get(level).get((int) (index >>> CHUNK_SHIFT));
        System.arraycopy(chunk, (int) (index & (CHUNK - 1)) * Rfc9162.HASH_BYTES, out, 0, Rfc9162.HASH_BYTES);
        return out;
    }

    public byte[] leafHash(long index) {
        lock.readLock().lock();
        try {
            checkSize(index + 1);
            return stored(0, index);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** MTH of the first {@code size} leaves. */
    public byte[] root(long size) {
        lock.readLock().lock();
        try {
            checkSize(size);
            return size == 0 ? Rfc9162.emptyRoot() : mth(0, size);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** RFC 9162 §2.1.3.1 PATH(index, D[0:size]), the sibling nearest the leaf first. */
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is not below size " + size);
        }
        lock.readLock().lock();
        try {
            checkSize(size);
            List<byte[]> topDown = new ArrayList<>();
            long a = 0;
            long b = size;
            while (b - a > 1) {
                long k = Long.highestOneBit(b - a - 1);
                if (index < a + k) {
                    topDown.add(mth(a + k, b));
                    b = a + k;
                } else {
                    topDown.add(mth(a, a + k));
                    a = a + k;
                }
            }
            return reversed(topDown);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** RFC 9162 §2.1.4.1 PROOF(from, D[0:to]); empty when from = to. */
    public List<byte[]> consistencyProof(long from, long to) {
        if (from < 1 || from > to) {
            throw new IllegalArgumentException("need 1 <= from <= to, got " + from + ", " + to);
        }
        lock.readLock().lock();
        try {
            checkSize(to);
            List<byte[]> topDown = new ArrayList<>();
            long a = 0;
            long b = to;
            long m = from;
            boolean whole = true;
            while (true) {
                long n = b - a;
                if (m == n) {
                    if (!whole) {
                        topDown.add(mth(a, b));
                    }
                    break;
                }
                long k = Long.highestOneBit(n - 1);
                if (m <= k) {
                    topDown.add(mth(a + k, b));
                    b = a + k;
                } else {
                    topDown.add(mth(a, a + k));
                    a = a + k;
                    m -= k;
                    whole = false;
                }
            }
            return reversed(topDown);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** MTH(D[a:b]) for a range the proof recursions produce (a aligned to the largest power of two below b - a). */
    private byte[] mth(long a, long b) {
        long n = b - a;
        if (n == 1) {
            return stored(0, a);
        }
        if (Long.bitCount(n) == 1 && a % n == 0) {
            return stored(Long.numberOfTrailingZeros(n), a / n);
        }
        long k = Long.highestOneBit(n - 1);
        return Rfc9162.nodeHash(mth(a, a + k), mth(a + k, b));
    }

    private void checkSize(long size) {
        long have = counts.isEmpty() ? 0 : counts.get(0);
        if (size < 0 || size > have) {
            throw new IllegalArgumentException("size " + size + " is beyond the log's " + have + " entries");
        }
    }

    private static List<byte[]> reversed(List<byte[]> list) {
        List<byte[]> out = new ArrayList<>(list.size());
        for (int i = list.size() - 1; i >= 0; i--) {
            out.add(list.get(i));
        }
        return out;
    }
}
