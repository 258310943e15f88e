package io.autopilot.anomaly.detect;

import java.nio.ByteBuffer;

/**
 * Autopilot's streaming detector: cheap forecasters and a pattern-novelty model, each turned into an anomaly
 * likelihood, combined by taking the strongest, with a rest period after an alarm. See
 * docs/score-anomaly-detector.md for the reasoning, the parameters and the NAB figures.
 */
public final class EnsembleDetector implements SeriesDetector {

    static final String NAME = "ensemble";
    private static final byte VERSION = 1;
    private static final int INTERVAL_SAMPLES = 9;
    private static final long DAY = 86_400_000L;
    private static final long WEEK = 7 * DAY;
    static final double MAX_MAGNITUDE = 1e150;

    /** Component names, as reported in verdicts. */
    static final String RESIDUAL = "residual";
    static final String NOVELTY = "context-novelty";
    static final String SHIFT = "level-shift";
    static final String RANGE = "range-break";
    static final String WARMUP = "warmup";
    private static final String[] COMPONENTS = {RESIDUAL, NOVELTY, SHIFT, RANGE};

    private final EnsembleParams p;
    private final SeasonalForecaster level;
    private final SeasonalForecaster daily;
    private final SeasonalForecaster weekly;
    private final ContextNovelty novelty;
    private final Likelihood residualLikelihood;
    private final Likelihood noveltyLikelihood;
    private final Likelihood shiftLikelihood;
    private final long[] deltas = new long[INTERVAL_SAMPLES];

    private long last = Long.MIN_VALUE;
    private long count;
    private final long[] lastAlarm = {Long.MIN_VALUE / 2, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2,
        Long.MIN_VALUE / 2};
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double fastMean;
    private double slowMean;
    private double slowVar;
    private double rangeHigh;
    private double rangeLow;

    EnsembleDetector(EnsembleParams p) {
        this.p = p;
        level = new SeasonalForecaster(0, 0, p.levelAlpha(), 0, p.scaleAlpha(), p.errorClip());
        daily = new SeasonalForecaster(DAY, p.dailySlots(), p.seasonLevelAlpha(), p.seasonGamma(), p.scaleAlpha(),
                p.errorClip());
        weekly = new SeasonalForecaster(WEEK, p.weeklySlots(), p.seasonLevelAlpha(), p.seasonGamma(),
                p.scaleAlpha(), p.errorClip());
        novelty = new ContextNovelty(p.noveltyLevels(), p.noveltyLength(), p.noveltyMemory());
        residualLikelihood = likelihood(p);
        noveltyLikelihood = likelihood(p);
        shiftLikelihood = likelihood(p);
    }

    private static Likelihood likelihood(EnsembleParams p) {
        return new Likelihood(p.shortAlpha(), p.longAlpha(), p.minSd(), p.warmup(), p.peakDecay(), p.peakPower());
    }

    public static DetectorFactory factory(EnsembleParams params) {
        return DetectorFactory.of(NAME, () -> new EnsembleDetector(params),
                snapshot -> EnsembleDetector.restore(params, snapshot));
    }

