package io.autopilot.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** docs/check-budget.md names configuration keys and test classes: both must exist, or the page has drifted. */
class CheckBudgetDocsTest {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path DOC = MODULE.resolve("../../docs/check-budget.md").normalize();

    @Test
    void theConfigurationTableListsExactlyTheKeysTheFunctionReads() throws IOException {
        Set<String> documented = new TreeSet<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("## Configuration")) {
                inTable = true;
            } else if (line.startsWith("## ")) {
                inTable = false;
            } else if (inTable && line.startsWith("| `autopilot.check-budget.")) {
                String first = line.split("\\|")[1];
                Matcher m = Pattern.compile("`([^`]+)`").matcher(first);
                String prefix = null;
                while (m.find()) {
                    String key = m.group(1);
                    if (key.startsWith("autopilot.check-budget.")) {
                        prefix = key.substring(0, key.lastIndexOf('.') + 1);
                        documented.add(key);
                    } else if (prefix != null) {
                        documented.add(prefix + key); // "`...anomaly.min-absolute` / `min-percent`"
                    }
                }
            }
        }
        Set<String> read = new TreeSet<>();
        Pattern config = Pattern.compile("@ConfigProperty\\(name = \"(autopilot\\.check-budget\\.[^\"]+)\"");
        try (Stream<Path> files = Files.walk(MODULE.resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = config.matcher(Files.readString(f));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        assertEquals(read, documented);
    }

    @Test
    void everyTestClassThePageNamesExists() throws IOException {
        List<String> missing = new ArrayList<>();
        Matcher m = Pattern.compile("`(?:src/\\.\\.\\./)?([A-Z][A-Za-z]+Test)`").matcher(Files.readString(DOC));
        int named = 0;
        while (m.find()) {
            named++;
            String name = m.group(1) + ".java";
            boolean here = Files.exists(MODULE.resolve("src/test/java/io/autopilot/budget").resolve(name));
            boolean inSystem;
            try (Stream<Path> s = Files.walk(MODULE.resolve("../../src/test/java"))) {
                inSystem = s.anyMatch(p -> p.getFileName().toString().equals(name));
            }
            if (!here && !inSystem) {
                missing.add(name);
            }
        }
        assertTrue(named >= 8, "the page names its tests");
        assertEquals(List.of(), missing);
    }
}
