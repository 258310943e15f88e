package io.autopilot.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CheckPodCommandTest {

    private static final String FILE = """
            apiVersion: v1
            kind: Pod
            metadata: {name: first}
            spec:
              containers:
              - {name: c, image: x, securityContext: {privileged: true}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: second}
            spec:
              template:
                spec:
                  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                  containers:
                  - name: c
                    image: x
                    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: third}
            """;

    private record Run(int status, List<JsonNode> lines, String err) {
    }

    private static Run run(Path file, String level) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CheckPodCommand.run(new String[] { file.toString(), "--level", level },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = out.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsOneLinePerResourceInFileOrderInTheIssuesShape(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pods.yaml"), FILE);
        Run run = run(file, "restricted");
        assertEquals(1, run.status(), "one resource is not allowed");
        assertEquals(List.of("first", "second", "third"), run.lines().stream().map(l -> l.get("name").asText()).toList());
        JsonNode first = run.lines().get(0);
        assertEquals(List.of("name", "kind", "level", "allowed", "violations"),
                List.copyOf(iterable(first.fieldNames())));
        assertEquals("restricted", first.get("level").asText());
        assertEquals(false, first.get("allowed").asBoolean());
        JsonNode privileged = first.get("violations").get(0);
        assertEquals(List.of("control", "path", "observed"), List.copyOf(iterable(privileged.fieldNames())));
        assertEquals("privileged", privileged.get("control").asText());
        assertEquals("spec.containers[0].securityContext.privileged", privileged.get("path").asText());
        assertEquals("true", privileged.get("observed").asText());
        assertEquals(true, run.lines().get(1).get("allowed").asBoolean());
        assertEquals("Deployment", run.lines().get(1).get("kind").asText());
        assertEquals(true, run.lines().get(2).get("allowed").asBoolean());
    }

    @Test
    void exitsZeroWhenEveryResourceIsAllowed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), FILE.substring(FILE.indexOf("---") + 4));
        assertEquals(0, run(file, "baseline").status());
    }

    @Test
    void refusesAnUnknownLevelAndAMissingFileWithStatusTwo(@TempDir Path dir) throws Exception {
        Run bad = run(Files.writeString(dir.resolve("x.yaml"), FILE), "strict");
        assertEquals(2, bad.status());
        assertEquals(true, bad.err().contains("baseline or restricted"), bad.err());
        assertEquals(2, run(dir.resolve("missing.yaml"), "baseline").status());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
