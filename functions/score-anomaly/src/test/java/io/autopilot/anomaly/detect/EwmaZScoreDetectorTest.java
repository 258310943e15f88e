package io.autopilot.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EwmaZScoreDetectorTest {

    @Test
    void scoresASpikeHighAndContinuesFromASnapshot() {
        DetectorFactory factory = Detectors.baseline();
        SeriesDetector detector = factory.create();
        double[] values = EnsembleDetectorTest.dailyNoisy(1000, 5);
        for (int i = 0; i < 900; i++) {
            detector.update(EnsembleDetectorTest.T0 + i * 60_000L, values[i] * 0.01);
        }
        SeriesDetector restored = factory.restore(detector.snapshot());
        Verdict a = detector.update(EnsembleDetectorTest.T0 + 900 * 60_000L, 100);
        Verdict b = restored.update(EnsembleDetectorTest.T0 + 900 * 60_000L, 100);
        assertEquals(a, b);
        assertTrue(a.score() > 0.9, a.toString());
        assertArrayEquals(detector.snapshot(), restored.snapshot());
        assertThrows(IllegalArgumentException.class, () -> detector.update(EnsembleDetectorTest.T0, 1));
        assertThrows(IllegalArgumentException.class, () -> new EwmaZScoreDetector(1.5));
    }
}
