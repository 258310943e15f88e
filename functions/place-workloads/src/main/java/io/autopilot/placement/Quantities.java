package io.autopilot.placement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 500m}, {@code 1.5}, {@code 512Mi}, {@code 4Gi}, {@code 1G}) in the units we plan in. */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([a-zA-Z]*)");
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.valueOf(1_000L)),
            Map.entry("M", BigDecimal.valueOf(1_000_000L)),
            Map.entry("G", BigDecimal.valueOf(1_000_000_000L)),
            Map.entry("T", BigDecimal.valueOf(1_000_000_000_000L)),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)));
    private static final BigDecimal MIB = BigDecimal.valueOf(1L << 20);

    private Quantities() {
    }

    /** CPU in millicores, rounded up (the scheduler never gives less than requested). */
    static long cpuMillis(String quantity) {
        return parse(quantity).multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Memory in MiB, rounded up. */
    static long memoryMiB(String quantity) {
        return parse(quantity).divide(MIB, 0, RoundingMode.CEILING).longValueExact();
    }

    static BigDecimal parse(String quantity) {
        if (quantity == null || quantity.isBlank()) {
            throw new IllegalArgumentException("a quantity is required");
        }
        Matcher m = QUANTITY.matcher(quantity.trim());
        if (!m.matches() || !SUFFIX.containsKey(m.group(2))) {
            throw new IllegalArgumentException("'" + quantity + "' is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 4Gi)");
        }
        return new BigDecimal(m.group(1)).multiply(SUFFIX.get(m.group(2)));
    }
}
