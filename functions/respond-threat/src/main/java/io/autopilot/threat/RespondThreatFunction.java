package io.autopilot.threat;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The CloudEvent face of respond-threat: Falco alerts the broker delivers. Only alerts that passed the authenticated
 * intake carry a valid attestation ({@link IntakeAuthenticator}); any other is answered 401 and recorded, exactly as
 * an unauthenticated request to the intake is. Responses go to the sink (one event per action).
 */
public class RespondThreatFunction {

    private static final Logger LOG = Logger.getLogger(RespondThreatFunction.class);

    @Inject
    ThreatResponder responder;

    @Inject
    FalcoIntakeRoute intake;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @Funq
    @EventContract(consumes = EventTypes.FALCO_RULE_OUTPUT, emits = EventTypes.THREAT_RESPONDED)
    public void respondThreat(CloudEvent<FalcoAlert> event) {
        if (!EventTypes.FALCO_RULE_OUTPUT.equals(event.type())) {
            throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type", "respond-threat accepts "
                    + EventTypes.FALCO_RULE_OUTPUT + " events, not " + event.type()));
        }
        ThreatResponder.validate(event.data());
        try {
            String attestation = event.extensions() == null ? null
                    : event.extensions().get(IntakeAuthenticator.ATTESTATION_EXTENSION);
            intake.authenticator().verifyAttestation(attestation, event.source(), event.id(),
                    mapper.writeValueAsBytes(event.data()));
        } catch (IntakeAuthenticator.Rejected e) {
            registry.counter("autopilot.threat.intake.rejected", "reason", e.reason()).increment();
            LOG.warnf("refused Falco event %s from %s: %s", event.id(), event.source(), e.reason());
            throw new ProblemException(ProblemTypes.unauthorized(e.getMessage()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        responder.respond(event.source(), event.id(), event.data());
    }
}
