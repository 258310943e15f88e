package io.autopilot.audit;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import io.autopilot.audit.store.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real PostgreSQL ({@link PostgresServer}) and points the function at it, as the Knative Service does. When
 * the binaries are missing the application starts on the file store and the test itself skips (or fails under CI).
 */
public class PostgresLedgerResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer server;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(new FreshLedger().start());
        if (!Files.isExecutable(PostgresServer.BIN.resolve("postgres"))) {
            return config;
        }
        try {
            server = PostgresServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not start", e);
        }
        config.put("autopilot.record-audit.store", "postgresql");
        config.put("autopilot.record-audit.jdbc-url", server.url());
        config.put("autopilot.record-audit.jdbc-user", server.user());
        config.put("autopilot.record-audit.jdbc-password", "");
        config.put("autopilot.test.postgres-url", server.url());
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
