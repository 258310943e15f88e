package io.autopilot.anomaly.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.autopilot.anomaly.Series;
import io.autopilot.anomaly.SeriesScorer;
import io.autopilot.anomaly.detect.DetectorFactory;
import io.autopilot.anomaly.detect.SeriesDetector;

/**
 * Per-series detectors for the sample stream, framework-free. A record is scored in two steps so nothing is
 * half-applied: {@link #score} works on a copy of the series' detector and returns a {@link Pending}; only after the
 * caller has emitted the events and saved {@link Pending#state()} does it {@link #commit} it. A failure in between
 * leaves the committed detector as it was, so the redelivered record is scored again, not lost.
 *
 * <p>Samples at or before a series' last scored timestamp are skipped: that is what makes a redelivered record
 * (after a broker restart, a rebalance or a consumer crash before the offset commit) score nothing twice.
 */
public final class StreamScorer {

    private static final byte MAGIC = 'A';
    private static final byte VERSION = 1;

    private final DetectorFactory factory;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * One series' state.
     *
     * @param detector its detector, or null when the saved snapshot was of another detector configuration (a new one
     *        starts then, learning afresh)
     * @param lastTimestamp the last sample scored, epoch millis
     */
    public record State(SeriesDetector detector, long lastTimestamp) {
    }

    /**
     * The outcome of scoring one record, not yet committed.
     *
     * @param seriesId the series
     * @param fresh the samples newer than the last scored one (possibly none)
     * @param skipped how many samples of the record were at or before it
     * @param result the scores of the fresh samples, or null when there were none
     * @param state the state to save and commit
     */
    public record Pending(String seriesId, Series fresh, int skipped, SeriesScorer.Result result, State state) {

        public boolean scoredAny() {
            return fresh.size() > 0;
        }
    }

    public StreamScorer(DetectorFactory factory) {
        this.factory = factory;
    }

    public Pending score(Series batch) {
        State current = states.get(batch.id());
        long last = current == null ? Long.MIN_VALUE : current.lastTimestamp();
        int from = 0;
        while (from < batch.size() && batch.times()[from] <= last) {
            from++;
        }
        Series fresh = new Series(batch.id(), batch.labels(), Arrays.copyOfRange(batch.times(), from, batch.size()),
                Arrays.copyOfRange(batch.values(), from, batch.size()));
        if (fresh.size() == 0) {
            return new Pending(batch.id(), fresh, from, null, current);
        }
        SeriesDetector working = current == null || current.detector() == null ? factory.create()
                : factory.restore(current.detector().snapshot());
        SeriesScorer.Result result = SeriesScorer.score(working, fresh, Long.MIN_VALUE);
        return new Pending(batch.id(), fresh, from, result, new State(working, fresh.times()[fresh.size() - 1]));
    }

    public void commit(Pending pending) {
        if (pending.state() != null) {
            states.merge(pending.seriesId(), pending.state(), StreamScorer::newer);
        }
    }

    /** A saved state, as read back from the state topic; an older one never replaces a newer one held here. */
    public void restore(String seriesId, byte[] saved) {
        if (saved == null) {
            states.remove(seriesId);
            return;
        }
        states.merge(seriesId, decode(saved), StreamScorer::newer);
    }

    /** The last scored timestamp of a series, {@link Long#MIN_VALUE} when it was never seen. */
    public long lastTimestamp(String seriesId) {
        State state = states.get(seriesId);
        return state == null ? Long.MIN_VALUE : state.lastTimestamp();
    }

    public int seriesCount() {
        return states.size();
    }

    /** magic, version, lastTimestamp, detector name, detector snapshot: what the compacted topic holds per series. */
    public byte[] encode(State state) {
        byte[] name = factory.name().getBytes(StandardCharsets.UTF_8);
        byte[] snapshot = state.detector() == null ? new byte[0] : state.detector().snapshot();
        return ByteBuffer.allocate(2 + 8 + 2 + name.length + 4 + snapshot.length).put(MAGIC).put(VERSION)
                .putLong(state.lastTimestamp()).putShort((short) name.length).put(name).putInt(snapshot.length)
                .put(snapshot).array();
    }

    State decode(byte[] saved) {
        ByteBuffer in = ByteBuffer.wrap(saved);
        if (saved.length < 16 || in.get() != MAGIC || in.get() != VERSION) {
            throw new IllegalArgumentException("not a score-anomaly state record");
        }
        long last = in.getLong();
        byte[] name = new byte[in.getShort()];
        in.get(name);
        byte[] snapshot = new byte[in.getInt()];
        in.get(snapshot);
        // Another detector configuration (an upgrade replaced it): keep the position, so redeliveries are still
        // skipped, and let a fresh detector learn the series again.
        boolean same = new String(name, StandardCharsets.UTF_8).equals(factory.name()) && snapshot.length > 0;
        return new State(same ? restoreOrNull(snapshot) : null, last);
    }

    private SeriesDetector restoreOrNull(byte[] snapshot) {
        try {
            return factory.restore(snapshot);
        } catch (IllegalArgumentException e) {
            return null; // unreadable: start afresh at the saved position rather than stop the stream
        }
    }

    private static State newer(State held, State offered) {
        return offered.lastTimestamp() >= held.lastTimestamp() ? offered : held;
    }
}
