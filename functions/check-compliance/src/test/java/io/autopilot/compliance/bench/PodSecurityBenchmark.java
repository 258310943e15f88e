package io.autopilot.compliance.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.autopilot.compliance.ResourceChecks;
import io.autopilot.compliance.pss.Level;
import io.autopilot.compliance.pss.PodSecurity;
import io.autopilot.compliance.pss.PodSpecView;
import io.autopilot.compliance.pss.PodTemplates;
import io.autopilot.events.ResourceRef;

/**
 * Resources evaluated per second, and what an evaluation costs next to parsing the same resource's JSON alone
 * (Jackson {@code readTree}, the baseline, measured in the same run). The resources are every case of the PSS corpus
 * ({@code ../shared/datasets/pss}: Pods, Deployments, CronJobs), as JSON bytes, cycled through so no branch is hot
 * for one input only. Run by {@code src/bench/check-compliance-jmh.sh}, never by surefire.
 *
 * <ul>
 * <li>{@code parseOnly}: bytes to a Jackson tree (the baseline);</li>
 * <li>{@code parseAndRestricted}: parse, find the pod, evaluate the restricted level as PSA does (what
 * {@code check-pod} does per resource);</li>
 * <li>{@code restrictedOnly}: the PSA evaluation on an already parsed tree;</li>
 * <li>{@code parseAndAllChecks}: parse, then everything the function does per object: every PSS control tagged by
 * level, token automount, digest pinning, limits, each finding with its framework mapping and SHA-256 id.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PodSecurityBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");

    private byte[][] resources;
    private JsonNode[] trees;
    private int next;
    private final ResourceChecks checks = new ResourceChecks(ResourceChecks.Settings.defaults());

    @Setup
    public void load() throws IOException {
        Path corpus = Path.of(System.getProperty("autopilot.shared.dir", "../shared"), "datasets", "pss");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<byte[]> bytes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode resource = yaml.readTree(file.toFile());
                if (resource != null && PodTemplates.of(resource).isPresent()) {
                    bytes.add(JSON.writeValueAsBytes(resource));
                }
            }
        }
        if (bytes.isEmpty()) {
            throw new IllegalStateException("no resources under " + corpus + " (set -Dautopilot.shared.dir)");
        }
        resources = bytes.toArray(new byte[0][]);
        trees = new JsonNode[resources.length];
        for (int i = 0; i < resources.length; i++) {
            trees[i] = JSON.readTree(resources[i]);
        }
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == resources.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public JsonNode parseOnly() throws IOException {
        return JSON.readTree(resources[nextIndex()]);
    }

    @Benchmark
    public int parseAndRestricted() throws IOException {
        JsonNode resource = JSON.readTree(resources[nextIndex()]);
        PodSpecView pod = PodTemplates.of(resource).orElseThrow();
        return PodSecurity.evaluate(pod, Level.RESTRICTED).size();
    }

    @Benchmark
    public int restrictedOnly() {
        PodSpecView pod = PodTemplates.of(trees[nextIndex()]).orElseThrow();
        return PodSecurity.evaluate(pod, Level.RESTRICTED).size();
    }

    @Benchmark
    public int parseAndAllChecks() throws IOException {
        JsonNode resource = JSON.readTree(resources[nextIndex()]);
        return checks.pod(PodTemplates.of(resource).orElseThrow(), ResourceRef.of(resource), AT).size();
    }

    /** Number of resources in the corpus, for the report. */
    public static void main(String[] args) throws IOException {
        PodSecurityBenchmark b = new PodSecurityBenchmark();
        b.load();
        long bytes = 0;
        for (byte[] r : b.resources) {
            bytes += r.length;
        }
        System.out.printf("%d resources, mean %d bytes of JSON%n", b.resources.length, bytes / b.resources.length);
    }
}
