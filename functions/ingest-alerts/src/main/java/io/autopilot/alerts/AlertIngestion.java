package io.autopilot.alerts;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.AlertmanagerWebhook;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.http.EventSink;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Validates a whole webhook message, then emits its alert events in order. Returns only after the sink took every
 * one, so answering 2xx means nothing is lost; if the sink fails part-way the caller answers 503, Alertmanager
 * retries the message, and the repeated events carry the same ids, so nothing is doubled either.
 */
@ApplicationScoped
public class AlertIngestion {

    private final EventSink sink;
    private final AlertEventFactory events;
    private final MeterRegistry registry;

    @Inject
    AlertIngestion(EventSink sink, ObjectMapper mapper, MeterRegistry registry) {
        this.sink = sink;
        this.events = new AlertEventFactory(mapper);
        this.registry = registry;
    }

    public List<CloudEventEnvelope> ingest(AlertmanagerWebhook webhook) {
        List<CloudEventEnvelope> out = WebhookValidator.validate(webhook).stream().map(events::toEvent).toList();
        for (CloudEventEnvelope event : out) {
            sink.send(event);
            registry.counter("autopilot.alerts.emitted", "type", event.type()).increment();
        }
        return out;
    }
}
