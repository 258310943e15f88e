package io.autopilot.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.RolloutAnalysisRequest;
import io.autopilot.remediation.judge.CanaryJudge;

/**
 * Validates an analysis request, fetches each metric's baseline and canary samples from Prometheus over the window
 * and judges them with {@link CanaryJudge} (Kayenta's defaults unless the request sets the confidence).
 */
public final class CanaryAnalysis {

    static final String SELECTOR = "${selector}";

    /** The judged run and what was asked of Prometheus. */
    public record Outcome(CanaryJudge.RunResult run, Map<String, Map<String, String>> queries,
            Map<String, Object> window, CanaryJudge.Settings settings) {
    }

    private final PrometheusClient prometheus;

    public CanaryAnalysis(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    public static void validate(RolloutAnalysisRequest r) {
        if (r.analysisId() == null || r.analysisId().isBlank()) {
            throw bad("/analysisId", "an analysis needs an analysisId");
        }
        if (r.rollout() == null || blank(r.rollout().namespace()) || blank(r.rollout().name())) {
            throw bad("/rollout", "name the rollout: namespace and name (kind Rollout or Deployment)");
        }
        if (r.rollout().kind() != null && !List.of("Rollout", "Deployment").contains(r.rollout().kind())) {
            throw bad("/rollout/kind", "kind must be Rollout or Deployment, got " + r.rollout().kind());
        }
        if (blank(r.baseline()) || blank(r.canary())) {
            throw bad(blank(r.baseline()) ? "/baseline" : "/canary",
                    "baseline and canary are PromQL label matchers, e.g. app=\"checkout\",track=\"canary\"");
        }
        if (r.windowMinutes() == null || r.windowMinutes() < 1 || r.windowMinutes() > 24 * 60) {
            throw bad("/windowMinutes", "windowMinutes must be 1..1440, got " + r.windowMinutes());
        }
        if (r.stepSeconds() != null && (r.stepSeconds() < 1 || r.stepSeconds() > 3600)) {
            throw bad("/stepSeconds", "stepSeconds must be 1..3600");
        }
        if (r.metrics() == null || r.metrics().isEmpty()) {
            throw bad("/metrics", "an analysis needs at least one metric");
        }
        for (int i = 0; i < r.metrics().size(); i++) {
            RolloutAnalysisRequest.Metric m = r.metrics().get(i);
            if (m == null || blank(m.name())) {
                throw bad("/metrics/" + i + "/name", "every metric needs a name");
            }
            if (blank(m.query()) || !m.query().contains(SELECTOR)) {
                throw bad("/metrics/" + i + "/query", "the query must contain " + SELECTOR
                        + " where the baseline's or canary's matchers go");
            }
            try {
                CanaryJudge.Direction.parse(m.direction());
            } catch (IllegalArgumentException e) {
                throw bad("/metrics/" + i + "/direction", "direction is increase, decrease or either");
            }
            if (m.weight() != null && !(m.weight() > 0)) {
                throw bad("/metrics/" + i + "/weight", "weight must be positive");
            }
        }
        try {
            CanaryJudge.NoDataPolicy.parse(r.noDataPolicy());
        } catch (IllegalArgumentException e) {
            throw bad("/noDataPolicy", "noDataPolicy is inconclusive, fail or ignore");
        }
        if (r.onFail() != null && !List.of("abort", "none").contains(r.onFail())) {
            throw bad("/onFail", "onFail is abort or none");
        }
        if (r.onPass() != null && !List.of("promote", "none").contains(r.onPass())) {
            throw bad("/onPass", "onPass is promote or none");
        }
        if (r.confidence() != null && !(r.confidence() >= 0.9 && r.confidence() < 1)) {
            throw bad("/confidence", "confidence must be in [0.9, 1)");
        }
    }

    public Outcome run(RolloutAnalysisRequest r, Instant now) {
        Instant end = r.end() != null ? r.end() : now;
        Instant start = end.minus(Duration.ofMinutes(r.windowMinutes()));
        Duration step = Duration.ofSeconds(r.stepSeconds() == null ? 30 : r.stepSeconds());
        CanaryJudge.Settings defaults = CanaryJudge.Settings.kayentaDefaults();
        double confidence = r.confidence() == null ? defaults.confidence() : r.confidence();
        CanaryJudge.Settings settings = new CanaryJudge.Settings(confidence,
                Math.min(defaults.marginalConfidence(), confidence), defaults.tolerance(), defaults.allowedIncrease(),
                defaults.allowedDecrease(), defaults.passScore(), defaults.marginalScore(),
                CanaryJudge.NoDataPolicy.parse(r.noDataPolicy()));
        List<CanaryJudge.Metric> metrics = new ArrayList<>();
        Map<String, Map<String, String>> queries = new LinkedHashMap<>();
        for (RolloutAnalysisRequest.Metric m : r.metrics()) {
            String qb = m.query().replace(SELECTOR, r.baseline());
            String qc = m.query().replace(SELECTOR, r.canary());
            queries.put(m.name(), Map.of("baseline", qb, "canary", qc));
            double[] baseline = prometheus.rangeValues(qb, start, end, step);
            double[] canary = prometheus.rangeValues(qc, start, end, step);
            metrics.add(new CanaryJudge.Metric(m.name(), CanaryJudge.Direction.parse(m.direction()),
                    m.weight() == null ? 1.0 : m.weight(), Boolean.TRUE.equals(m.critical()),
                    Boolean.TRUE.equals(m.mustHaveData()), baseline, canary));
        }
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("start", start.toString());
        window.put("end", end.toString());
        window.put("stepSeconds", step.toSeconds());
        window.put("prometheus", prometheus.baseUrl());
        return new Outcome(new CanaryJudge(settings).judge(metrics), queries, window, settings);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ProblemException bad(String pointer, String detail) {
        return new ProblemException(ProblemTypes.invalidField(pointer, detail));
    }

    static String describe(CanaryJudge.Settings s) {
        return String.format(Locale.ROOT, "confidence %.2f, tolerance %.2f", s.confidence(), s.tolerance());
    }
}
