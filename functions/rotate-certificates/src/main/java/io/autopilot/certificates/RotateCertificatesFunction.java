package io.autopilot.certificates;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/**
 * The CloudEvent face of rotate-certificates. Secret events (ApiServerSource) answer with the rotation, if one was
 * due; a ping answers with the inventory, the per-certificate rotations and expiry warnings going to the sink (one
 * reply carries one event).
 */
public class RotateCertificatesFunction {

    @Inject
    RotationService service;

    @Inject
    ObjectMapper mapper;

    @Funq
    @EventContract(consumes = { EventTypes.APISERVER_RESOURCE_ADD, EventTypes.APISERVER_RESOURCE_UPDATE,
            EventTypes.APISERVER_RESOURCE_DELETE, EventTypes.PING },
            emits = { EventTypes.CERTIFICATE_ROTATED, EventTypes.CERTIFICATE_EXPIRING, EventTypes.CERTIFICATE_INVENTORY })
    public CloudEvent<JsonNode> rotateCertificates(CloudEvent<JsonNode> event) {
        CloudEventEnvelope reply = switch (event.type()) {
            case EventTypes.APISERVER_RESOURCE_ADD, EventTypes.APISERVER_RESOURCE_UPDATE,
                    EventTypes.APISERVER_RESOURCE_DELETE -> service.onSecretEvent(event.type(), event.source(),
                            event.id(), event.data());
            case EventTypes.PING -> {
                JsonNode data = event.data();
                if (data != null && !data.isNull() && !data.isObject() && !data.isTextual()) {
                    throw new ProblemException(ProblemTypes.invalidField("", "a ping's data must be a JSON object "
                            + "(it is ignored), not " + data.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
                }
                yield service.onPing(event.source(), event.id());
            }
            default -> throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type",
                    "rotate-certificates does not handle " + event.type()));
        };
        if (reply == null) {
            return null;
        }
        try {
            return CloudEventBuilder.create().id(reply.id()).type(reply.type()).source(reply.source())
                    .subject(reply.subject()).time(OffsetDateTime.parse(reply.time()))
                    .build(mapper.readTree(reply.data()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
