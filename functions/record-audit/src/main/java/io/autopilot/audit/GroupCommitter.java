package io.autopilot.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.autopilot.audit.store.LedgerStore.NewEntry;

/**
 * Group commit: events arriving concurrently are appended together, one store transaction (one fsync) per batch,
 * and each caller's future completes only after that batch is durable. A lone event is written at once; under load
 * the batch is whatever queued up while the previous commit ran (at most {@code maxBatch}), so throughput grows with
 * concurrency and no event waits for a timer.
 */
public final class GroupCommitter implements AutoCloseable {

    private record Pending(NewEntry entry, CompletableFuture<AuditLog.Appended> done) {
    }

    private final AuditLog log;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public GroupCommitter(AuditLog log, int maxBatch) {
        this.log = log;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::loop, "record-audit-committer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public CompletableFuture<AuditLog.Appended> submit(NewEntry entry) {
        CompletableFuture<AuditLog.Appended> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IOException("the audit log is shutting down"));
            return done;
        }
        queue.add(new Pending(entry, done));
        return done;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IOException("the audit log shut down"));
        }
    }

    private void commit(List<Pending> batch) {
        List<NewEntry> entries = new ArrayList<>(batch.size());
        batch.forEach(p -> entries.add(p.entry()));
        try {
            List<AuditLog.Appended> appended = log.append(entries);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(appended.get(i));
            }
        } catch (IOException | RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
