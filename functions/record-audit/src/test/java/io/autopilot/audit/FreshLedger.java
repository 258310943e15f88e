package io.autopilot.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A new, empty ledger and key directory for each test application start, so the function generates its keys as on
 * a first start, and a log file the tests can search for key material.
 */
public class FreshLedger implements QuarkusTestResourceLifecycleManager {


    @Override
    public Map<String, String> start() {
        Path dir;
        try {
            Files.createDirectories(Path.of("target"));
            dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fresh-ledger-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("autopilot.record-audit.dir", dir.resolve("log").toString(),
                "autopilot.record-audit.key-dir", dir.resolve("keys").toString(),
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", dir.resolve("app.log").toString());
    }

    @Override
    public void stop() {
    }
}
