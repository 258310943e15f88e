package io.autopilot.anomaly;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.autopilot.events.AnomalyScore;

/**
 * Which kind of anomaly a series shows, so consumers can route a cost spike to FinOps and a CPU spike to capacity
 * planning. The rule, first match wins:
 *
 * <ol>
 * <li>an explicit kind: the alert annotation {@code autopilot.io/kind}, the label {@code autopilot_kind}, or a sample
 * batch's {@code kind} member (one of performance, capacity, cost, security);</li>
 * <li>security: a label {@code category} or {@code type} of {@code security}, or a name (alertname, metric name, the
 * query) mentioning security, intrusion, unauthori[sz]ed, forbidden, falco, audit, cve, tls handshake, login;</li>
 * <li>cost: a name mentioning cost, spend, billing, price, budget, invoice;</li>
 * <li>capacity: a name mentioning cpu, memory, mem, disk, filesystem, storage, volume, pvc, quota, capacity,
 * saturation, utili[sz]ation, oom, throttl, headroom, inode, replicas;</li>
 * <li>otherwise performance (latency, errors, throughput, availability).</li>
 * </ol>
 */
public final class AnomalyKinds {

    public static final String ANNOTATION = "autopilot.io/kind";
    public static final String LABEL = "autopilot_kind";

    private static final Pattern SECURITY = Pattern.compile(
            "security|intrusion|unauthori[sz]ed|forbidden|falco|audit|\\bcve|tls.?handshake|login");
    private static final Pattern COST = Pattern.compile("cost|spend|billing|price|budget|invoice");
    private static final Pattern CAPACITY = Pattern.compile("cpu|memory|\\bmem|disk|filesystem|storage|volume|pvc"
            + "|quota|capacity|saturation|utili[sz]ation|oom|throttl|headroom|inode|replicas");

    private AnomalyKinds() {
    }

    /** True for one of the four kinds. */
    public static boolean isKind(String value) {
        return value != null && AnomalyScore.KINDS.contains(value);
    }

    /**
     * @param explicit a kind the producer stated (annotation, member), or null
     * @param labels labels of the alert or series
     * @param names further names to read: the metric name, the query
     */
    public static String classify(String explicit, Map<String, String> labels, List<String> names) {
        if (isKind(explicit)) {
            return explicit;
        }
        if (isKind(labels.get(LABEL))) {
            return labels.get(LABEL);
        }
        if (AnomalyScore.SECURITY.equalsIgnoreCase(labels.getOrDefault("category", ""))
                || AnomalyScore.SECURITY.equalsIgnoreCase(labels.getOrDefault("type", ""))) {
            return AnomalyScore.SECURITY;
        }
        StringBuilder text = new StringBuilder();
        text.append(labels.getOrDefault("alertname", "")).append(' ').append(labels.getOrDefault("__name__", ""));
        names.forEach(n -> text.append(' ').append(n == null ? "" : n));
        String haystack = text.toString().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        if (SECURITY.matcher(haystack).find()) {
            return AnomalyScore.SECURITY;
        }
        if (COST.matcher(haystack).find()) {
            return AnomalyScore.COST;
        }
        if (CAPACITY.matcher(haystack).find()) {
            return AnomalyScore.CAPACITY;
        }
        return AnomalyScore.PERFORMANCE;
    }
}
