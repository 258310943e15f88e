package io.autopilot.budget;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately plain RFC 4180 reader for tests: the independent side of the comparison with what DuckDB reads.
 * Handles quoted fields with commas, doubled quotes and line breaks, and a UTF-8 byte order mark.
 */
final class PlainCsv {

    final List<String> header;
    final List<List<String>> rows;
    private final Map<String, Integer> byKey = new HashMap<>();

    private PlainCsv(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            byKey.putIfAbsent(key(header.get(i)), i);
        }
    }

    static String key(String name) {
        return name.replace("\uFEFF", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static PlainCsv read(Path file) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int ch;
            while ((ch = r.read()) != -1) {
                char c = (char) ch;
                if (quoted) {
                    if (c == '"') {
                        r.mark(1);
                        int next = r.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                r.reset();
                            }
                        }
                    } else {
                        field.append(c);
                    }
                    continue;
                }
                if (c == '"') {
                    quoted = true;
                    any = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    any = true;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r') {
                        r.mark(1);
                        if (r.read() != '\n') {
                            r.reset();
                        }
                    }
                    if (any || field.length() > 0) {
                        record.add(field.toString());
                        records.add(record);
                    }
                    record = new ArrayList<>();
                    field.setLength(0);
                    any = false;
                } else {
                    field.append(c);
                    any = true;
                }
            }
            if (any || field.length() > 0) {
                record.add(field.toString());
                records.add(record);
            }
        }
        List<String> header = records.remove(0);
        if (!header.isEmpty()) {
            header.set(0, header.get(0).replace("\uFEFF", ""));
        }
        return new PlainCsv(header, records);
    }

    boolean has(String name) {
        return byKey.containsKey(key(name));
    }

    /** The raw cell, or null when the column is absent. */
    String get(List<String> row, String... names) {
        for (String n : names) {
            Integer i = byKey.get(key(n));
            if (i != null) {
                return i < row.size() ? row.get(i) : null;
            }
        }
        return null;
    }

    List<String> headersStartingWith(String prefix) {
        String k = key(prefix);
        return header.stream().filter(h -> key(h).startsWith(k) && key(h).length() > k.length()).toList();
    }
}
