package io.autopilot.audit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.autopilot.audit.AuditLog;

/**
 * The PostgreSQL store under the log contract, against a real PostgreSQL 15 started for this class
 * ({@link PostgresServer}: skipped locally without the binaries, failed under CI).
 */
class PostgresLedgerStoreTest extends LedgerContract {

    private static PostgresServer server;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void emptyTables() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS audit_entry, audit_checkpoint");
        }
    }

    @Override
    LedgerStore open() throws IOException {
        return new PostgresLedgerStore(server.url(), server.user(), "");
    }

    @Override
    void tamper(long index, byte[] newLeaf) throws Exception {
        try (Connection c = server.connect();
                PreparedStatement ps = c.prepareStatement("UPDATE audit_entry SET leaf = ? WHERE idx = ?")) {
            ps.setBytes(1, newLeaf);
            ps.setLong(2, index);
            assertEquals(1, ps.executeUpdate());
        }
    }

    @Test
    void aDeletedRowSealsTheReopenedLog() throws Exception {
        try (AuditLog log = log()) {
            log.append(entries(0, 12));
            log.checkpoint();
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM audit_entry WHERE idx = 11");
        }
        try (AuditLog log = log()) {
            assertTrue(log.sealed().isPresent());
            assertTrue(log.sealed().get().contains("lost"), log.sealed().get());
        }
    }

    @Test
    void storesSourcesAndIdsWithCopySpecialCharactersExactly() throws Exception {
        String source = "/odd\\source\twith\ttabs";
        String id = "id\nwith\rbreaks\\N and \u00e9";
        try (LedgerStore store = open()) {
            store.append(0, java.util.List.of(new LedgerStore.NewEntry(source, id, new byte[] { 0, (byte) 0xff, 92, 9, 10 })));
            LedgerStore.StoredEntry back = store.read(0, 1).get(0);
            assertEquals(source, back.source());
            assertEquals(id, back.id());
            org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] { 0, (byte) 0xff, 92, 9, 10 }, back.leaf());
            assertEquals(0L, store.indexOf(source, id).getAsLong());
        }
    }

    @Test
    void aSecondWriterOnTheSameDatabaseIsRefused() throws Exception {
        try (LedgerStore first = open()) {
            IOException e = assertThrows(IOException.class, this::open);
            assertTrue(e.getMessage().contains("one writer"), e.getMessage());
        }
    }
}
