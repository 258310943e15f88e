package io.autopilot.compliance;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.autopilot.compliance.pss.Level;
import io.autopilot.compliance.pss.PodSecurity;
import io.autopilot.compliance.pss.PodSpecView;
import io.autopilot.compliance.pss.PodTemplates;
import io.autopilot.compliance.pss.Violation;

/**
 * {@code ./autopilot check-pod <file.yaml> --level baseline|restricted}: judges every resource of a (multi-document)
 * YAML or JSON file as Pod Security Admission v1.37 would at that level and prints one JSON line per resource, in file
 * order: {@code {"name","kind","level","allowed","violations":[{"control","path","observed"}]}}. Pods and workload
 * controllers are judged by their pod (template); other kinds carry no pod and print {@code "allowed":true}. A
 * {@code kind: List} is expanded into its items. Exit status 0 when every resource is allowed, 1 when one is not,
 * 2 on a usage or read error.
 */
public final class CheckPodCommand {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckPodCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        Level level = Level.BASELINE;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--level") && i + 1 < args.length) {
                    level = Level.parse(args[++i]);
                } else if (arg.startsWith("--level=")) {
                    level = Level.parse(arg.substring("--level=".length()));
                } else if (arg.equals("-h") || arg.equals("--help")) {
                    out.println(usage());
                    return 0;
                } else if (file == null && !arg.startsWith("--")) {
                    file = Path.of(arg);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no file given");
            }
        } catch (IllegalArgumentException e) {
            err.println("check-pod: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        try {
            boolean allAllowed = true;
            for (JsonNode resource : read(file)) {
                ObjectNode line = judge(resource, level);
                allAllowed &= line.get("allowed").booleanValue();
                out.println(JSON.writeValueAsString(line));
            }
            return allAllowed ? 0 : 1;
        } catch (NoSuchFileException e) {
            err.println("check-pod: no such file " + file);
            return 2;
        } catch (IOException e) {
            err.println("check-pod: cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
            return 2;
        }
    }

    static String usage() {
        return "usage: check-pod <file.yaml> --level baseline|restricted";
    }

    /** Every resource of the file, in order; empty documents are skipped, Lists expanded. */
    static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(reader)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty() && doc.isObject()) {
                    continue;
                }
                if (doc.path("kind").asText("").equals("List") || doc.path("kind").asText("").endsWith("List")
                        && doc.path("items").isArray()) {
                    doc.path("items").forEach(resources::add);
                } else {
                    resources.add(doc);
                }
            }
        }
        return resources;
    }

    /** One output line for one resource. */
    public static ObjectNode judge(JsonNode resource, Level level) {
        ObjectNode line = JSON.createObjectNode();
        line.put("name", resource.path("metadata").path("name").asText(null));
        line.put("kind", resource.path("kind").asText(null));
        line.put("level", level.id());
        List<Violation> violations = PodTemplates.of(resource)
                .map((PodSpecView pod) -> PodSecurity.evaluate(pod, level)).orElse(List.of());
        line.put("allowed", violations.isEmpty());
        ArrayNode list = line.putArray("violations");
        for (Violation v : violations) {
            list.addObject().put("control", v.control()).put("path", v.path()).put("observed", v.observed());
        }
        return line;
    }
}
