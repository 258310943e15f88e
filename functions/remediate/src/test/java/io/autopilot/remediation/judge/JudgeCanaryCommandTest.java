package io.autopilot.remediation.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JudgeCanaryCommandTest {

    @TempDir
    Path dir;

    private String[] run(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = JudgeCanaryCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedStatus, status, err.toString(StandardCharsets.UTF_8));
        return new String[] { out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) };
    }

    @Test
    void printsUPValueEffectSizeAndVerdictAsJsonFromTheSameJudge() throws Exception {
        // the SciPy documentation example: canary = males, baseline = females; U = 17, exact p = 1/9
        Path baseline = Files.writeString(dir.resolve("baseline.csv"), "value\n20\n11\n17\n12\n");
        Path canary = Files.writeString(dir.resolve("canary.csv"), "19\n22\n16\n29\n24\n");
        JsonNode json = new ObjectMapper().readTree(run(0, baseline.toString(), canary.toString())[0]);
        assertEquals(17.0, json.get("u").asDouble());
        assertEquals(1.0 / 9, json.get("p_value").asDouble(), 1e-15);
        assertEquals((19 + 22 + 16 + 29 + 24) / 5.0 / ((20 + 11 + 17 + 12) / 4.0), json.get("effect_size").asDouble(),
                1e-12);
        assertEquals("pass", json.get("verdict").asText(), "p = 0.11 is not significant at 98 %");
        assertEquals("exact", json.get("method").asText());
    }

    @Test
    void failsAClearlyWorseCanary() throws Exception {
        StringBuilder b = new StringBuilder(), c = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append(100 + (i % 7)).append('\n');
            c.append(130 + (i % 7)).append('\n');
        }
        Path baseline = Files.writeString(dir.resolve("b.csv"), b);
        Path canary = Files.writeString(dir.resolve("c.csv"), c);
        JsonNode json = new ObjectMapper().readTree(run(0, baseline.toString(), canary.toString())[0]);
        assertEquals("fail", json.get("verdict").asText());
        assertEquals("asymptotic", json.get("method").asText());
        assertTrue(json.get("p_value").asDouble() < 1e-10);
    }

    @Test
    void saysNoDataForAnEmptySample() throws Exception {
        Path baseline = Files.writeString(dir.resolve("b.csv"), "# nothing\n");
        Path canary = Files.writeString(dir.resolve("c.csv"), "1\n2\n");
        JsonNode json = new ObjectMapper().readTree(run(0, baseline.toString(), canary.toString())[0]);
        assertEquals("no_data", json.get("verdict").asText());
        assertTrue(json.get("p_value").isNull());
    }

    @Test
    void refusesANonNumberNamingTheLine() throws Exception {
        Path baseline = Files.writeString(dir.resolve("b.csv"), "1\n2\nabc\n");
        Path canary = Files.writeString(dir.resolve("c.csv"), "1\n");
        String err = run(2, baseline.toString(), canary.toString())[1];
        assertTrue(err.contains("line 3"), err);
        assertTrue(run(2, baseline.toString())[1].contains("usage"));
    }
}
