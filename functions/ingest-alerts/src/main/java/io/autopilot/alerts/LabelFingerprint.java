package io.autopilot.alerts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint Prometheus and Alertmanager give a label set (prometheus/common {@code model.LabelSet.Fingerprint}):
 * FNV-1a 64 over the label names in sorted order, each name and value followed by the byte 0xff, printed as 16 hex
 * digits. Used when a sender omits {@code fingerprint}, so an alert keeps the identity Alertmanager would give it.
 */
public final class LabelFingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private LabelFingerprint() {
    }

    public static String of(Map<String, String> labels) {
        long hash = OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey());
            hash = addByte(hash, SEPARATOR);
            hash = add(hash, label.getValue() == null ? "" : label.getValue());
            hash = addByte(hash, SEPARATOR);
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b & 0xff);
        }
        return hash;
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * PRIME;
    }
}
