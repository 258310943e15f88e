package io.autopilot.audit.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL for tests and benchmarks: Debian's PostgreSQL 15 binaries ({@code /usr/lib/postgresql/15/bin},
 * package {@code postgresql}, installed by .ci/run), a fresh cluster from {@code initdb} in a temporary directory,
 * {@code postgres} on a free loopback port with no Unix socket, stopped and deleted by {@link #close()}. PostgreSQL
 * refuses to run as root, so as root both run as the {@code postgres} user ({@code runuser}) in a directory that user
 * owns. fsync and synchronous_commit stay on: the durability the tests and benchmarks claim is the real one.
 *
 * <p>Missing binaries skip the calling test on a developer machine and fail it under CI (env {@code CI} set).
 */
public final class PostgresServer implements AutoCloseable {

    public static final Path BIN = Path.of(System.getProperty("autopilot.postgres.bin", "/usr/lib/postgresql/15/bin"));

    private final Path dir;
    private final int port;
    private final Process process;
    private final boolean asPostgresUser;

    private PostgresServer(Path dir, int port, Process process, boolean asPostgresUser) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.asPostgresUser = asPostgresUser;
    }

    /** Skips (locally) or fails (CI) when PostgreSQL is not installed. */
    public static void assumeInstalled() {
        boolean present = Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("postgres"));
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("PostgreSQL is not installed at " + BIN + " (.ci/run installs the postgresql package)");
        }
        Assumptions.assumeTrue(present, "PostgreSQL not installed at " + BIN + "; skipped outside CI");
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        assumeInstalled();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "autopilot-pg-");
        Path data = dir.resolve("data");
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        run(command(root, List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C")));
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(command(root, List.of(BIN.resolve("postgres").toString(), "-D",
                data.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "max_connections=50", "-c", "shared_buffers=64MB")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile());
        Process process = pb.start();
        PostgresServer server = new PostgresServer(dir, port, process, root);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = DriverManager.getConnection(server.url(), "postgres", "")) {
                return server;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = Files.exists(dir.resolve("postgres.log")) ? Files.readString(dir.resolve("postgres.log")) : "";
                    server.close();
                    throw new IOException("PostgreSQL did not start: " + e.getMessage() + "\n" + log);
                }
                Thread.sleep(100);
            }
        }
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), "");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            try {
                // "fast" shutdown: roll back open sessions, checkpoint, exit.
                run(command(asPostgresUser, List.of(BIN.resolve("pg_ctl").toString(), "stop", "-D",
                        dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "30")));
            } catch (IOException e) {
                process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            }
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        run(List.of("rm", "-rf", dir.toString()));
    }

    private static List<String> command(boolean root, List<String> cmd) {
        if (!root) {
            return cmd;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(cmd);
        return wrapped;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
