package io.autopilot.audit.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.audit.AuditLeaf;
import io.autopilot.audit.AuditLog;
import io.autopilot.audit.GroupCommitter;
import io.autopilot.audit.merkle.Rfc9162;
import io.autopilot.audit.note.CheckpointSigner;
import io.autopilot.audit.note.LogKeys;
import io.autopilot.audit.store.LedgerStore.NewEntry;
import io.autopilot.audit.store.PostgresLedgerStore;
import io.autopilot.audit.store.PostgresServer;

/**
 * Durable appends per second into a real PostgreSQL 15 (fsync and synchronous_commit on), all in one run against
 * one server:
 * <ol>
 * <li>baseline: a plain INSERT loop, autocommit, one row per statement, into a table of the same shape;</li>
 * <li>the log's own path with concurrent producers: {@code producers} threads each submit one event and wait for
 * its acknowledgement (as concurrent Funqy requests do), group-committed ({@link GroupCommitter}): a batch can
 * hold at most as many events as are in flight, so this figure grows with {@code producers};</li>
 * <li>the log fed whole batches of {@code batch} entries ({@link AuditLog#append}), each acknowledged after its
 * COMMIT;</li>
 * <li>then the log is filled to {@code proofEntries} entries, reopened (time to rebuild the tree from PostgreSQL is
 * reported) and inclusion proofs for random entries are timed one by one (mean, p50, p99).</li>
 * </ol>
 * Usage: {@code AppendBench [plainRows] [producerEvents] [producers] [batchedEvents] [batch] [proofEntries]}.
 */
