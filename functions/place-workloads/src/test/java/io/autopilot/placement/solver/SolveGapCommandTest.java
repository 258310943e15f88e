package io.autopilot.placement.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolveGapCommandTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SolveGapCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneCheckedRowPerFileInNameOrder() throws IOException {
        Files.copy(GapProblemTest.INSTANCES.resolve("c515-1.txt"), folder.resolve("b-small.txt"));
        // Agent 0 is cheap but holds one job; agent 1 is dear and holds both. Best: job 1 on agent 0, 1 + 5.
        Files.writeString(folder.resolve("a-tiny.txt"), "2 2\n1 1\n5 6\n2 2\n1 1\n2 5\n");
        assertEquals(0, run(folder.toString(), "200"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("instance,objective,feasible,millis,assignment", lines[0]);
        assertEquals(3, lines.length);
        String[] tiny = lines[1].split(",");
        assertEquals("a-tiny", tiny[0]);
        assertEquals("6", tiny[1]);
        assertEquals("true", tiny[2]);
        assertTrue(Integer.parseInt(tiny[3]) >= 0, lines[1]); // time is the benchmark's to judge, not a test's
        assertEquals("1 0", tiny[4]);
        String[] small = lines[2].split(",");
        assertEquals("b-small", small[0]);
        assertEquals("261", small[1]);
        assertEquals(15, small[4].split(" ").length);
    }

    @Test
    void namesTheMalformedFileAndTheTokenAndExitsWithTwo() throws IOException {
        Files.writeString(folder.resolve("ok.txt"), "1 1 1 1 1\n");
        Files.writeString(folder.resolve("broken.txt"), "1 1\n1 one 1\n");
        assertEquals(2, run(folder.toString(), "10"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("broken.txt"), message);
        assertTrue(message.contains("token 4 (line 2, column 3)"), message);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no row before every file is read");
    }

    @Test
    void rejectsBadArgumentsWithTwo() {
        assertEquals(2, run());
        assertEquals(2, run(folder.toString(), "fast"));
        assertEquals(2, run(folder.toString(), "0"));
        assertEquals(2, run(folder.resolve("missing").toString(), "50"));
        assertEquals(2, run(folder.toString(), "50", "--variant", "quantum"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    @Test
    void printsOnlyTheHeaderForAnEmptyFolder() {
        assertEquals(0, run(folder.toString(), "10"));
        assertEquals("instance,objective,feasible,millis,assignment\n",
                out.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }

    @Test
    void printsIntegralObjectivesAsIntegers() {
        assertEquals("261", SolveGapCommand.number(261.0));
        assertEquals("2.5", SolveGapCommand.number(2.5));
    }
}
