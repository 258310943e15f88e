package io.autopilot.audit;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to non-negative long values, 16 bytes a slot: the duplicate index over a
 * million entries in ~32 MB where a {@code HashMap<String, Long>} would take several times that.
 */
final class LongLongMap {

    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys = new long[1 << 10];
    private long[] values = new long[1 << 10];
    private int size;

    LongLongMap() {
        Arrays.fill(keys, EMPTY);
    }

    /** The value for {@code key}, or -1. */
    synchronized long get(long key) {
        long k = key == EMPTY ? EMPTY + 1 : key;
        int mask = keys.length - 1;
        for (int i = mix(k) & mask;; i = (i + 1) & mask) {
            if (keys[i] == EMPTY) {
                return -1;
            }
            if (keys[i] == k) {
                return values[i];
            }
        }
    }

    synchronized void putIfAbsent(long key, long value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        long k = key == EMPTY ? EMPTY + 1 : key;
        int mask = keys.length - 1;
        for (int i = mix(k) & mask;; i = (i + 1) & mask) {
            if (keys[i] == EMPTY) {
                keys[i] = k;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == k) {
                return;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
