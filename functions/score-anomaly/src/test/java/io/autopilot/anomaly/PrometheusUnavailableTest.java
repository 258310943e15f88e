package io.autopilot.anomaly;

import static io.autopilot.events.testing.CloudEvents.sample;
import static io.autopilot.events.testing.CloudEvents.structured;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.autopilot.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.autopilot.events.testing.CapturingSink;
import io.autopilot.events.testing.CloudEvents;
import io.autopilot.events.testing.PrometheusServer;

/** Prometheus configured but not listening: the alert is answered 503, so the broker keeps it and retries. */
@QuarkusTest
@TestProfile(PrometheusUnavailableTest.NobodyListening.class)
class PrometheusUnavailableTest {

    public static class NobodyListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                // a port that was free a moment ago: connection refused
                return Map.of("autopilot.score-anomaly.prometheus-url", "http://127.0.0.1:" + PrometheusServer.freePort(),
                        "autopilot.score-anomaly.prometheus-timeout", "2s");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @BeforeEach
    void reset() {
        CloudEvents.plainContentTypes();
        CapturingSink.reset();
    }

    @Test
    void answers503WithAProblemNamingPrometheusAndEmitsNothing() {
        structured(sample(EventTypes.ALERT_FIRING, "valid-full.json")).then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:autopilot:problem:unavailable"))
                .body("detail", containsString("unreachable"));
        assertTrue(CapturingSink.RECEIVED.isEmpty());
    }
}
