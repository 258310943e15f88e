package io.autopilot.remediation;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The CloudEvent face of remediate. One event can lead to several (an approval request and the refusal that waits
 * for it; a judgement and the abort it led to), so they go to the sink ({@code K_SINK}) rather than back as a reply.
 */
public class RemediateFunction {

    @Inject
    RemediationService service;

    @Funq
    @EventContract(consumes = { EventTypes.ANOMALY_DETECTED, EventTypes.ALERT_FIRING, EventTypes.ALERT_RESOLVED,
            EventTypes.SCALING_RECOMMENDED, EventTypes.APPROVAL_GRANTED, EventTypes.ROLLOUT_ANALYSIS_REQUESTED,
            EventTypes.APISERVER_RESOURCE_ADD, EventTypes.APISERVER_RESOURCE_UPDATE },
            emits = { EventTypes.REMEDIATION_EXECUTED, EventTypes.REMEDIATION_REFUSED, EventTypes.APPROVAL_REQUESTED,
                    EventTypes.ROLLOUT_JUDGED })
    public void remediate(CloudEvent<JsonNode> event) {
        service.handle(event.type(), event.source(), event.id(), event.data());
    }
}
