package io.autopilot.audit.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the log's entries and its last signed checkpoint live. Indexes are dense from 0: the log (one writer) hands
 * the store the next index; a store refuses a gap or an overwrite rather than repair it. {@link #append} returns only
 * once the batch is durable, so an acknowledged event survives a crash.
 */
public interface LedgerStore extends AutoCloseable {

    /** One entry to append: the CloudEvent source and id (the duplicate key) and the exact leaf bytes. */
    record NewEntry(String source, String id, byte[] leaf) {
    }

    /** One stored entry. */
    record StoredEntry(long index, String source, String id, byte[] leaf) {
    }

    /** Receives every stored entry in index order while the log is rebuilt. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(StoredEntry entry) throws IOException;
    }

    /** Visits every entry in index order; a gap or a damaged record is an {@link IOException}. */
    void scan(EntryVisitor visitor) throws IOException;

    /** Appends {@code entries} at {@code firstIndex}, {@code firstIndex + 1}, ...; durable when it returns. */
    void append(long firstIndex, List<NewEntry> entries) throws IOException;

    /** Entries with start ≤ index < end, in order. */
    List<StoredEntry> read(long start, long end) throws IOException;

    /** The index of the entry with this source and id, if stored. */
    OptionalLong indexOf(String source, String id) throws IOException;

    /** The last checkpoint note saved, if any. */
    Optional<String> lastCheckpoint() throws IOException;

    /** Saves a signed checkpoint note (durably); it replaces the previous one as the last. */
    void saveCheckpoint(long size, String note) throws IOException;

    /** A short description for logs and health checks (never credentials). */
    String describe();

    @Override
    void close() throws IOException;
}
