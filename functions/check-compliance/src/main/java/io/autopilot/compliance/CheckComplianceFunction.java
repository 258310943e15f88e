package io.autopilot.compliance;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The CloudEvent face of check-compliance. One event can open several findings and resolve others, more than a
 * reply can carry, so everything goes to the sink and the function answers 204.
 */
public class CheckComplianceFunction {

    @Inject
    ComplianceService compliance;

    @Funq
    @EventContract(consumes = { EventTypes.APISERVER_RESOURCE_ADD, EventTypes.APISERVER_RESOURCE_UPDATE,
            EventTypes.APISERVER_RESOURCE_DELETE, EventTypes.PING },
            emits = { EventTypes.COMPLIANCE_FINDING, EventTypes.COMPLIANCE_RESOLVED, EventTypes.COMPLIANCE_POSTURE })
    public void checkCompliance(CloudEvent<JsonNode> event) {
        compliance.handle(new ComplianceService.Cause(event.type(), event.source(), event.id(), event.time()),
                event.data());
    }
}
