package io.autopilot.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.autopilot.audit.merkle.HashTree;
import io.autopilot.audit.merkle.Rfc9162;
import io.autopilot.audit.note.Checkpoint;
import io.autopilot.audit.note.CheckpointSigner;
import io.autopilot.audit.note.CheckpointVerifier;
import io.autopilot.audit.store.LedgerStore;
import io.autopilot.audit.store.LedgerStore.NewEntry;
import io.autopilot.audit.store.LedgerStore.StoredEntry;

/**
 * The tamper-evident log: a {@link LedgerStore} for the entries, a {@link HashTree} for proofs, a duplicate index on
 * (source, id) and the checkpoint signer. Framework-free; one writer (appends are serialised here).
 *
 * <p>At open it rebuilds the tree from the stored leaves and compares the root at the last signed checkpoint's size
 * with that checkpoint: a log that no longer matches what it signed is <em>sealed</em> - it serves what it has (so
 * verifiers can see the damage) but appends nothing and signs nothing, because a log must never sign a checkpoint
 * inconsistent with an earlier one.
 */
public final class AuditLog implements AutoCloseable {

    private final LedgerStore store;
    private final CheckpointSigner signer;
    private final HashTree tree = new HashTree();
    private final LongLongMap byKey = new LongLongMap();
    private volatile String sealedBecause;
    private volatile Checkpoint latest;

    /** What an append did with each entry: where it is, and whether it was new. */
    public record Appended(long index, boolean added) {
    }

    public AuditLog(LedgerStore store, CheckpointSigner signer) throws IOException {
        this.store = store;
        this.signer = signer;
        List<byte[]> hashes = new ArrayList<>();
        try {
            store.scan(e -> {
                hashes.add(Rfc9162.leafHash(e.leaf()));
                if (hashes.size() == 65_536) {
                    tree.appendLeafHashes(hashes);
                    hashes.clear();
                }
                byKey.putIfAbsent(key(e.source(), e.id()), e.index());
            });
        } catch (IOException e) {
            tree.appendLeafHashes(hashes);
            sealedBecause = "the store could not be read in full: " + e.getMessage();
            return;
        }
        tree.appendLeafHashes(hashes);
        Optional<String> saved = store.lastCheckpoint();
        if (saved.isPresent()) {
            checkAgainst(saved.get());
        }
    }

    private void checkAgainst(String note) {
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(note);
        } catch (IllegalArgumentException e) {
            sealedBecause = "the last saved checkpoint does not parse: " + e.getMessage();
            return;
        }
        List<String> problems = CheckpointVerifier.verify(cp, signer.publicKeys());
        if (!problems.isEmpty()) {
            sealedBecause = "the last saved checkpoint was not signed by this log's keys: " + problems;
            return;
        }
        if (cp.size() > tree.size()) {
            sealedBecause = "the last signed checkpoint covers " + cp.size() + " entries but the store holds "
                    + tree.size() + ": entries were lost";
            return;
        }
        if (!MessageDigest.isEqual(tree.root(cp.size()), cp.root())) {
            sealedBecause = "the stored entries no longer hash to the root signed at size " + cp.size()
                    + ": the store was altered";
            return;
        }
        if (cp.size() == tree.size()) {
            latest = cp;
        }
    }

    /** Why the log refuses to append and sign, if it does. */
    public Optional<String> sealed() {
        return Optional.ofNullable(sealedBecause);
    }

    public long size() {
        return tree.size();
    }

    public String describeStore() {
        return store.describe();
    }

    /**
     * Appends a batch: entries whose (source, id) is stored already, or repeats within the batch, are not appended
     * again and report their existing index. Durable when it returns.
     */
    public synchronized List<Appended> append(List<NewEntry> entries) throws IOException {
        if (sealedBecause != null) {
            throw new SealedException(sealedBecause);
        }
        List<Appended> result = new ArrayList<>(entries.size());
        List<NewEntry> fresh = new ArrayList<>(entries.size());
        Map<String, Long> inBatch = new HashMap<>();
        long next = tree.size();
        for (NewEntry e : entries) {
            String exact = e.source() + "\n" + e.id();
            Long pending = inBatch.get(exact);
            if (pending != null) {
                result.add(new Appended(pending, false));
                continue;
            }
            OptionalLong existing = lookup(e.source(), e.id());
            if (existing.isPresent()) {
                result.add(new Appended(existing.getAsLong(), false));
                continue;
            }
            long index = next + fresh.size();
            inBatch.put(exact, index);
            fresh.add(e);
            result.add(new Appended(index, true));
        }
        if (!fresh.isEmpty()) {
            store.append(next, fresh);
            List<byte[]> hashes = new ArrayList<>(fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                NewEntry e = fresh.get(i);
                hashes.add(Rfc9162.leafHash(e.leaf()));
                byKey.putIfAbsent(key(e.source(), e.id()), next + i);
            }
            tree.appendLeafHashes(hashes);
        }
        return result;
    }

    private OptionalLong lookup(String source, String id) throws IOException {
        long candidate = byKey.get(key(source, id));
        if (candidate < 0) {
            return OptionalLong.empty();
        }
        StoredEntry stored = store.read(candidate, candidate + 1).get(0);
        if (stored.source().equals(source) && stored.id().equals(id)) {
            return OptionalLong.of(candidate);
        }
        return store.indexOf(source, id); // a 64-bit collision of the in-memory index: ask the store
    }

    /**
     * The checkpoint for the current size, signed when the log has grown since the last one (signing per read, not
     * per append: an append burst costs one signature). Saved before it is served, so a restart can check it.
     */
    public synchronized Checkpoint checkpoint() throws IOException {
        long size = tree.size();
        Checkpoint current = latest;
        if (current != null && current.size() == size) {
            return current;
        }
        if (sealedBecause != null) {
            Optional<String> saved = store.lastCheckpoint();
            if (saved.isPresent()) {
                return Checkpoint.parse(saved.get());
            }
            throw new SealedException(sealedBecause);
        }
        Checkpoint signed = signer.sign(size, tree.root(size));
        store.saveCheckpoint(size, signed.text());
        latest = signed;
        return signed;
    }

    public List<StoredEntry> entries(long start, long end) throws IOException {
        return store.read(start, end);
    }

    public byte[] root(long size) {
        return tree.root(size);
    }

    public List<byte[]> inclusionProof(long index, long size) {
        return tree.inclusionProof(index, size);
    }

    public List<byte[]> consistencyProof(long from, long to) {
        return tree.consistencyProof(from, to);
    }

    public List<io.autopilot.audit.note.NoteKey> publicKeys() {
        return signer.publicKeys();
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    /** The first 8 bytes of SHA-256(source ‖ 0x0A ‖ id): the in-memory duplicate index's key. */
    static long key(String source, String id) {
        MessageDigest md = Rfc9162.sha256();
        md.update(source.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0x0A);
        return ByteBuffer.wrap(md.digest(id.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /** The log refuses to append or sign; see {@link AuditLog#sealed()}. */
    public static final class SealedException extends IOException {
        public SealedException(String why) {
            super("the audit log is sealed: " + why);
        }
    }
}
