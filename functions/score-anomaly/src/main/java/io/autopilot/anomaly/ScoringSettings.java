package io.autopilot.anomaly;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.autopilot.anomaly.detect.DetectorFactory;
import io.autopilot.anomaly.detect.Detectors;

/** score-anomaly's configuration ({@code autopilot.score-anomaly.*}); defaults in application.properties. */
@ApplicationScoped
public class ScoringSettings {

    /** The alerting threshold: a score at or above it is also emitted as {@code io.autopilot.anomaly.detected}. */
    @ConfigProperty(name = "autopilot.score-anomaly.threshold")
    double threshold;

    /** Prometheus' base URL, e.g. {@code http://prometheus-operated.monitoring:9090}; unset: alerts score as no data. */
    @ConfigProperty(name = "autopilot.score-anomaly.prometheus-url")
    Optional<URI> prometheusUrl;

    /** How much history a range query fetches before the alert's recent window. */
    @ConfigProperty(name = "autopilot.score-anomaly.window")
    Duration window;

    /** The range query's resolution. */
    @ConfigProperty(name = "autopilot.score-anomaly.step")
    Duration step;

    /** The samples judged for an alert: from this long before the alert started to the end of the query. */
    @ConfigProperty(name = "autopilot.score-anomaly.recent")
    Duration recent;

    /** At most this many series of one query are scored (the highest-scoring one is reported). */
    @ConfigProperty(name = "autopilot.score-anomaly.max-series")
    int maxSeries;

    @ConfigProperty(name = "autopilot.score-anomaly.prometheus-timeout")
    Duration prometheusTimeout;

    public double threshold() {
        return threshold;
    }

    public Optional<URI> prometheusUrl() {
        return prometheusUrl;
    }

    public Duration window() {
        return window;
    }

    public Duration step() {
        return step;
    }

    public Duration recent() {
        return recent;
    }

    public int maxSeries() {
        return maxSeries;
    }

    public Duration prometheusTimeout() {
        return prometheusTimeout;
    }

    /** The detector configuration every path uses: one set of parameters for every series. */
    public DetectorFactory detectors() {
        return Detectors.standard();
    }
}
