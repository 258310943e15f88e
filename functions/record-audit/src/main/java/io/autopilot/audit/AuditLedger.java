package io.autopilot.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.autopilot.audit.note.CheckpointSigner;
import io.autopilot.audit.note.LogKeys;
import io.autopilot.audit.store.FileLedgerStore;
import io.autopilot.audit.store.LedgerStore;
import io.autopilot.audit.store.PostgresLedgerStore;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.quarkus.runtime.StartupEvent;

/**
 * Opens the audit log from configuration and holds it for the function and the HTTP API. Opening is attempted at
 * start and again on demand: a database that is not up yet makes the log answer 503 (the broker retries the event),
 * never stops the process.
 */
@ApplicationScoped
public class AuditLedger {

    private static final Logger LOG = Logger.getLogger(AuditLedger.class);

    /** {@code file} (one machine, the default) or {@code postgresql} (a cluster). */
    @ConfigProperty(name = "autopilot.record-audit.store", defaultValue = "file")
    String storeKind;

    /** The embedded store's directory. */
    @ConfigProperty(name = "autopilot.record-audit.dir")
    String dir;

    /** The checkpoint keys' directory: a mounted Secret in a cluster. */
    @ConfigProperty(name = "autopilot.record-audit.key-dir")
    String keyDir;

    /** Generate keys when the key directory has none (one machine); off in a cluster, where the Secret is the truth. */
    @ConfigProperty(name = "autopilot.record-audit.generate-keys", defaultValue = "true")
    boolean generateKeys;

    /** The checkpoint origin line and the Ed25519 key name (the ML-DSA-44 cosigner is origin + "/mldsa44"). */
    @ConfigProperty(name = "autopilot.record-audit.origin")
    String origin;

    @ConfigProperty(name = "autopilot.record-audit.jdbc-url")
    Optional<String> jdbcUrl;

    @ConfigProperty(name = "autopilot.record-audit.jdbc-user")
    Optional<String> jdbcUser;

    @ConfigProperty(name = "autopilot.record-audit.jdbc-password")
    Optional<String> jdbcPassword;

    /** Most events one store transaction takes. */
    @ConfigProperty(name = "autopilot.record-audit.max-batch", defaultValue = "1000")
    int maxBatch;

    /** How long an event waits for its batch to commit before the answer is 503 (the broker then retries). */
    @ConfigProperty(name = "autopilot.record-audit.append-timeout", defaultValue = "10S")
    Duration appendTimeout;

    private volatile AuditLog log;
    private volatile GroupCommitter committer;

    void start(@Observes StartupEvent event) {
        try {
            log();
        } catch (ProblemException e) {
            LOG.errorf("record-audit: the audit log is not open yet (%s); it is retried on the next request",
                    e.problem().detail());
        }
    }

    /** The open log; 503 when it cannot be opened. */
    public AuditLog log() {
        AuditLog open = log;
        if (open != null) {
            return open;
        }
        synchronized (this) {
            if (log == null) {
                try {
                    SecureRandom random = new SecureRandom();
                    LogKeys.Loaded keys = LogKeys.load(Path.of(keyDir), origin, generateKeys, random);
                    LOG.infof("record-audit: checkpoint keys %s %s: %s", keys.origin() == LogKeys.Origin.GENERATED
                            ? "generated in" : "read from", keyDir, keys.keys());
                    LedgerStore store = openStore();
                    AuditLog opened = new AuditLog(store, new CheckpointSigner(origin, keys.keys(), random, Clock.systemUTC()));
                    opened.sealed().ifPresent(why -> LOG.errorf("record-audit: %s", why));
                    LOG.infof("record-audit: %d entries in %s", opened.size(), opened.describeStore());
                    committer = new GroupCommitter(opened, maxBatch);
                    log = opened;
                } catch (IOException | RuntimeException e) {
                    throw new ProblemException(ProblemTypes.unavailable("the audit log cannot be opened: " + e.getMessage()));
                }
            }
            return log;
        }
    }

    private LedgerStore openStore() throws IOException {
        return switch (storeKind) {
            case "file" -> new FileLedgerStore(Path.of(dir));
            case "postgresql" -> new PostgresLedgerStore(jdbcUrl.orElseThrow(() -> new IOException(
                    "autopilot.record-audit.store=postgresql needs autopilot.record-audit.jdbc-url")),
                    jdbcUser.orElse(null), jdbcPassword.orElse(null));
            default -> throw new IOException("autopilot.record-audit.store is file or postgresql, not " + storeKind);
        };
    }

    /** Appends one entry durably (group-committed with concurrent ones); 503 when it cannot. */
    public AuditLog.Appended append(LedgerStore.NewEntry entry) {
        log();
        CompletableFuture<AuditLog.Appended> done = committer.submit(entry);
        try {
            return done.get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProblemException(ProblemTypes.unavailable("the audit log did not commit within " + appendTimeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemTypes.unavailable("interrupted while appending"));
        } catch (ExecutionException e) {
            throw new ProblemException(ProblemTypes.unavailable("the audit log could not append: " + e.getCause().getMessage()));
        }
    }

    @PreDestroy
    void stop() {
        try {
            if (committer != null) {
                committer.close();
            }
            if (log != null) {
                log.close();
            }
        } catch (IOException | InterruptedException e) {
            LOG.warnf("record-audit: closing the log: %s", e.getMessage());
        }
    }
}
