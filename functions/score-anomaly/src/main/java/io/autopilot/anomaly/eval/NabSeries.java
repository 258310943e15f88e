package io.autopilot.anomaly.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One NAB data file: the timestamps as written (echoed back verbatim in the results) and the parsed values.
 *
 * @param relative the file's path under the data folder, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param epochMillis the times fed to the detector: the parsed timestamps, except that a row whose timestamp is
 *        not after the previous row's gets the previous time plus 1 ms
 * @param notAfterPrevious how many rows were so adjusted
 */
record NabSeries(Path relative, String[] timestamps, long[] epochMillis, double[] values, int notAfterPrevious) {

    int size() {
        return values.length;
    }

    /**
     * Reads a CSV with a header naming the columns {@code timestamp} and {@code value} (others are ignored).
     * Timestamps are {@code YYYY-MM-DD HH:MM:SS} (NAB's form, read as UTC), optionally with fractional seconds,
     * a {@code T} separator or an offset. Rows are taken in file order; see {@code epochMillis} for repeated times.
     *
     * @throws MalformedInputException naming the file, line and what is wrong
     */
    static NabSeries read(Path root, Path file) throws MalformedInputException {
        Path relative = root.relativize(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new MalformedInputException(relative + ": cannot read: " + e.getMessage());
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new MalformedInputException(relative + ": empty file, expected a header 'timestamp,value'");
        }
        String[] header = lines.get(0).replace("\uFEFF", "").split(",", -1);
        int tsColumn = -1;
        int valueColumn = -1;
        for (int i = 0; i < header.length; i++) {
            String name = header[i].trim();
            if (name.equalsIgnoreCase("timestamp")) {
                tsColumn = i;
            } else if (name.equalsIgnoreCase("value")) {
                valueColumn = i;
            }
        }
        if (tsColumn < 0 || valueColumn < 0) {
            throw new MalformedInputException(relative + ": line 1: header must name the columns 'timestamp' and"
                    + " 'value', was '" + lines.get(0) + "'");
        }
        int last = lines.size();
        while (last > 1 && lines.get(last - 1).isBlank()) {
            last--;
        }
        int rows = last - 1;
        String[] timestamps = new String[rows];
        long[] millis = new long[rows];
        double[] values = new double[rows];
        int columns = Math.max(tsColumn, valueColumn) + 1;
        int reordered = 0;
        for (int row = 0; row < rows; row++) {
            int lineNo = row + 2;
            String line = lines.get(row + 1);
            String[] cells = line.split(",", -1);
            if (line.isBlank() || cells.length < columns) {
                throw new MalformedInputException(relative + ": line " + lineNo + ": expected " + header.length
                        + " columns, was '" + line + "'");
            }
            String ts = cells[tsColumn].trim();
            timestamps[row] = ts;
            try {
                millis[row] = epochMillis(ts);
            } catch (DateTimeParseException e) {
                throw new MalformedInputException(relative + ": line " + lineNo + ": timestamp '" + ts
                        + "' is not YYYY-MM-DD HH:MM:SS");
            }
            String cell = cells[valueColumn].trim();
            try {
                values[row] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new MalformedInputException(relative + ": line " + lineNo + ": value '" + cell
                        + "' is not a number");
            }
            if (!Double.isFinite(values[row])) {
                throw new MalformedInputException(relative + ": line " + lineNo + ": value '" + cell
                        + "' is not finite");
            }
            if (row > 0 && millis[row] <= millis[row - 1]) {
                // NAB's own files repeat an hour at daylight-saving changes (4 of the 35 shared files). File order
                // is the time order: such a row is fed 1 ms after its predecessor, and counted.
                millis[row] = millis[row - 1] + 1;
                reordered++;
            }
        }
        return new NabSeries(relative, timestamps, millis, values, reordered);
    }

    static long epochMillis(String ts) {
        String iso = ts.length() > 10 && ts.charAt(10) == ' ' ? ts.substring(0, 10) + 'T' + ts.substring(11) : ts;
        if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        }
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** A data file that cannot be scored; the message names the file and line. */
    static final class MalformedInputException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedInputException(String message) {
            super(message);
        }
    }
}
