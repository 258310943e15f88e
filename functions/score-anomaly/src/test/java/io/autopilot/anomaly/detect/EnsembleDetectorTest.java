package io.autopilot.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import org.junit.jupiter.api.Test;

class EnsembleDetectorTest {

    static final long T0 = 1_396_310_400_000L; // 2014-04-01T00:00Z
    static final long STEP = 300_000L; // 5 minutes, NAB's usual cadence

    /** A daily cycle with noise, 5-minute samples, like NAB's artificial and many AWS series. */
    static double[] dailyNoisy(int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
        }
        return values;
    }

    static List<Verdict> run(SeriesDetector detector, double[] values, int from, int to) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            verdicts.add(detector.update(T0 + i * STEP, values[i]));
        }
        return verdicts;
    }

    static double shippedThreshold() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EnsembleDetectorTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return Double.parseDouble(properties.getProperty("autopilot.score-anomaly.threshold"));
    }

    @Test
    void standardIsTheEnsemble() {
        assertEquals(EnsembleDetector.NAME, Detectors.standard().name());
        assertNotEquals(Detectors.baseline().name(), Detectors.standard().name());
    }

    @Test
    void scoreAtATimeDoesNotDependOnLaterSamples() {
        double[] a = dailyNoisy(3000, 1);
        double[] b = a.clone();
        for (int i = 2000; i < b.length; i++) {
            b[i] += 100 * Math.cos(i); // a wildly different future
        }
        List<Verdict> first = run(Detectors.standard().create(), a, 0, a.length);
        List<Verdict> second = run(Detectors.standard().create(), b, 0, b.length);
        assertEquals(first.subList(0, 2000), second.subList(0, 2000));
        assertNotEquals(first.subList(2000, 3000), second.subList(2000, 3000));
    }

    @Test
    void restoredSnapshotContinuesBitIdentically() {
        double[] values = dailyNoisy(6000, 2);
        values[4500] += 30;
        DetectorFactory factory = Detectors.standard();
        SeriesDetector original = factory.create();
        run(original, values, 0, 3000);
        byte[] snapshot = original.snapshot();
        SeriesDetector restored = factory.restore(snapshot);
        assertEquals(original.lastTimestamp(), restored.lastTimestamp());
        assertArrayEquals(snapshot, restored.snapshot());
        List<Verdict> expected = run(original, values, 3000, 6000);
        List<Verdict> actual = run(restored, values, 3000, 6000);
        for (int i = 0; i < expected.size(); i++) {
            Verdict e = expected.get(i);
            Verdict r = actual.get(i);
            assertEquals(Double.doubleToRawLongBits(e.score()), Double.doubleToRawLongBits(r.score()), "at " + i);
            assertEquals(e, r, "at " + i);
        }
        assertArrayEquals(original.snapshot(), restored.snapshot());
    }

    @Test
    void refusesSnapshotsItDidNotWrite() {
        DetectorFactory factory = Detectors.standard();
        assertThrows(IllegalArgumentException.class, () -> factory.restore(null));
        assertThrows(IllegalArgumentException.class, () -> factory.restore(new byte[10]));
        assertThrows(IllegalArgumentException.class, () -> factory.restore(Detectors.baseline().create().snapshot()));
        byte[] snapshot = factory.create().snapshot();
        snapshot[1] ^= 1; // the configuration fingerprint
        assertThrows(IllegalArgumentException.class, () -> factory.restore(snapshot));
    }

    @Test
    void refusesNonFiniteValuesAndTimesNotAfterTheLast() {
        SeriesDetector detector = Detectors.standard().create();
        assertEquals(Long.MIN_VALUE, detector.lastTimestamp());
        detector.update(T0, 1.0);
        assertThrows(IllegalArgumentException.class, () -> detector.update(T0 + STEP, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> detector.update(T0 + STEP, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> detector.update(T0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> detector.update(T0 - STEP, 2.0));
        assertEquals(T0, detector.lastTimestamp(), "a refused sample changes nothing");
        detector.update(T0 + STEP, 2.0);
        assertEquals(T0 + STEP, detector.lastTimestamp());
    }

    @Test
    void survivesExtremeMagnitudesWithoutPoisoningItsState() {
        SeriesDetector detector = Detectors.standard().create();
        long t = T0;
        for (int i = 0; i < 2000; i++) {
            detector.update(t += STEP, Math.sin(i));
        }
        Verdict huge = detector.update(t += STEP, Double.MAX_VALUE);
        assertEquals(Double.MAX_VALUE, huge.observed());
        for (double x : new double[] {-Double.MAX_VALUE, 1e300, -1e300, 1e-300, 0}) {
            detector.update(t += STEP, x);
        }
        for (int i = 0; i < 5000; i++) {
            Verdict v = detector.update(t += STEP, Math.sin(i));
            assertTrue(Double.isFinite(v.expected()) && Double.isFinite(v.lower()) && Double.isFinite(v.upper()),
                    v.toString());
        }
        SeriesDetector restored = Detectors.standard().restore(detector.snapshot());
        assertEquals(detector.update(t + STEP, 0.5), restored.update(t + STEP, 0.5));
    }

    @Test
    void flagsAnObviousSpikeWithItsExpectedRange() throws IOException {
        double threshold = shippedThreshold();
        double[] values = dailyNoisy(3000, 3);
        double usual = values[2500];
        values[2500] += 60; // far above anything the cycle reached
        List<Verdict> verdicts = run(Detectors.standard().create(), values, 0, values.length);
        for (int i = 1000; i < 2500; i++) {
            assertTrue(verdicts.get(i).score() < threshold, "no alarm before the spike, at " + i + ": "
                    + verdicts.get(i));
        }
        Verdict spike = verdicts.get(2500);
        assertTrue(spike.score() >= threshold, spike.toString());
        assertEquals(EnsembleDetector.RANGE, spike.component(), spike.toString());
        assertTrue(spike.observed() > spike.upper(), "observed outside the expected range: " + spike);
        assertTrue(Math.abs(spike.expected() - usual) < 3, "expected the usual value: " + spike);
    }

    @Test
    void flagsALevelShiftSoon() throws IOException {
        double threshold = shippedThreshold();
        Random random = new Random(4);
        double[] values = new double[3000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i < 2500 ? 10 : 16) + random.nextGaussian();
        }
        List<Verdict> verdicts = run(Detectors.standard().create(), values, 0, values.length);
        int first = -1;
        for (int i = 2500; i < 2520 && first < 0; i++) {
            if (verdicts.get(i).score() >= threshold) {
                first = i;
            }
        }
        assertTrue(first >= 0, "alarm within 20 samples of the shift");
        assertTrue(verdicts.get(first).observed() > verdicts.get(first).upper(), verdicts.get(first).toString());
    }

    /**
     * White noise has new records now and then, and the range-break component alarms on them: the measured rate is
     * 4 to 13 alarms in 19,000 samples over ten seeds (docs/score-anomaly-detector.md). This bounds it at 0.1 %.
     */
    @Test
    void alarmsRarelyOnWhiteNoise() throws IOException {
        double threshold = shippedThreshold();
        Random random = new Random(4);
        SeriesDetector detector = Detectors.standard().create();
        int alarms = 0;
        for (int i = 0; i < 20_000; i++) {
            Verdict v = detector.update(T0 + i * STEP, 10 + random.nextGaussian());
            if (i >= 1000 && v.score() >= threshold) {
                alarms++;
            }
        }
        assertTrue(alarms <= 19, alarms + " alarms in 19,000 samples of white noise");
    }

    @Test
    void aFlatOrRegularSeriesRaisesNoAlarm() throws IOException {
        double threshold = shippedThreshold();
        SeriesDetector flat = Detectors.standard().create();
        SeriesDetector square = Detectors.standard().create();
        for (int i = 0; i < 4000; i++) {
            assertTrue(flat.update(T0 + i * STEP, 7.0).score() < threshold);
            double wave = (i / 144) % 2 == 0 ? 0.0 : 100.0; // a square wave with a daily period
            Verdict v = square.update(T0 + i * STEP, wave);
            // the daily season needs each slot seen twice: two days of history (576 samples) before it explains
            // the flips; until then a flip is news to the level forecaster
            assertTrue(i < 600 || v.score() < threshold, "at " + i + ": " + v);
        }
    }
}