    @Override
    public Verdict update(long epochMillis, double value) {
        SeriesDetector.checkSample(last, epochMillis, value);
        // Beyond this magnitude squares of differences overflow; such a value is extreme whatever its exact size.
        double observed = value;
        value = Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, value));
        if (count > 0 && count <= INTERVAL_SAMPLES) {
            deltas[(int) count - 1] = epochMillis - last;
            if (count == INTERVAL_SAMPLES) {
                long interval = median(deltas);
                daily.setInterval(interval);
                weekly.setInterval(interval);
            }
        }
        // Range break: how far the value leaves the range seen so far, as a fraction of that range. New extremes
        // are what most operators (and NAB's labellers) call anomalies first.
        double range = 0.0;
        if (p.rangeGain() > 0 && count >= p.rangeWarmup() && rangeHigh > rangeLow) {
            double excess = Math.max(0.0, Math.max(value - rangeHigh, rangeLow - value)) / (rangeHigh - rangeLow);
            range = 1.0 - Math.exp(-p.rangeGain() * Math.max(0.0, excess - p.rangeMargin()));
        }
        if (count == 0) {
            rangeHigh = value;
            rangeLow = value;
        } else {
            // with rangeDecay > 0 the range shrinks towards the current level; shipped: 0, the all-time range (a
            // forgetting range cost 7 to 34 NAB points)
            double centre = level.forecast(epochMillis);
            rangeHigh = Math.max(value, rangeHigh - p.rangeDecay() * (rangeHigh - centre));
            rangeLow = Math.min(value, rangeLow + p.rangeDecay() * (centre - rangeLow));
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        double floor = p.floorFraction() * (max - min) + 1e-9 * Math.abs(value) + 1e-12;

        // Residual against the level, daily or weekly forecaster, whichever has been most accurate lately.
        double expected = level.forecast(epochMillis);
        double spread = level.scale();
        double z = level.ready(epochMillis) ? Math.abs(value - expected) / (level.scale() + floor) : 0.0;
        if (p.seasonal()) {
            // The forecaster that has been most accurate lately explains the sample (not the one that happens
            // to explain this sample best: a minimum over several noisy forecasts hides anomalies).
            double bestScale = level.ready(epochMillis) ? level.scale() : Double.POSITIVE_INFINITY;
            for (int i = 0; i < 2; i++) {
                SeasonalForecaster f = i == 0 ? daily : weekly;
                if (f.ready(epochMillis) && f.scale() < bestScale * p.seasonMargin()) {
                    bestScale = f.scale();
                    expected = f.forecast(epochMillis);
                    spread = f.scale();
                    z = Math.abs(value - expected) / (spread + floor);
                }
            }
        }
        double residual = p.residual() ? residualLikelihood.update(raw(z)) : 0.0;
        if (p.residual() && p.spikeZ() > 0 && z > p.spikeZ() && count >= p.warmup()) {
            // one value far outside what the best forecaster allows is an alarm by itself, even though the
            // likelihood's short average dilutes a single sample
            residual = Math.max(residual, 1.0 - 0.5 * p.spikeZ() / z);
        }

        // Novelty of the recent pattern.
        double novel = p.novelty() ? noveltyLikelihood.update(novelty.update(value)) : 0.0;

        // Level shift: a fast mean departing from a slow one, in units of the slow spread.
        double shift = 0.0;
        if (p.shift()) {
            if (count == 0) {
                fastMean = value;
                slowMean = value;
            }
            double sz = Math.abs(fastMean + p.fastAlpha() * (value - fastMean) - slowMean)
                    / (Math.sqrt(slowVar) + floor);
            shift = shiftLikelihood.update(raw(sz));
            fastMean += p.fastAlpha() * (value - fastMean);
            double diff = value - slowMean;
            double incr = p.slowAlpha() * diff;
            slowMean += incr;
            slowVar = (1 - p.slowAlpha()) * (slowVar + diff * incr);
        }

        // The strongest component speaks. After an alarm, the alarming component (or, with a shared rest period,
        // every component) is damped for a while: NAB and operators reward the first alarm of an episode only.
        double[] scores = {residual, novel, shift, range};
        int best = 0;
        double score = -1;
        for (int i = 0; i < scores.length; i++) {
            long since = count - (p.restPerComponent() ? lastAlarm[i] : lastAnyAlarm());
            boolean resting = since <= p.restSamples() || count - lastAnyAlarm() <= p.restAll();
            double s = resting ? scores[i] * p.restFactor() : scores[i];
            if (s > score) {
                score = s;
                best = i;
            }
        }
        if (score >= p.alarm()) {
            lastAlarm[best] = count;
        }
        String component = count < p.warmup() ? WARMUP : COMPONENTS[best];

        level.learn(epochMillis, value);
        daily.learn(epochMillis, value);
        weekly.learn(epochMillis, value);
        count++;
        last = epochMillis;
        double band = p.bandWidth() * (spread + floor);
        return new Verdict(epochMillis, observed, score, component, expected, expected - band, expected + band);
    }

    /** z mapped to [0, 1], 0.5 at zHalf; written so that an infinite z gives 1, not NaN. */
    private double raw(double z) {
        double r = p.zHalf() / z;
        return 1.0 / (1.0 + r * r);
    }

    private long lastAnyAlarm() {
        long latest = Long.MIN_VALUE;
        for (long alarm : lastAlarm) {
            latest = Math.max(latest, alarm);
        }
        return latest;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Override
    public long lastTimestamp() {
        return last;
    }

    private int bytes() {
        return 1 + 4 + 8 * 6 + 8 * 7 + 8 * INTERVAL_SAMPLES + level.bytes() + daily.bytes() + weekly.bytes()
                + novelty.bytes() + 3 * Likelihood.BYTES;
    }

    @Override
    public byte[] snapshot() {
        ByteBuffer out = ByteBuffer.allocate(bytes());
        out.put(VERSION).putInt(p.hashCode()).putLong(last).putLong(count);
        for (long alarm : lastAlarm) {
            out.putLong(alarm);
        }
        out.putDouble(min).putDouble(max).putDouble(fastMean).putDouble(slowMean).putDouble(slowVar)
                .putDouble(rangeHigh).putDouble(rangeLow);
        for (long d : deltas) {
            out.putLong(d);
        }
        level.write(out);
        daily.write(out);
        weekly.write(out);
        novelty.write(out);
        residualLikelihood.write(out);
        noveltyLikelihood.write(out);
        shiftLikelihood.write(out);
        return out.array();
    }

    static EnsembleDetector restore(EnsembleParams p, byte[] snapshot) {
        EnsembleDetector d = new EnsembleDetector(p);
        if (snapshot == null || snapshot.length != d.bytes() || snapshot[0] != VERSION) {
            throw new IllegalArgumentException("not a " + NAME + " snapshot");
        }
        ByteBuffer in = ByteBuffer.wrap(snapshot, 1, snapshot.length - 1);
        if (in.getInt() != p.hashCode()) {
            throw new IllegalArgumentException("snapshot of another " + NAME + " configuration");
        }
        d.last = in.getLong();
        d.count = in.getLong();
        for (int i = 0; i < d.lastAlarm.length; i++) {
            d.lastAlarm[i] = in.getLong();
        }
        d.min = in.getDouble();
        d.max = in.getDouble();
        d.fastMean = in.getDouble();
        d.slowMean = in.getDouble();
        d.slowVar = in.getDouble();
        d.rangeHigh = in.getDouble();
        d.rangeLow = in.getDouble();
        for (int i = 0; i < INTERVAL_SAMPLES; i++) {
            d.deltas[i] = in.getLong();
        }
        d.level.read(in);
        d.daily.read(in);
        d.weekly.read(in);
        d.novelty.read(in);
        d.residualLikelihood.read(in);
        d.noveltyLikelihood.read(in);
        d.shiftLikelihood.read(in);
        return d;
    }
}
