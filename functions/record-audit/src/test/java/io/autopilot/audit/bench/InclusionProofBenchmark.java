package io.autopilot.audit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.autopilot.audit.merkle.HashTree;
import io.autopilot.audit.merkle.Rfc9162;

/**
 * Inclusion-proof latency on a log of 1 million entries (not a power of two, so right-edge subtrees are exercised):
 * {@code cachedProof} is what {@code GET /audit/proof/inclusion} computes (the {@link HashTree} of complete-subtree
 * hashes); {@code verifyProof} is a client's RFC 9162 check of such a proof; the baseline {@code rescanProof}
 * computes the same proof from the leaf hashes by the RFC's definition, as a log without cached interior hashes
 * must. Run by {@code src/bench/record-audit-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InclusionProofBenchmark {

    @Param("1000000")
    public int entries;

    private HashTree tree;
    private List<byte[]> leafHashes;
    private byte[] root;
    private final SplittableRandom random = new SplittableRandom(42);
    private long fixedIndex;
    private List<byte[]> fixedProof;

    @Setup
    public void build() {
        tree = new HashTree();
        leafHashes = new ArrayList<>(entries);
        byte[] seed = new byte[8];
        for (int i = 0; i < entries; i++) {
            seed[0] = (byte) i;
            seed[1] = (byte) (i >> 8);
            seed[2] = (byte) (i >> 16);
            seed[3] = (byte) (i >> 24);
            leafHashes.add(Rfc9162.leafHash(seed));
        }
        tree.appendLeafHashes(leafHashes);
        root = tree.root(entries);
        fixedIndex = entries - 3;
        fixedProof = tree.inclusionProof(fixedIndex, entries);
    }

    @Benchmark
    public List<byte[]> cachedProof() {
        return tree.inclusionProof(random.nextLong(entries), entries);
    }

    @Benchmark
    public boolean verifyProof() {
        return Rfc9162.verifyInclusion(fixedIndex, entries, leafHashes.get((int) fixedIndex), fixedProof, root);
    }

    /** Baseline: PATH(m, D[n]) from the leaf hashes, recomputing every sibling subtree (O(n) hashes). */
    @Benchmark
    public List<byte[]> rescanProof() {
        long m = random.nextLong(entries);
        List<byte[]> proof = new ArrayList<>();
        int a = 0;
        int b = entries;
        while (b - a > 1) {
            int k = Integer.highestOneBit(b - a - 1);
            if (m < a + k) {
                proof.add(0, Rfc9162.rootFromLeafHashes(leafHashes, a + k, b));
                b = a + k;
            } else {
                proof.add(0, Rfc9162.rootFromLeafHashes(leafHashes, a, a + k));
                a = a + k;
            }
        }
        return proof;
    }
}
