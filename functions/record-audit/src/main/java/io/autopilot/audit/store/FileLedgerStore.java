package io.autopilot.audit.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

import org.jboss.logging.Logger;

/**
 * The embedded store of the one-process default: an append-only file of records, each
 * {@code u32 length ‖ u32 CRC-32C(payload) ‖ payload}, payload {@code u16 len ‖ source ‖ u16 len ‖ id ‖ u32 len ‖ leaf}
 * (UTF-8). A batch is one write followed by {@code fdatasync} ({@link FileChannel#force(boolean) force(false)}) before
 * {@link #append} returns. At open, a damaged record followed by more data is corruption (an error); a damaged or
 * short last record is a write torn by a crash before it was acknowledged, and is cut off with a warning.
 *
 * <p>The CRC catches disk damage, not an attacker (who can recompute it): tampering is caught by the Merkle root,
 * which the log compares with its last signed checkpoint at start, and by any verifier holding a checkpoint.
 */
public final class FileLedgerStore implements LedgerStore {

    private static final Logger LOG = Logger.getLogger(FileLedgerStore.class);
    public static final String ENTRIES_FILE = "entries.log";
    public static final String CHECKPOINT_FILE = "checkpoint";
    private static final int MAX_RECORD = 16 * 1024 * 1024;

    private final Path dir;
    private final FileChannel channel;
    /** offsets[i] = file position of record i; grows by doubling. */
    private long[] offsets = new long[1024];
    private long count;
    private long end;

    public FileLedgerStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.channel = FileChannel.open(dir.resolve(ENTRIES_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        index();
    }

    /** Reads the record boundaries once; cuts a torn tail. */
    private void index() throws IOException {
        long size = channel.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(8);
        while (pos < size) {
            header.clear();
            if (size - pos < 8 || readFully(pos, header) < 8) {
                cut(pos, size, "a short record header");
                return;
            }
            int length = header.getInt(0);
            int crc = header.getInt(4);
            if (length < 0 || length > MAX_RECORD) {
                throw new IOException("record " + count + " at byte " + pos + " of " + dir.resolve(ENTRIES_FILE)
                        + " has an impossible length: the log file is damaged");
            }
            if (pos + 8 + length > size) {
                cut(pos, size, "a record longer than the file");
                return;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(pos + 8, payload);
            if (crc32c(payload.array()) != crc) {
                if (pos + 8 + length == size) {
                    cut(pos, size, "a last record whose checksum does not match");
                    return;
                }
                throw new IOException("record " + count + " at byte " + pos + " of " + dir.resolve(ENTRIES_FILE)
                        + " fails its CRC-32C check: the log file is damaged");
            }
            addOffset(pos);
            pos += 8 + length;
        }
        end = pos;
    }

    private void cut(long pos, long size, String why) throws IOException {
        LOG.warnf("%s: cutting %d bytes after record %d (%s), a write torn before it was acknowledged",
                dir.resolve(ENTRIES_FILE), size - pos, count, why);
        channel.truncate(pos);
        channel.force(true);
        end = pos;
    }

    private void addOffset(long pos) {
        if (count == offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[(int) count++] = pos;
    }

    @Override
    public synchronized void scan(EntryVisitor visitor) throws IOException {
        for (long i = 0; i < count; i += 4096) {
            for (StoredEntry e : read(i, Math.min(count, i + 4096))) {
                visitor.visit(e);
            }
        }
    }

    @Override
    public synchronized void append(long firstIndex, List<NewEntry> entries) throws IOException {
        if (firstIndex != count) {
            throw new IOException("append at " + firstIndex + " but the store holds " + count + " entries");
        }
        int total = 0;
        List<byte[]> payloads = new ArrayList<>(entries.size());
        for (NewEntry e : entries) {
            byte[] p = payload(e);
            payloads.add(p);
            total += 8 + p.length;
        }
        ByteBuffer batch = ByteBuffer.allocate(total);
        long pos = end;
        long[] starts = new long[entries.size()];
        for (int i = 0; i < payloads.size(); i++) {
            byte[] p = payloads.get(i);
            starts[i] = pos + batch.position();
            batch.putInt(p.length).putInt(crc32c(p)).put(p);
        }
        batch.flip();
        long at = end;
        while (batch.hasRemaining()) {
            at += channel.write(batch, at);
        }
        channel.force(false);
        for (long s : starts) {
            addOffset(s);
        }
        end = at;
    }

    @Override
    public synchronized List<StoredEntry> read(long start, long stop) throws IOException {
        if (start < 0 || stop > count || start > stop) {
            throw new IllegalArgumentException("range [" + start + ", " + stop + ") outside 0.." + count);
        }
        List<StoredEntry> out = new ArrayList<>((int) (stop - start));
        if (start == stop) {
            return out;
        }
        long from = offsets[(int) start];
        long to = stop == count ? end : offsets[(int) stop];
        ByteBuffer all = ByteBuffer.allocate((int) (to - from));
        readFully(from, all);
        for (long i = start; i < stop; i++) {
            int base = (int) (offsets[(int) i] - from);
            int length = all.getInt(base);
            byte[] p = new byte[length];
            all.get(base + 8, p);
            if (crc32c(p) != all.getInt(base + 4)) {
                throw new IOException("record " + i + " fails its CRC-32C check: the log file is damaged");
            }
            out.add(decode(i, p));
        }
        return out;
    }

    @Override
    public synchronized OptionalLong indexOf(String source, String id) throws IOException {
        // The log keeps a hash index in memory; this runs only to resolve a 64-bit collision of that index.
        for (long i = 0; i < count; i += 4096) {
            for (StoredEntry e : read(i, Math.min(count, i + 4096))) {
                if (e.source().equals(source) && e.id().equals(id)) {
                    return OptionalLong.of(e.index());
                }
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public Optional<String> lastCheckpoint() throws IOException {
        Path file = dir.resolve(CHECKPOINT_FILE);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Override
    public void saveCheckpoint(long size, String note) throws IOException {
        Path tmp = dir.resolve(CHECKPOINT_FILE + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(note.getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(tmp, dir.resolve(CHECKPOINT_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String describe() {
        return "file " + dir.resolve(ENTRIES_FILE);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private int readFully(long pos, ByteBuffer buffer) throws IOException {
        int read = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos + read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    private static byte[] payload(NewEntry e) {
        byte[] source = e.source().getBytes(StandardCharsets.UTF_8);
        byte[] id = e.id().getBytes(StandardCharsets.UTF_8);
        if (source.length > 65535 || id.length > 65535) {
            throw new IllegalArgumentException("source and id are at most 65535 bytes");
        }
        return ByteBuffer.allocate(2 + source.length + 2 + id.length + 4 + e.leaf().length)
                .putShort((short) source.length).put(source).putShort((short) id.length).put(id)
                .putInt(e.leaf().length).put(e.leaf()).array();
    }

    private static StoredEntry decode(long index, byte[] p) {
        ByteBuffer b = ByteBuffer.wrap(p);
        byte[] source = new byte[b.getShort() & 0xffff];
        b.get(source);
        byte[] id = new byte[b.getShort() & 0xffff];
        b.get(id);
        byte[] leaf = new byte[b.getInt()];
        b.get(leaf);
        return new StoredEntry(index, new String(source, StandardCharsets.UTF_8), new String(id, StandardCharsets.UTF_8), leaf);
    }

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
