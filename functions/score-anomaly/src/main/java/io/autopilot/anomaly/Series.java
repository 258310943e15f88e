package io.autopilot.anomaly;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One metric series ready for a detector: labels and samples in strictly increasing time order, every value finite.
 * Whoever builds one (the Prometheus reader, the batch validator) has already applied its policy for bad samples.
 *
 * @param id stable identity of the series
 * @param labels its labels ({@code __name__} is the metric name)
 * @param times sample times in epoch milliseconds, strictly increasing
 * @param values sample values, finite
 */
public record Series(String id, Map<String, String> labels, long[] times, double[] values) {

    public Series {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
        labels = Map.copyOf(labels);
    }

    public int size() {
        return times.length;
    }

    /** The Prometheus way to write a series: {@code name{a="1",b="2"}} with labels sorted. */
    public static String selector(Map<String, String> labels) {
        String name = labels.getOrDefault("__name__", "");
        String rest = new TreeMap<>(labels).entrySet().stream().filter(e -> !e.getKey().equals("__name__"))
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(","));
        return name + "{" + rest + "}";
    }
}
