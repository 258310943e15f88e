package io.autopilot.anomaly.detect;

import java.nio.ByteBuffer;

/**
 * Pattern novelty in the spirit of CAD OSE: the value is quantised into a few levels over the range seen so far,
 * and the last few levels form a context; a context not seen within the memory is novel. The raw output is 1 for a
 * novel context and 0 otherwise, so that a burst of new shapes (not one odd value) drives its likelihood up.
 * Why: residual models explain a value from its neighbours; a repeated pattern that changes shape without leaving
 * the usual range (a stuck key, a flattened cycle) shows up only as new sequences.
 */
final class ContextNovelty {

    private final int levels;
    private final int length;
    private final long memory;
    private final int[] lastSeen;

    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private int context;

    ContextNovelty(int levels, int length, long memory) {
        this.levels = levels;
        this.length = length;
        this.memory = memory;
        int size = 1;
        for (int i = 0; i < length; i++) {
            size *= levels;
        }
        this.lastSeen = new int[size];
    }

    int bytes() {
        return 8 * 3 + 4 + lastSeen.length * 4;
    }

    /** 1 when the context ending with this value is novel, else 0; learns the value. */
    double update(double value) {
        min = Math.min(min, value);
        max = Math.max(max, value);
        int level = 0;
        if (max > min) {
            level = (int) Math.min(levels - 1, Math.floor((value - min) / (max - min) * levels));
        }
        context = (context * levels + level) % lastSeen.length;
        count++;
        double raw = 0.0;
        if (count >= length) {
            int seenAt = lastSeen[context];
            raw = seenAt == 0 || count - seenAt > memory ? 1.0 : 0.0;
            lastSeen[context] = (int) Math.min(Integer.MAX_VALUE, count);
        }
        return raw;
    }

    void write(ByteBuffer out) {
        out.putLong(count).putDouble(min).putDouble(max).putInt(context);
        for (int seen : lastSeen) {
            out.putInt(seen);
        }
    }

    void read(ByteBuffer in) {
        count = in.getLong();
        min = in.getDouble();
        max = in.getDouble();
        context = in.getInt();
        for (int i = 0; i < lastSeen.length; i++) {
            lastSeen[i] = in.getInt();
        }
    }
}
