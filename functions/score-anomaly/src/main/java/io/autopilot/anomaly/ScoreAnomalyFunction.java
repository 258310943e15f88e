package io.autopilot.anomaly;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.Alert;
import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.autopilot.events.JsonProblems;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The CloudEvent face of score-anomaly. One function takes every type its Triggers deliver, reads the data as JSON
 * and hands it to the path for its type. The scores go to the sink rather than back as a reply, because one input
 * can yield two events (scored, and detected when the threshold is crossed).
 */
public class ScoreAnomalyFunction {

    @Inject
    AlertScoring alerts;

    @Inject
    SampleScoring samples;

    @Inject
    ObjectMapper mapper;

    @Funq
    @EventContract(consumes = { EventTypes.ALERT_FIRING, EventTypes.METRICS_SAMPLES },
            emits = { EventTypes.ANOMALY_SCORED, EventTypes.ANOMALY_DETECTED })
    public void scoreAnomaly(CloudEvent<JsonNode> event) {
        String type = event.type();
        if (EventTypes.ALERT_FIRING.equals(type)) {
            alerts.score(alert(event.data()), event.source(), event.id());
        } else if (EventTypes.METRICS_SAMPLES.equals(type)) {
            samples.score(event.data(), event.source(), event.id());
        } else {
            throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type", "score-anomaly accepts "
                    + EventTypes.ALERT_FIRING + " and " + EventTypes.METRICS_SAMPLES + " events, not " + type));
        }
    }

    private Alert alert(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new ProblemException(ProblemTypes.invalidField("", "the data must be an Alert object"));
        }
        try {
            return mapper.treeToValue(data, Alert.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(JsonProblems.from(e));
        }
    }
}
