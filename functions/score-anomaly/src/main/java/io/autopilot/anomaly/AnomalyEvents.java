package io.autopilot.anomaly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.AnomalyScore;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventSources;
import io.autopilot.events.EventTypes;

/**
 * Turns a score into the events score-anomaly emits: always {@code io.autopilot.anomaly.scored}, and
 * {@code io.autopilot.anomaly.detected} too when the score reached the threshold. Ids are derived from what was
 * scored (the cause's identity, or the series and its time span), so a redelivered input yields the same ids and the
 * broker drops the repeats.
 */
public final class AnomalyEvents {

    private final ObjectMapper mapper;

    public AnomalyEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param score the payload
     * @param subject the alert fingerprint or the series id
     * @param identity what makes this score unique (derived into the ids)
     * @param extensions routing extensions to copy (alertname), beside {@code kind}
     */
    public List<CloudEventEnvelope> events(AnomalyScore score, String subject, List<String> identity,
            Map<String, String> extensions) {
        Map<String, String> ext = new LinkedHashMap<>(extensions);
        ext.put("kind", score.kind());
        String time = score.explanation() != null ? score.explanation().at().toString()
                : score.to() != null ? score.to().toString() : null;
        byte[] data = json(score);
        String scoredId = EventIds.derive(identity.toArray(String[]::new));
        List<CloudEventEnvelope> events = new ArrayList<>(2);
        events.add(CloudEventEnvelope.json(scoredId, EventTypes.ANOMALY_SCORED, EventSources.SCORE_ANOMALY, subject,
                time, ext, data));
        if (score.detected()) {
            events.add(CloudEventEnvelope.json(EventIds.derive(scoredId, EventTypes.ANOMALY_DETECTED),
                    EventTypes.ANOMALY_DETECTED, EventSources.SCORE_ANOMALY, subject, time, ext, data));
        }
        return events;
    }

    private byte[] json(AnomalyScore score) {
        try {
            return mapper.writeValueAsBytes(score);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an AnomalyScore always serialises", e);
        }
    }
}
