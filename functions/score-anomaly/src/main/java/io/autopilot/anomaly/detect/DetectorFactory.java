package io.autopilot.anomaly.detect;

/** Makes detectors of one configuration; the same parameters serve every series. */
public interface DetectorFactory {

    /** A short stable name, reported in verdicts and benchmarks. */
    String name();

    SeriesDetector create();

    /** Rebuilds a detector from {@link SeriesDetector#snapshot()}; refuses a snapshot of another configuration. */
    SeriesDetector restore(byte[] snapshot);

    /** A factory from its two constructors: a fresh detector, and one restored from a snapshot. */
    static DetectorFactory of(String name, java.util.function.Supplier<SeriesDetector> create,
            java.util.function.Function<byte[], SeriesDetector> restore) {
        return new DetectorFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SeriesDetector create() {
                return create.get();
            }

            @Override
            public SeriesDetector restore(byte[] snapshot) {
                return restore.apply(snapshot);
            }
        };
    }
}
