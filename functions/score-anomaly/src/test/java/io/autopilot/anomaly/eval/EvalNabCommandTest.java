package io.autopilot.anomaly.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalNabCommandTest {

    private static final DateTimeFormatter NAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EvalNabCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String series(int rows, double spikeAt) {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        LocalDateTime t = LocalDateTime.of(2014, 4, 1, 0, 0);
        for (int i = 0; i < rows; i++) {
            double value = 10 + Math.sin(i / 10.0) + (i == spikeAt ? 50 : 0);
            csv.append(NAB.format(t.plusMinutes(5L * i))).append(',').append(value).append('\n');
        }
        return csv.toString();
    }

    @Test
    void writesOneRowPerInputRowInOrderUnderTheSameLayout() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/catA"));
        Files.createDirectories(dir.resolve("data/catB"));
        Files.writeString(data.resolve("one.csv"), series(1200, 1000));
        Files.writeString(dir.resolve("data/catB/two.csv"), series(37, -1));
        Files.writeString(dir.resolve("data/catB/notes.txt"), "not a data file");
        assertEquals(0, run(dir.resolve("data").toString(), dir.resolve("out").toString()), err.toString());
        for (String name : List.of("catA/one.csv", "catB/two.csv")) {
            List<String> input = Files.readAllLines(dir.resolve("data").resolve(name));
            List<String> output = Files.readAllLines(dir.resolve("out").resolve(name));
            assertEquals("timestamp,anomaly_score", output.get(0));
            assertEquals(input.size(), output.size(), name);
            for (int i = 1; i < input.size(); i++) {
                String[] row = output.get(i).split(",");
                assertEquals(input.get(i).split(",")[0], row[0], name + " row " + i);
                double score = Double.parseDouble(row[1]);
                assertTrue(score >= 0 && score <= 1, output.get(i));
            }
        }
        assertFalse(Files.exists(dir.resolve("out/catB/notes.txt")));
        List<String> one = Files.readAllLines(dir.resolve("out/catA/one.csv"));
        assertTrue(Double.parseDouble(one.get(1001).split(",")[1]) > 0.5, "the spike stands out: " + one.get(1001));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1237 rows in 2 files"), out.toString());
    }

    @Test
    void feedsARepeatedHourInFileOrderAndSaysSo() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/c"));
        Files.writeString(data.resolve("dst.csv"), "timestamp,value\n2014-03-09 01:55:00,1\n"
                + "2014-03-09 03:00:00,2\n2014-03-09 03:00:00,3\n2014-03-09 02:59:00,4\n");
        assertEquals(0, run(dir.resolve("data").toString(), dir.resolve("out").toString()), err.toString());
        assertEquals(5, Files.readAllLines(dir.resolve("out/c/dst.csv")).size());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 rows had a timestamp not after"), out.toString());
    }

    @Test
    void namesTheFileAndLineOfAMalformedCsvAndWritesNothing() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/c"));
        Files.writeString(data.resolve("a-good.csv"), series(20, -1));
        Files.writeString(data.resolve("b-bad.csv"), "timestamp,value\n2014-04-01 00:00:00,1\n"
                + "2014-04-01 00:05:00,one\n");
        assertEquals(2, run(dir.resolve("data").toString(), dir.resolve("out").toString()));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("b-bad.csv: line 3: value 'one' is not a number"), message);
        assertFalse(Files.exists(dir.resolve("out")), "no partial results");
    }

    @Test
    void refusesNanValuesBadTimestampsMissingColumnsAndShortRows() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/c"));
        String[][] cases = {
            {"timestamp,value\n2014-04-01 00:00:00,NaN\n", "line 2: value 'NaN' is not finite"},
            {"timestamp,value\nyesterday,1\n", "line 2: timestamp 'yesterday' is not YYYY-MM-DD HH:MM:SS"},
            {"time,reading\n2014-04-01 00:00:00,1\n", "line 1: header must name the columns"},
            {"timestamp,value\n2014-04-01 00:00:00\n", "line 2: expected 2 columns"},
            {"", "empty file"},
        };
        for (String[] c : cases) {
            Files.writeString(data.resolve("x.csv"), c[0]);
            err.reset();
            assertEquals(2, run(dir.resolve("data").toString(), dir.resolve("out").toString()), c[1]);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("c/x.csv: " + c[1]),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void runsWithAPartSwitchedOffForTheAblation() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/c"));
        Files.writeString(data.resolve("s.csv"), series(1200, 1000));
        assertEquals(0, run(dir.resolve("data").toString(), dir.resolve("out").toString(), "--without", "range-break",
                "--without", "rest"), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ensemble without range-break without rest"));
        assertEquals(1201, Files.readAllLines(dir.resolve("out/c/s.csv")).size());
        assertEquals(2, run(dir.resolve("data").toString(), dir.resolve("out2").toString(), "--without", "magic"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--without magic'"));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals(2, run());
        assertEquals(2, run(dir.resolve("missing").toString(), dir.resolve("out").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    @Test
    void acceptsIsoTimestampsWithOffsets() {
        assertEquals(NabSeries.epochMillis("2014-04-01 00:00:00"), NabSeries.epochMillis("2014-04-01T02:00:00+02:00"));
        assertEquals(NabSeries.epochMillis("2014-04-01 00:00:00"), NabSeries.epochMillis("2014-04-01T00:00:00.000Z"));
        assertEquals(NabSeries.epochMillis("2014-04-01 00:00:00") + 500,
                NabSeries.epochMillis("2014-04-01 00:00:00.500000"));
    }
}