public final class AppendBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AppendBench() {
    }

    public static void main(String[] args) throws Exception {
        int plainRows = arg(args, 0, 3000);
        int producerEvents = arg(args, 1, 60_000);
        int producers = arg(args, 2, 256);
        int batchedEvents = arg(args, 3, 100_000);
        int batch = arg(args, 4, 1000);
        int proofEntries = arg(args, 5, 1_000_000);
        SecureRandom random = new SecureRandom();
        LogKeys keys = LogKeys.of("bench.example/audit", LogKeys.newPair("Ed25519", random), LogKeys.newPair("ML-DSA-44", random));
        try (PostgresServer pg = PostgresServer.start()) {
            byte[] sample = leaf(0);
            System.out.printf(Locale.ROOT, "leaf size: %d bytes; PostgreSQL %s%n", sample.length, pg.url());

            // 1. baseline
            double plain;
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE plain_entry (idx BIGINT PRIMARY KEY, source TEXT NOT NULL, event_id TEXT NOT NULL, "
                        + "leaf BYTEA NOT NULL, recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(), UNIQUE (source, event_id))");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO plain_entry (idx, source, event_id, leaf) VALUES (?, ?, ?, ?)")) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < plainRows; i++) {
                        ps.setLong(1, i);
                        ps.setString(2, "/bench");
                        ps.setString(3, "e-" + i);
                        ps.setBytes(4, leaf(i));
                        ps.executeUpdate();
                    }
                    plain = plainRows / ((System.nanoTime() - t0) / 1e9);
                }
            }
            System.out.printf(Locale.ROOT, "plain INSERT loop (autocommit, 1 row/commit): %,d rows, %,.0f rows/s%n", plainRows, plain);

            int next = 0;
            double grouped;
            double batched;
            try (AuditLog log = open(pg, keys, random)) {
                // 2. concurrent producers, group commit
                try (GroupCommitter committer = new GroupCommitter(log, batch)) {
                    ExecutorService pool = Executors.newFixedThreadPool(producers);
                    List<NewEntry> entries = entries(next, next + producerEvents);
                    next += producerEvents;
                    long t0 = System.nanoTime();
                    List<Future<?>> done = new ArrayList<>();
                    int per = producerEvents / producers;
                    for (int p = 0; p < producers; p++) {
                        List<NewEntry> mine = entries.subList(p * per, p == producers - 1 ? producerEvents : (p + 1) * per);
                        done.add(pool.submit(() -> {
                            for (NewEntry e : mine) {
                                CompletableFuture<AuditLog.Appended> f = committer.submit(e);
                                f.join();
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                    grouped = producerEvents / ((System.nanoTime() - t0) / 1e9);
                    pool.shutdown();
                }
                System.out.printf(Locale.ROOT, "log, %d concurrent producers, group commit: %,d events, %,.0f appends/s (%.1fx plain)%n",
                        producers, producerEvents, grouped, grouped / plain);

                // 3. whole batches
                List<List<NewEntry>> batches = new ArrayList<>();
                for (int done = 0; done < batchedEvents; done += batch) {
                    int n = Math.min(batch, batchedEvents - done);
                    batches.add(entries(next, next + n));
                    next += n;
                }
                long t0 = System.nanoTime();
                for (List<NewEntry> b : batches) {
                    log.append(b);
                }
                batched = batchedEvents / ((System.nanoTime() - t0) / 1e9);
                System.out.printf(Locale.ROOT, "log, batches of %d (each acknowledged after COMMIT): %,d events, %,.0f appends/s (%.1fx plain)%n",
                        batch, batchedEvents, batched, batched / plain);

                // 4. fill to proofEntries
                long f0 = System.nanoTime();
                while (next < proofEntries) {
                    int n = Math.min(5000, proofEntries - next);
                    log.append(entries(next, next + n));
                    next += n;
                }
                if (proofEntries > batchedEvents) {
                    System.out.printf(Locale.ROOT, "filled to %,d entries in %.1f s%n", log.size(), (System.nanoTime() - f0) / 1e9);
                }
                log.checkpoint();
            }
            long r0 = System.nanoTime();
            try (AuditLog log = open(pg, keys, random)) {
                double reopen = (System.nanoTime() - r0) / 1e9;
                long size = log.size();
                System.out.printf(Locale.ROOT, "reopened: %,d entries, tree rebuilt from PostgreSQL and checked against the last checkpoint in %.1f s (sealed: %s)%n",
                        size, reopen, log.sealed().orElse("no"));
                byte[] root = log.root(size);
                java.util.SplittableRandom r = new java.util.SplittableRandom(7);
                for (int i = 0; i < 20_000; i++) { // warm-up
                    log.inclusionProof(r.nextLong(size), size);
                }
                int n = 100_000;
                long[] nanos = new long[n];
                long[] indexes = new long[n];
                for (int i = 0; i < n; i++) {
                    indexes[i] = r.nextLong(size);
                }
                for (int i = 0; i < n; i++) {
                    long t = System.nanoTime();
                    log.inclusionProof(indexes[i], size);
                    nanos[i] = System.nanoTime() - t;
                }
                long last = size - 1;
                if (!Rfc9162.verifyInclusion(last, size, Rfc9162.leafHash(log.entries(last, last + 1).get(0).leaf()),
                        log.inclusionProof(last, size), root)) {
                    throw new AssertionError("a proof from the reopened log does not verify");
                }
                Arrays.sort(nanos);
                double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
                System.out.printf(Locale.ROOT, "inclusion proof on %,d entries: mean %.2f us, p50 %.2f us, p99 %.2f us (%,d proofs)%n",
                        size, mean, nanos[n / 2] / 1000.0, nanos[(int) (n * 0.99)] / 1000.0, n);
            }
            System.out.printf(Locale.ROOT, "RESULT plain=%.0f grouped=%.0f batched=%.0f ratio_grouped=%.2f ratio_batched=%.2f%n",
                    plain, grouped, batched, grouped / plain, batched / plain);
        }
    }

    private static AuditLog open(PostgresServer pg, LogKeys keys, SecureRandom random) throws Exception {
        return new AuditLog(new PostgresLedgerStore(pg.url(), pg.user(), ""),
                new CheckpointSigner("bench.example/audit", keys, random, Clock.systemUTC()));
    }

    private static byte[] leaf(int i) {
        return AuditLeaf.of("/autopilot/functions/place-workloads", "e-" + i, "io.autopilot.placement.decided",
                "shop/search@" + i, null, JSON.valueToTree(Map.of("requestId", "shop-release-" + i, "status", "placed",
                        "assignments", List.of(Map.of("workload", "search", "site", "eu-north-cloud")),
                        "objective", Map.of("cost", 12.5, "latency", 3.2, "carbon", 0.4)))).encode();
    }

    private static List<NewEntry> entries(int from, int to) {
        List<NewEntry> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(new NewEntry("/bench", "e-" + i, leaf(i)));
        }
        return out;
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
