package io.autopilot.anomaly.detect;

import java.nio.ByteBuffer;

/**
 * An additive Holt-Winters forecaster without trend whose season is indexed by wall-clock time (time of day or of
 * week), not by sample count, so gaps and jitter in the sampling do not shift the season. With no period it is a
 * plain exponentially weighted level. It keeps an exponentially weighted mean absolute one-step error as its scale.
 */
final class SeasonalForecaster {

    private final long period;
    private final int maxSlots;
    private final double levelAlpha;
    private final double seasonGamma;
    private final double scaleAlpha;
    private final double errorClip;

    private long slotMillis; // 0 until the sampling interval is known (seasonal models only)
    private long count;
    private double level;
    private double scale;
    private final double[] season;
    private final int[] seen;

    /**
     * @param period season length in milliseconds, 0 for none
     * @param maxSlots most season slots (bounds the state)
     * @param errorClip largest error, in error scales, that updates the scale (0: no clipping)
     */
    SeasonalForecaster(long period, int maxSlots, double levelAlpha, double seasonGamma, double scaleAlpha,
            double errorClip) {
        this.errorClip = errorClip;
        this.period = period;
        this.maxSlots = period == 0 ? 0 : maxSlots;
        this.levelAlpha = levelAlpha;
        this.seasonGamma = seasonGamma;
        this.scaleAlpha = scaleAlpha;
        this.season = new double[this.maxSlots];
        this.seen = new int[this.maxSlots];
    }

    int bytes() {
        return 8 * 4 + maxSlots * 12;
    }

    /** Fixes the slot width once the typical sampling interval is known; seasonal models stay idle until then. */
    void setInterval(long intervalMillis) {
        if (period == 0 || slotMillis != 0) {
            return;
        }
        long width = Math.max(intervalMillis, (period + maxSlots - 1) / maxSlots);
        // a season of fewer than 4 slots says nothing; leave the model idle
        slotMillis = period / width >= 4 ? width : -1;
    }

    /** True when a forecast for this time exists: for seasonal models, its slot was seen at least twice. */
    boolean ready(long epochMillis) {
        if (count < 2) {
            return false;
        }
        if (period == 0) {
            return true;
        }
        return slotMillis > 0 && seen[slot(epochMillis)] >= 2;
    }

    double forecast(long epochMillis) {
        if (period == 0 || slotMillis <= 0) {
            return level;
        }
        return level + season[slot(epochMillis)];
    }

    double scale() {
        return scale;
    }

    /** Learns one sample (after it was scored against {@link #forecast}). */
    void learn(long epochMillis, double value) {
        if (count == 0) {
            level = value;
            count = 1;
            return;
        }
        double predicted = forecast(epochMillis);
        double error = Math.abs(value - predicted);
        if (errorClip > 0 && count > 2 && scale > 0) {
            // one wild value must not make the model look inaccurate for days (Huber-style clipping)
            error = Math.min(error, errorClip * scale);
        }
        scale = count == 1 ? error : scale + scaleAlpha * (error - scale);
        if (period == 0 || slotMillis <= 0) {
            level += levelAlpha * (value - level);
        } else {
            int slot = slot(epochMillis);
            if (seen[slot] == 0) {
                season[slot] = value - level;
            }
            level += levelAlpha * (value - season[slot] - level);
            season[slot] += seasonGamma * (value - level - season[slot]);
            if (seen[slot] < Integer.MAX_VALUE) {
                seen[slot]++;
            }
        }
        count++;
    }

    private int slot(long epochMillis) {
        return (int) Math.min(maxSlots - 1, Math.floorMod(epochMillis, period) / slotMillis);
    }

    void write(ByteBuffer out) {
        out.putLong(slotMillis).putLong(count).putDouble(level).putDouble(scale);
        for (int i = 0; i < maxSlots; i++) {
            out.putDouble(season[i]).putInt(seen[i]);
        }
    }

    void read(ByteBuffer in) {
        slotMillis = in.getLong();
        count = in.getLong();
        level = in.getDouble();
        scale = in.getDouble();
        for (int i = 0; i < maxSlots; i++) {
            season[i] = in.getDouble();
            seen[i] = in.getInt();
        }
    }

    @Override
    public String toString() {
        return "SeasonalForecaster[period=" + period + ", slots=" + maxSlots + "]";
    }
}
