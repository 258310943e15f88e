package io.autopilot.scaling;

import java.util.Locale;

/** Kubernetes quantities: CPU ("250m", "1.5") in cores, memory ("512Mi", "1G", "1e9") in bytes, and back. */
public final class Quantities {

    private Quantities() {
    }

    public static double cores(String q) {
        String s = q.trim();
        try {
            if (s.endsWith("m")) {
                return Double.parseDouble(s.substring(0, s.length() - 1)) / 1000.0;
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CPU quantity: '" + q + "'");
        }
    }

    public static double bytes(String q) {
        String s = q.trim();
        String[][] units = { { "Ki", "1024" }, { "Mi", "1048576" }, { "Gi", "1073741824" }, { "Ti", "1099511627776" },
                { "k", "1000" }, { "M", "1000000" }, { "G", "1000000000" }, { "T", "1000000000000" } };
        try {
            for (String[] u : units) {
                if (s.endsWith(u[0])) {
                    return Double.parseDouble(s.substring(0, s.length() - u[0].length())) * Double.parseDouble(u[1]);
                }
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a memory quantity: '" + q + "'");
        }
    }

    /** Millicores, rounded up. */
    public static String cpu(double cores) {
        return (long) Math.ceil(cores * 1000 - 1e-9) + "m";
    }

    /** Mebibytes, rounded up. */
    public static String memory(double bytes) {
        return (long) Math.ceil(bytes / 1048576.0 - 1e-9) + "Mi";
    }

    public static String money(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
