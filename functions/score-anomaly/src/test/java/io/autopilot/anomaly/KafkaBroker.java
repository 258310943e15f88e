package io.autopilot.anomaly;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka broker, single-node KRaft ({@code org.apache.kafka:kafka_2.13:4.1.1}), in a JVM of its own: storage
 * formatted with {@code kafka.tools.StorageTool}, started as {@code kafka.Kafka}, on free loopback ports with a
 * temporary log directory. {@link #restart()} stops the process and starts it again on the same directory and ports,
 * as a broker restart in production does.
 *
 * <p>Its class path is not the test's: the broker needs Scala and Jackson modules at versions the Quarkus BOM would
 * re-pin. It is resolved from {@code src/test/kafka-broker/pom.xml} (not in the reactor) by running the Maven wrapper
 * once per build directory ({@code dependency:copy-dependencies} into {@code target/kafka-broker-libs}); Maven's
 * local repository caches it after the first build.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dir;
    private final Path libs;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dir, Path libs, int port, int controllerPort) {
        this.dir = dir;
        this.libs = libs;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats fresh storage and starts the broker. */
    public static KafkaBroker start() throws IOException, InterruptedException {
        Path libs = libs();
        Path dir = Files.createTempDirectory("kafka-test-");
        KafkaBroker broker = new KafkaBroker(dir, libs, freePort(), freePort());
        broker.configure();
        broker.launch();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** Stops the broker (a clean shutdown, as on SIGTERM) and starts it again on the same storage and ports. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void configure() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.cleaner.backoff.ms=1000",
                "") + "\n");
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "appender.console.type=Console",
                "appender.console.name=STDOUT",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.stdout.ref=STDOUT",
                "logger.kafka.name=kafka",
                "logger.kafka.level=INFO",
                "") + "\n");
        Process format = java(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c",
                dir.resolve("server.properties").toString()), dir.resolve("format.log"));
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed: " + Files.readString(dir.resolve("format.log")));
        }
    }

    private void launch() throws IOException, InterruptedException {
        process = java(List.of("kafka.Kafka", dir.resolve("server.properties").toString()), dir.resolve("broker.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited: " + Files.readString(dir.resolve("broker.log")));
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                Thread.sleep(250);
            }
        }
        stop();
        throw new IllegalStateException("Kafka not up within 120 s: " + Files.readString(dir.resolve("broker.log")));
    }

    private Process java(List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", libs.toAbsolutePath() + File.separator + "*"));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** The broker's class path, resolved once into the build directory. Null when it cannot be had (offline). */
    static Path libs() throws IOException, InterruptedException {
        Path libs = Path.of(System.getProperty("autopilot.test.kafka-broker-libs", "target/kafka-broker-libs"));
        if (Files.isDirectory(libs) && hasJars(libs)) {
            return libs;
        }
        Path pom = Path.of(System.getProperty("autopilot.test.kafka-broker-pom", "src/test/kafka-broker/pom.xml"));
        Path repo = Path.of(System.getProperty("autopilot.repo.dir", "../.."));
        Path log = Files.createDirectories(libs.toAbsolutePath().getParent()).resolve("kafka-broker-libs.log");
        Process mvn = new ProcessBuilder(repo.resolve("mvnw").toAbsolutePath().toString(), "-B", "-q", "-f",
                pom.toAbsolutePath().toString(), "dependency:copy-dependencies", "-DincludeScope=runtime",
                "-DoutputDirectory=" + libs.toAbsolutePath()).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0 || !hasJars(libs)) {
            throw new IllegalStateException("could not resolve the Kafka broker's class path: " + Files.readString(log));
        }
        return libs;
    }

    private static boolean hasJars(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"));
        }
    }

    /** What {@code StorageTool random-uuid} prints: 16 random bytes, base64url, never starting with '-'. */
    private static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
