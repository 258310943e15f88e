package io.autopilot.budget;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The CloudEvent face of check-budget. One function takes every trigger type (a Knative Service exports one
 * function); the events it produces (several per export: one evaluation per budget, breaches, anomalies, approval
 * requests) go to the sink, because a reply carries only one.
 */
public class CheckBudgetFunction {

    @Inject
    CheckBudgetService service;

    @Funq
    @EventContract(consumes = { EventTypes.GCS_OBJECT_FINALIZED, EventTypes.S3_OBJECT_CREATED,
            EventTypes.AZURE_BLOB_CREATED, EventTypes.BILLING_EXPORT_LANDED, EventTypes.PING },
            emits = { EventTypes.BUDGET_EVALUATED, EventTypes.BUDGET_EXCEEDED, EventTypes.COST_ANOMALY_DETECTED,
                    EventTypes.APPROVAL_REQUESTED })
    public void checkBudget(JsonNode data, @Context CloudEvent<?> event) {
        if (event == null || event.type() == null) {
            throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type",
                    "check-budget takes CloudEvents (an export landed, or the daily ping)"));
        }
        service.handle(event.type(), data);
    }
}
