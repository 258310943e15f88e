package io.autopilot.anomaly;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.anomaly.detect.DetectorFactory;
import io.autopilot.events.AnomalyScore;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventTypes;
import io.autopilot.events.http.EventSink;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scores a batch of samples delivered as a CloudEvent. Stateless by design: a batch carries its own history, is
 * replayed through a fresh detector, and every sample in it is judged, so any replica (or none, after scaling to
 * zero) answers a batch the same way. Producers that want continuity across batches send enough history in each, or
 * use the Kafka stream, which keeps per-series state ({@code io.autopilot.anomaly.stream}).
 */
@ApplicationScoped
public class SampleScoring {

    private final ScoringSettings settings;
    private final AnomalyEvents events;
    private final EventSink sink;
    private final MeterRegistry registry;

    @Inject
    SampleScoring(ScoringSettings settings, ObjectMapper mapper, EventSink sink, MeterRegistry registry) {
        this.settings = settings;
        this.events = new AnomalyEvents(mapper);
        this.sink = sink;
        this.registry = registry;
    }

    public List<CloudEventEnvelope> score(JsonNode data, String causeSource, String causeId) {
        SampleBatches.Batch batch = SampleBatches.validate(data);
        DetectorFactory factory = settings.detectors();
        SeriesScorer.Result result = SeriesScorer.score(factory, batch.series(), Long.MIN_VALUE);
        AnomalyScore score = toScore(batch.series(), batch.kind(), result, settings.threshold(), factory.name());
        List<CloudEventEnvelope> out = events.events(score, batch.series().id(),
                List.of(EventTypes.ANOMALY_SCORED, causeSource, causeId), Map.of());
        out.forEach(sink::send);
        out.forEach(e -> registry.counter("autopilot.anomaly.emitted", "type", e.type(), "path", "samples").increment());
        return out;
    }

    /** The payload for a scored series of samples (shared with the Kafka stream). */
    public static AnomalyScore toScore(Series series, String explicitKind, SeriesScorer.Result result, double threshold,
            String detector) {
        String kind = AnomalyKinds.classify(explicitKind, series.labels(), List.of(series.id()));
        double value = result.score();
        return new AnomalyScore(series.id(), series.labels(), kind, value, threshold, value >= threshold, detector,
                result.top() == null ? null : SeriesScorer.explain(result.top()), result.points(), series.size(),
                Instant.ofEpochMilli(series.times()[0]), Instant.ofEpochMilli(series.times()[series.size() - 1]),
                null, null, null);
    }
}
