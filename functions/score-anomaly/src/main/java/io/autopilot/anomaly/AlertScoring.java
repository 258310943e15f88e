package io.autopilot.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.anomaly.detect.DetectorFactory;
import io.autopilot.events.Alert;
import io.autopilot.events.AnomalyScore;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.http.EventSink;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scores a firing alert against its series' history in Prometheus, which is the state: the function keeps none and
 * scales to zero. The alert's query is run over {@code window} before now; each returned series is replayed through
 * a fresh detector; samples from {@code recent} before the alert started on are judged. Of the series that belong to
 * the alert (every label they share with the alert has the alert's value; all series when none does), the one with
 * the highest score is reported.
 *
 * <p>No query, no Prometheus configured, a query Prometheus refuses, or no samples: a scored event with score 0 and
 * {@code noData} saying which, never a detected one (no data is an outcome, not a pass or a crash). Prometheus
 * unreachable: 503, and the broker retries.
 */
@ApplicationScoped
public class AlertScoring {

    private final ScoringSettings settings;
    private final AnomalyEvents events;
    private final ObjectMapper mapper;
    private final EventSink sink;
    private final MeterRegistry registry;

    @Inject
    AlertScoring(ScoringSettings settings, ObjectMapper mapper, EventSink sink, MeterRegistry registry) {
        this.settings = settings;
        this.mapper = mapper;
        this.events = new AnomalyEvents(mapper);
        this.sink = sink;
        this.registry = registry;
    }

    /** Scores the alert, sends the events to the sink, and returns them. */
    public List<CloudEventEnvelope> score(Alert alert, String causeSource, String causeId) {
        validate(alert);
        AnomalyScore score = judge(alert, Instant.now());
        List<CloudEventEnvelope> out = events.events(score, alert.fingerprint(),
                List.of(EventTypes.ANOMALY_SCORED, causeSource, causeId), alertname(alert));
        out.forEach(sink::send);
        out.forEach(e -> registry.counter("autopilot.anomaly.emitted", "type", e.type(), "path", "alert").increment());
        return out;
    }

    AnomalyScore judge(Alert alert, Instant now) {
        DetectorFactory factory = settings.detectors();
        Optional<String> query = PromQueries.of(alert);
        String explicitKind = alert.annotations() == null ? null : alert.annotations().get(AnomalyKinds.ANNOTATION);
        String kind = AnomalyKinds.classify(explicitKind, alert.labels(), query.map(List::of).orElse(List.of()));
        if (query.isEmpty()) {
            return noData(alert, kind, null, factory, "the alert names no query: no " + PromQueries.ANNOTATION
                    + " annotation and no g0.expr in its generatorURL");
        }
        if (settings.prometheusUrl().isEmpty()) {
            return noData(alert, kind, query.get(), factory,
                    "no Prometheus configured (autopilot.score-anomaly.prometheus-url)");
        }
        Duration step = settings.step();
        Instant end = now;
        Instant start = end.minus(settings.window());
        Instant alertStart = alert.startsAt().isAfter(end) ? end : alert.startsAt();
        long judgeFrom = alertStart.minus(settings.recent()).toEpochMilli();
        PrometheusClient.Matrix matrix;
        try {
            matrix = new PrometheusClient(settings.prometheusUrl().get(), settings.prometheusTimeout(), mapper)
                    .queryRange(query.get(), start, end, step);
        } catch (PrometheusClient.QueryRefused e) {
            return noData(alert, kind, query.get(), factory, "Prometheus refused the query: " + e.getMessage());
        }
        if (matrix.series().isEmpty()) {
            return noData(alert, kind, query.get(), factory, "the query returned no samples between " + start
                    + " and " + end);
        }
        List<Series> candidates = belongingTo(alert, matrix.series());
        List<SeriesScorer.Result> results = new ArrayList<>();
        for (Series series : candidates.subList(0, Math.min(candidates.size(), settings.maxSeries()))) {
            results.add(SeriesScorer.score(factory, series, judgeFrom));
        }
        SeriesScorer.Result best = results.stream().filter(r -> r.top() != null)
                .max(Comparator.comparingDouble(SeriesScorer.Result::score)).orElse(null);
        if (best == null) {
            return noData(alert, kind, query.get(), factory, "no samples since " + Instant.ofEpochMilli(judgeFrom)
                    + " to judge");
        }
        Series series = best.series();
        double value = best.score();
        return new AnomalyScore(series.id(), series.labels(),
                AnomalyKinds.classify(explicitKind, merged(alert.labels(), series.labels()), List.of(query.get())),
                value, settings.threshold(), value >= settings.threshold(), factory.name(),
                SeriesScorer.explain(best.top()), best.points(), series.size(),
                Instant.ofEpochMilli(series.times()[0]), Instant.ofEpochMilli(series.times()[series.size() - 1]),
                query.get(), alert, null);
    }

    /** Series whose labels agree with the alert's wherever both have one; all of them when none does. */
    static List<Series> belongingTo(Alert alert, List<Series> series) {
        List<Series> matching = series.stream().filter(s -> s.labels().entrySet().stream()
                .filter(l -> !l.getKey().equals("__name__"))
                .allMatch(l -> !alert.labels().containsKey(l.getKey()) || alert.labels().get(l.getKey()).equals(l.getValue())))
                .toList();
        return matching.isEmpty() ? series : matching;
    }

    private static Map<String, String> merged(Map<String, String> first, Map<String, String> second) {
        Map<String, String> all = new java.util.HashMap<>(second);
        all.putAll(first);
        return all;
    }

    private AnomalyScore noData(Alert alert, String kind, String query, DetectorFactory factory, String why) {
        registry.counter("autopilot.anomaly.no-data").increment();
        return new AnomalyScore(alert.fingerprint(), alert.labels(), kind, 0.0, settings.threshold(), false,
                factory.name(), null, List.of(), 0, null, null, query, alert, why);
    }

    private static Map<String, String> alertname(Alert alert) {
        String name = alert.labels().get("alertname");
        return name == null || name.isEmpty() ? Map.of() : Map.of("alertname", name);
    }

    private static void validate(Alert alert) {
        if (alert == null) {
            throw invalid("", "the data must be an Alert as ingest-alerts emits it");
        }
        if (alert.fingerprint() == null || alert.fingerprint().isBlank()) {
            throw invalid("/fingerprint", "an alert needs its fingerprint: the scored event's subject");
        }
        if (alert.labels() == null || alert.labels().isEmpty()) {
            throw invalid("/labels", "an alert needs its labels: they pick its series from the query's result");
        }
        if (alert.startsAt() == null) {
            throw invalid("/startsAt", "an alert needs startsAt: the recent window is judged from there");
        }
    }

    private static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(ProblemTypes.invalidField(pointer, detail));
    }
}
