package io.autopilot.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.autopilot.anomaly.detect.Detectors;
import io.autopilot.anomaly.detect.EwmaZScoreDetector;
import io.autopilot.anomaly.stream.StreamScorer;

class StreamScorerTest {

    private static Series series(long from, int n) {
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = (from + i) * 60_000;
            values[i] = 10 + Math.sin((from + i) / 3.0);
        }
        return new Series("s", Map.of(), times, values);
    }

    @Test
    void skipsSamplesAtOrBeforeTheLastScoredOneSoARedeliveryScoresNothing() {
        StreamScorer scorer = new StreamScorer(Detectors.standard());
        StreamScorer.Pending first = scorer.score(series(0, 10));
        scorer.commit(first);
        assertEquals(10, first.fresh().size());

        StreamScorer.Pending again = scorer.score(series(0, 10));
        assertFalse(again.scoredAny());
        assertEquals(10, again.skipped());

        StreamScorer.Pending overlap = scorer.score(series(5, 10));
        assertEquals(5, overlap.skipped());
        assertEquals(5, overlap.fresh().size());
        assertEquals(10 * 60_000L, overlap.fresh().times()[0]);
    }

    @Test
    void leavesTheCommittedStateAloneUntilCommitSoAFailedRecordIsScoredAgain() {
        StreamScorer scorer = new StreamScorer(Detectors.standard());
        scorer.commit(scorer.score(series(0, 10)));
        StreamScorer.Pending failed = scorer.score(series(10, 5));
        // no commit: the sink or the state topic failed; the record comes again
        StreamScorer.Pending retried = scorer.score(series(10, 5));
        assertEquals(5, retried.fresh().size());
        assertEquals(failed.result().points(), retried.result().points(), "the same scores the second time");
    }

    @Test
    void continuesFromARestoredStateExactlyAsIfItHadNeverStopped() {
        StreamScorer uninterrupted = new StreamScorer(Detectors.standard());
        uninterrupted.commit(uninterrupted.score(series(0, 40)));
        StreamScorer.Pending expected = uninterrupted.score(series(40, 20));

        StreamScorer before = new StreamScorer(Detectors.standard());
        StreamScorer.Pending saved = before.score(series(0, 40));
        before.commit(saved);
        StreamScorer after = new StreamScorer(Detectors.standard());
        after.restore("s", before.encode(saved.state()));
        assertEquals(39 * 60_000L, after.lastTimestamp("s"));
        StreamScorer.Pending resumed = after.score(series(30, 30));
        assertEquals(10, resumed.skipped(), "the ten samples redelivered after the restart");
        assertEquals(expected.result().points(), resumed.result().points());
    }

    @Test
    void keepsThePositionButStartsAFreshDetectorForAStateOfAnotherConfiguration() {
        StreamScorer other = new StreamScorer(EwmaZScoreDetector.factory(0.3));
        StreamScorer.Pending saved = other.score(series(0, 10));
        byte[] state = other.encode(saved.state());
        StreamScorer scorer = new StreamScorer(new io.autopilot.anomaly.detect.DetectorFactory() {
            public String name() {
                return "another";
            }

            public io.autopilot.anomaly.detect.SeriesDetector create() {
                return Detectors.standard().create();
            }

            public io.autopilot.anomaly.detect.SeriesDetector restore(byte[] snapshot) {
                throw new AssertionError("a snapshot of another configuration must not be restored");
            }
        });
        scorer.restore("s", state);
        assertEquals(9 * 60_000L, scorer.lastTimestamp("s"));
        assertEquals(5, scorer.score(series(5, 10)).skipped());
    }

    @Test
    void neverLetsAnOlderSavedStateReplaceANewerOne() {
        StreamScorer scorer = new StreamScorer(Detectors.standard());
        StreamScorer.Pending early = scorer.score(series(0, 5));
        byte[] earlyState = scorer.encode(early.state());
        scorer.commit(early);
        scorer.commit(scorer.score(series(5, 5)));
        scorer.restore("s", earlyState);
        assertEquals(9 * 60_000L, scorer.lastTimestamp("s"));
        scorer.restore("s", null);
        assertEquals(Long.MIN_VALUE, scorer.lastTimestamp("s"), "a tombstone forgets the series");
    }

    @Test
    void refusesBytesThatAreNotAStateRecord() {
        StreamScorer scorer = new StreamScorer(Detectors.standard());
        assertThrows(IllegalArgumentException.class, () -> scorer.restore("s", new byte[] { 1, 2, 3 }));
        assertTrue(scorer.seriesCount() == 0);
        assertNull(scorer.score(series(0, 0)).result());
    }
}
