package io.autopilot.audit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.audit.store.LedgerStore;
import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The CloudEvent face of record-audit: every decision event becomes one leaf of the log, durable before this
 * returns (so the 2xx the broker sees means "recorded"). A redelivery of the same source + id is answered the same
 * way and appended nothing. It emits nothing: the log itself, behind {@code /audit/*}, is the output.
 */
public class RecordAuditFunction {

    @Inject
    AuditLedger ledger;

    @Funq
    @EventContract(consumes = { EventTypes.PLACEMENT_DECIDED, EventTypes.PLACEMENT_INFEASIBLE,
            EventTypes.ANOMALY_DETECTED, EventTypes.BUDGET_EXCEEDED, EventTypes.APPROVAL_REQUESTED,
            EventTypes.APPROVAL_GRANTED, EventTypes.CERTIFICATE_ROTATED, EventTypes.COMPLIANCE_FINDING,
            EventTypes.COMPLIANCE_RESOLVED, EventTypes.THREAT_RESPONDED, EventTypes.REMEDIATION_EXECUTED,
            EventTypes.REMEDIATION_REFUSED, EventTypes.ROLLOUT_JUDGED, EventTypes.SCALING_RECOMMENDED })
    public void recordAudit(CloudEvent<JsonNode> event) {
        if (!AuditedTypes.audited(event.type())) {
            throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type",
                    "record-audit records decision events (" + String.join(", ", AuditedTypes.NAMES) + "), not "
                            + event.type()));
        }
        byte[] leaf = AuditLeaf.of(event.source(), event.id(), event.type(), event.subject(), event.time(), event.data())
                .encode();
        ledger.append(new LedgerStore.NewEntry(event.source(), event.id(), leaf));
    }
}
