package io.autopilot.alerts;

import jakarta.inject.Inject;

import io.autopilot.events.AlertmanagerWebhook;
import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The CloudEvent face of ingest-alerts: the same webhook message, delivered by the broker. The alert events go to the
 * sink rather than back as a reply, because one message holds many alerts and a reply carries one event.
 */
public class IngestAlertsFunction {

    @Inject
    AlertIngestion ingestion;

    @Funq
    @EventContract(consumes = EventTypes.ALERTMANAGER_WEBHOOK,
            emits = { EventTypes.ALERT_FIRING, EventTypes.ALERT_RESOLVED })
    public void ingestAlerts(AlertmanagerWebhook webhook, @Context CloudEvent<?> event) {
        if (event != null && !EventTypes.ALERTMANAGER_WEBHOOK.equals(event.type())) {
            throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type", "ingest-alerts accepts "
                    + EventTypes.ALERTMANAGER_WEBHOOK + " events, not " + event.type()));
        }
        ingestion.ingest(webhook);
    }
}
