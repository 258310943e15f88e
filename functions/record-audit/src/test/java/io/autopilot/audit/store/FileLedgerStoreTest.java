package io.autopilot.audit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.autopilot.audit.AuditLog;

/** The embedded append-only file store under the log contract, plus its crash and damage rules. */
class FileLedgerStoreTest extends LedgerContract {

    @TempDir
    Path dir;

    @Override
    LedgerStore open() throws IOException {
        return new FileLedgerStore(dir);
    }

    /** Rewrites the record with new leaf bytes and a recomputed CRC: what an attacker would do, not bit rot. */
    @Override
    void tamper(long index, byte[] newLeaf) throws IOException {
        Path file = dir.resolve(FileLedgerStore.ENTRIES_FILE);
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all);
        int pos = 0;
        for (long i = 0; i < index; i++) {
            pos += 8 + b.getInt(pos);
        }
        int length = b.getInt(pos);
        ByteBuffer payload = ByteBuffer.wrap(all, pos + 8, length).slice();
        int sourceLen = payload.getShort(0) & 0xffff;
        int idLen = payload.getShort(2 + sourceLen) & 0xffff;
        int leafAt = 2 + sourceLen + 2 + idLen;
        assertEquals(payload.getInt(leafAt), newLeaf.length, "the test forges a leaf of the same length");
        payload.position(leafAt + 4);
        payload.put(newLeaf);
        CRC32C crc = new CRC32C();
        crc.update(all, pos + 8, length);
        b.putInt(pos + 4, (int) crc.getValue());
        Files.write(file, all);
    }

    @Test
    void cutsARecordTornByACrashAndKeepsEverythingBefore() throws Exception {
        try (AuditLog log = log()) {
            log.append(entries(0, 10));
        }
        Path file = dir.resolve(FileLedgerStore.ENTRIES_FILE);
        long good = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(good);
            raf.writeInt(500);
            raf.writeInt(0);
            raf.write(new byte[100]);
        }
        try (AuditLog log = log()) {
            assertEquals(10, log.size());
        }
        assertEquals(good, Files.size(file));
    }

    @Test
    void refusesAFileDamagedBeforeItsEnd() throws Exception {
        try (AuditLog log = log()) {
            log.append(entries(0, 10));
        }
        Path file = dir.resolve(FileLedgerStore.ENTRIES_FILE);
        byte[] all = Files.readAllBytes(file);
        all[20] ^= 0x40;
        Files.write(file, all);
        assertThrows(IOException.class, this::open);
    }
}
