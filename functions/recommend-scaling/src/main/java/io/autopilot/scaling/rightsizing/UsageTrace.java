package io.autopilot.scaling.rightsizing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload's usage over time, read from CSV {@code timestamp,cpu_cores,memory_bytes} (header line required).
 * Timestamps: RFC 3339 ({@code 2014-02-14T14:30:00Z}), {@code yyyy-MM-dd HH:mm:ss} (taken as UTC, NAB's form) or
 * epoch seconds. Rows must be in increasing time order.
 */
public record UsageTrace(String workload, List<Sample> samples) {

    /** One sample. */
    public record Sample(long timeMillis, double cpuCores, double memoryBytes) {
    }

    private static final DateTimeFormatter SPACE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static UsageTrace read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).trim().toLowerCase().startsWith("timestamp")) {
            throw new IllegalArgumentException(file + ": the first line must be the header "
                    + "timestamp,cpu_cores,memory_bytes");
        }
        List<Sample> samples = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < 3) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 3 fields, got '" + line + "'");
            }
            long t;
            double cpu, mem;
            try {
                t = parseTime(f[0].trim());
                cpu = Double.parseDouble(f[1].trim());
                mem = Double.parseDouble(f[2].trim());
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
            if (!(cpu >= 0) || !(mem >= 0) || Double.isInfinite(cpu) || Double.isInfinite(mem)) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": usage must be finite and >= 0");
            }
            if (t <= last) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": timestamps must increase");
            }
            last = t;
            samples.add(new Sample(t, cpu, mem));
        }
        if (samples.size() < 2) {
            throw new IllegalArgumentException(file + ": at least two samples needed");
        }
        return new UsageTrace(name, List.copyOf(samples));
    }

    static long parseTime(String s) {
        if (s.matches("\\d+(\\.\\d+)?")) {
            return Math.round(Double.parseDouble(s) * 1000);
        }
        if (s.contains("T")) {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        }
        return LocalDateTime.parse(s, SPACE).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The median gap between samples: the duration one sample stands for. */
    public long stepMillis() {
        long[] gaps = new long[samples.size() - 1];
        for (int i = 1; i < samples.size(); i++) {
            gaps[i - 1] = samples.get(i).timeMillis() - samples.get(i - 1).timeMillis();
        }
        java.util.Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    public Instant start() {
        return Instant.ofEpochMilli(samples.get(0).timeMillis());
    }
}
