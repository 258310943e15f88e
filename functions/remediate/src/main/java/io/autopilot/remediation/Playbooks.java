package io.autopilot.remediation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Playbooks as configuration: a YAML document {@code playbooks: [...]} (a file, or a ConfigMap manifest whose
 * {@code data."playbooks.yaml"} holds it). The first matching playbook wins, so order them from specific to general.
 */
public final class Playbooks {

    private final List<Playbook> playbooks;

    public Playbooks(List<Playbook> playbooks) {
        this.playbooks = List.copyOf(playbooks);
    }

    public List<Playbook> all() {
        return playbooks;
    }

    public Optional<Playbook> match(Incident incident) {
        return playbooks.stream().filter(p -> p.matches(incident)).findFirst();
    }

    public static Playbooks parse(String yaml) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try {
            JsonNode root = mapper.readTree(yaml);
            if (root != null && "ConfigMap".equals(root.path("kind").asText())) {
                root = mapper.readTree(root.path("data").path("playbooks.yaml").asText());
            }
            if (root == null || !root.path("playbooks").isArray()) {
                throw new IllegalArgumentException("playbooks: expected a top-level list 'playbooks'");
            }
            List<Playbook> out = new ArrayList<>();
            for (JsonNode node : root.path("playbooks")) {
                out.add(mapper.treeToValue(flatten(node, mapper), Playbook.class));
            }
            return new Playbooks(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("playbooks: " + e.getMessage(), e);
        }
    }

    /** {@code match: {types, reasons, kinds, labels}} and {@code rateLimit: {max, windowSeconds}} read flat. */
    private static JsonNode flatten(JsonNode node, ObjectMapper mapper) {
        var out = mapper.createObjectNode();
        node.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "match" -> e.getValue().fields().forEachRemaining(m -> out.set(m.getKey(), m.getValue()));
                case "rateLimit" -> {
                    out.set("rateLimitMax", e.getValue().path("max"));
                    out.set("rateLimitWindowSeconds", e.getValue().path("windowSeconds"));
                }
                default -> out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    public static Playbooks load(Optional<String> file) {
        try {
            if (file.isPresent() && !file.get().isBlank()) {
                return parse(Files.readString(Path.of(file.get())));
            }
            try (InputStream in = Playbooks.class.getResourceAsStream("/remediate-playbooks.yaml")) {
                if (in == null) {
                    return new Playbooks(List.of());
                }
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the playbooks: " + e.getMessage(), e);
        }
    }
}
