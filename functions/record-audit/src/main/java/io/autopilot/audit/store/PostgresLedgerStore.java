package io.autopilot.audit.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.postgresql.PGConnection;

/**
 * The cluster store: PostgreSQL through its JDBC driver (plain JDBC, no Quarkus datasource: the one-process runtime
 * loads every function's configuration, and a default datasource there would be global).
 *
 * <p>Table {@code audit_entry(idx bigint primary key, source, event_id, leaf bytea, recorded_at)} with a unique
 * (source, event_id); table {@code audit_checkpoint(tree_size primary key, note)}. One writer: the writer connection
 * holds a session advisory lock, so a second replica pointed at the same database refuses to start instead of
 * forking the log (the primary key would also refuse its inserts). A batch is one transaction with one
 * {@code COPY ... FROM STDIN}; {@link #append} returns after COMMIT, which PostgreSQL makes durable (WAL flushed,
 * {@code synchronous_commit} on) before answering.
 */
public final class PostgresLedgerStore implements LedgerStore {

    /** Arbitrary, fixed: "audit" in ASCII, so operators can recognise it in pg_locks. */
    private static final long WRITER_LOCK = 0x6175646974L;
    private static final int READERS = 4;
    private static final HexFormat HEX = HexFormat.of();

    private final String url;
    private final Properties props;
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private int opened;

    public PostgresLedgerStore(String url, String user, String password) throws IOException {
        this.url = url;
        this.props = new Properties();
        if (user != null && !user.isBlank()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "autopilot-record-audit");
        try {
            writer = DriverManager.getConnection(url, props);
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS audit_entry (idx BIGINT PRIMARY KEY, source TEXT NOT NULL, "
                        + "event_id TEXT NOT NULL, leaf BYTEA NOT NULL, recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(), "
                        + "UNIQUE (source, event_id))");
                s.execute("CREATE TABLE IF NOT EXISTS audit_checkpoint (tree_size BIGINT PRIMARY KEY, note TEXT NOT NULL, "
                        + "signed_at TIMESTAMPTZ NOT NULL DEFAULT now())");
                // A writer that just went away may hold the lock for a moment while its backend exits: retry briefly.
                long deadline = System.nanoTime() + 3_000_000_000L;
                while (!tryLock(s)) {
                    if (System.nanoTime() > deadline) {
                        writer.close();
                        throw new IOException("another record-audit writer holds this database's log (advisory lock "
                                + WRITER_LOCK + "); a log has one writer");
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted waiting for the writer lock");
                    }
                }
            }
            writer.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IOException("PostgreSQL at " + describeUrl(url) + ": " + e.getMessage(), e);
        }
    }

    private static boolean tryLock(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + WRITER_LOCK + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Override
    public void scan(EntryVisitor visitor) throws IOException {
        Connection c = borrow();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT idx, source, event_id, leaf FROM audit_entry ORDER BY idx")) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    long expected = 0;
                    while (rs.next()) {
                        long idx = rs.getLong(1);
                        if (idx != expected) {
                            throw new IOException("audit_entry has no row at index " + expected + " (next is " + idx
                                    + "): entries were deleted");
                        }
                        visitor.visit(new StoredEntry(idx, rs.getString(2), rs.getString(3), rs.getBytes(4)));
                        expected++;
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IOException("reading audit_entry: " + e.getMessage(), e);
        } finally {
            release(c);
        }
    }

    @Override
    public synchronized void append(long firstIndex, List<NewEntry> entries) throws IOException {
        // COPY rather than INSERTs: one round trip and no per-row statement overhead; same transaction semantics.
        StringBuilder rows = new StringBuilder(entries.size() * 400);
        long idx = firstIndex;
        for (NewEntry e : entries) {
            rows.append(idx++).append('\t');
            copyText(rows, e.source());
            rows.append('\t');
            copyText(rows, e.id());
            rows.append("\t\\\\x").append(HEX.formatHex(e.leaf())).append('\n');
        }
        try {
            writer.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY audit_entry (idx, source, event_id, leaf) FROM STDIN", new StringReader(rows.toString()));
            writer.commit();
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("appending " + entries.size() + " entries at " + firstIndex + ": " + e.getMessage(), e);
        }
    }

    /** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
    private static void copyText(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    @Override
    public List<StoredEntry> read(long start, long end) throws IOException {
        Connection c = borrow();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT idx, source, event_id, leaf FROM audit_entry WHERE idx >= ? AND idx < ? ORDER BY idx")) {
            ps.setLong(1, start);
            ps.setLong(2, end);
            List<StoredEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
                }
            }
            if (out.size() != end - start) {
                throw new IOException("audit_entry is missing rows in [" + start + ", " + end + ")");
            }
            return out;
        } catch (SQLException e) {
            throw new IOException("reading audit_entry: " + e.getMessage(), e);
        } finally {
            release(c);
        }
    }

    @Override
    public OptionalLong indexOf(String source, String id) throws IOException {
        Connection c = borrow();
        try (PreparedStatement ps = c.prepareStatement("SELECT idx FROM audit_entry WHERE source = ? AND event_id = ?")) {
            ps.setString(1, source);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IOException("reading audit_entry: " + e.getMessage(), e);
        } finally {
            release(c);
        }
    }

    @Override
    public Optional<String> lastCheckpoint() throws IOException {
        Connection c = borrow();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT note FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IOException("reading audit_checkpoint: " + e.getMessage(), e);
        } finally {
            release(c);
        }
    }

    @Override
    public synchronized void saveCheckpoint(long size, String note) throws IOException {
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO audit_checkpoint (tree_size, note) VALUES (?, ?) "
                + "ON CONFLICT (tree_size) DO UPDATE SET note = EXCLUDED.note, signed_at = now()")) {
            ps.setLong(1, size);
            ps.setString(2, note);
            ps.executeUpdate();
            writer.commit();
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("saving the checkpoint: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "postgresql " + describeUrl(url);
    }

    /** The URL without query parameters (which may carry a password). */
    static String describeUrl(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private Connection borrow() throws IOException {
        Connection c = readers.poll();
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (opened < READERS) {
                try {
                    Connection fresh = DriverManager.getConnection(url, props);
                    opened++;
                    return fresh;
                } catch (SQLException e) {
                    throw new IOException("PostgreSQL at " + describeUrl(url) + ": " + e.getMessage(), e);
                }
            }
        }
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for a database connection");
        }
    }

    private void release(Connection c) {
        try {
            if (c.isClosed() || !c.getAutoCommit()) {
                c.close();
                synchronized (this) {
                    opened--;
                }
                return;
            }
        } catch (SQLException e) {
            synchronized (this) {
                opened--;
            }
            return;
        }
        readers.offer(c);
    }

    @Override
    public void close() throws IOException {
        try {
            try (Statement s = writer.createStatement()) {
                writer.rollback();
                s.execute("SELECT pg_advisory_unlock(" + WRITER_LOCK + ")");
            } catch (SQLException e) {
                // the connection is gone; so is its lock
            }
            writer.close();
            for (Connection c : readers) {
                c.close();
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
