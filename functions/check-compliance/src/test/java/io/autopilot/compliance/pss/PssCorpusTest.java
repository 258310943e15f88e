package io.autopilot.compliance.pss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Every case of {@code ../shared/datasets/pss} (read its README): the upstream Pod Security Admission v1.37 fixtures
 * judged level-wide AND for their named control, and the Kyverno pod-security cases judged per control against their
 * PSS v1.37 verdict ({@code pss_v1_37_control} in {@code case_meta.csv}, which differs from Kyverno's own verdict where
 * Kyverno keeps pre-1.31 rules). Failures are collected so one run names every wrong case.
 */
class PssCorpusTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Path corpus() {
        return Path.of(System.getProperty("autopilot.shared.dir", "../../../shared"), "datasets", "pss");
    }

    @Test
    void everyUpstreamFixtureGetsItsLevelVerdictAndItsControlVerdict() throws IOException {
        Path dir = corpus().resolve("k8s-pod-security-admission");
        List<Map<String, String>> cases = csv(dir.resolve("cases.csv"));
        List<String> wrong = new ArrayList<>();
        int passed = 0;
        for (Map<String, String> c : cases) {
            PodSpecView pod = PodTemplates.of(read(dir.resolve(c.get("file")))).orElseThrow();
            Level level = Level.parse(c.get("level"));
            boolean expectPass = c.get("expected").equals("pass");
            List<Violation> violations = PodSecurity.evaluate(pod, level);
            boolean ok = violations.isEmpty() == expectPass;
            if (!c.get("control").startsWith("base")) {
                boolean controlPasses = Control.byId(c.get("control")).check(pod).isEmpty();
                ok &= controlPasses == expectPass;
            }
            if (ok) {
                passed++;
            } else {
                wrong.add(c.get("case_id") + " expected " + c.get("expected") + " got " + violations);
            }
        }
        System.out.printf("PSS upstream v1.37 fixtures: %d/%d%n", passed, cases.size());
        assertEquals(List.of(), wrong);
        assertTrue(cases.size() >= 72, "the developer half holds 72 upstream cases");
    }

    @Test
    void everyKyvernoCaseGetsItsPssV137VerdictForItsControl() throws IOException {
        Path dir = corpus().resolve("kyverno-policies");
        Map<String, Map<String, String>> meta = new LinkedHashMap<>();
        for (Map<String, String> m : csv(dir.resolve("case_meta.csv"))) {
            meta.put(m.get("case_id"), m);
        }
        List<Map<String, String>> cases = csv(dir.resolve("cases.csv"));
        List<String> wrong = new ArrayList<>();
        int passed = 0;
        int agreeWithKyverno = 0;
        for (Map<String, String> c : cases) {
            Map<String, String> m = meta.get(c.get("case_id"));
            PodSpecView pod = PodTemplates.of(read(dir.resolve(c.get("file")))).orElseThrow();
            boolean passes = Control.byId(m.get("psa_check")).check(pod).isEmpty();
            String verdict = passes ? "pass" : "fail";
            agreeWithKyverno += verdict.equals(c.get("expected")) ? 1 : 0;
            if (verdict.equals(m.get("pss_v1_37_control"))) {
                passed++;
            } else {
                wrong.add(c.get("case_id") + " (" + m.get("psa_check") + ") expected " + m.get("pss_v1_37_control")
                        + " got " + verdict + " " + Control.byId(m.get("psa_check")).check(pod));
            }
        }
        System.out.printf("PSS Kyverno cases (v1.37 verdict per control): %d/%d; agreeing with Kyverno's own verdict: %d%n",
                passed, cases.size(), agreeWithKyverno);
        assertEquals(List.of(), wrong);
        assertTrue(cases.size() >= 891, "the developer half holds 891 Kyverno cases");
    }

    static JsonNode read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return YAML.readTree(reader);
        }
    }

    /** A small RFC 4180 reader: quoted fields may hold commas and doubled quotes. */
    static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> values = fields(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < values.size() ? values.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out;
    }
}
