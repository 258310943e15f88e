package io.autopilot.threat;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.CloudEventReader;
import io.autopilot.events.EventIds;
import io.autopilot.events.EventTypes;
import io.autopilot.events.JsonProblems;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.http.EventSink;
import io.autopilot.events.http.HttpLimits;
import io.autopilot.events.http.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /webhooks/falco}: the one way a Falco alert gets in. Accepts what Falcosidekick sends: its CloudEvents
 * output (binary or structured, {@code falco.rule.output.v1}) or the plain Falco JSON of its webhook output. The
 * request must be authenticated ({@link IntakeAuthenticator}); a refusal is 401 with a problem body, logged with the
 * peer address and the reason (never a secret or the body) and counted in {@code autopilot.threat.intake.rejected}.
 *
 * <p>An accepted alert is passed on as a {@code falco.rule.output.v1} CloudEvent (the sender's id and source, the
 * alert re-serialised canonically) with the intake's attestation extension, to the sink: the broker, whose Trigger
 * delivers it to the function. The function checks the attestation, so events published to the broker by anyone else
 * are refused the same way.
 */
@ApplicationScoped
public class FalcoIntakeRoute {

    public static final String PATH = "/webhooks/falco";
    public static final String FALCO_SOURCE = "https://falco.org";
    private static final Logger LOG = Logger.getLogger(FalcoIntakeRoute.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    EventSink sink;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "autopilot.respond-threat.hmac-secret")
    Optional<String> hmacSecret;

    @ConfigProperty(name = "autopilot.respond-threat.bearer-token")
    Optional<String> bearerToken;

    private IntakeAuthenticator authenticator;

    IntakeAuthenticator authenticator() {
        if (authenticator == null) {
            authenticator = new IntakeAuthenticator(hmacSecret, bearerToken);
        }
        return authenticator;
    }

    void register(@Observes Router router) {
        router.route(PATH).order(-50).handler(BodyHandler.create().setBodyLimit(HttpLimits.maxBodyBytes()));
        router.route(PATH).order(-49).blockingHandler(this::handle, false);
    }

    void handle(RoutingContext ctx) {
        try {
            if (ctx.request().method() != HttpMethod.POST) {
                throw new ProblemException(ProblemTypes.methodNotAllowed("Falco alerts are posted here; use POST"));
            }
            byte[] body = HttpLimits.body(ctx);
            try {
                authenticator().verify(ctx.request().getHeader(IntakeAuthenticator.SIGNATURE_HEADER),
                        ctx.request().getHeader("authorization"), body);
            } catch (IntakeAuthenticator.Rejected e) {
                reject(ctx, e);
                return;
            }
            CloudEventEnvelope event = intake(headers(ctx), body);
            sink.send(event);
            registry.counter("autopilot.threat.intake.accepted").increment();
            ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                    .end(Json.encode(Map.of("accepted", event.id(), "source", event.source(), "type", event.type())));
        } catch (ProblemException e) {
            ProblemResponses.send(ctx, e.problem());
        }
    }

    /** Logged and counted; the answer names the scheme to use, nothing about the secret. */
    private void reject(RoutingContext ctx, IntakeAuthenticator.Rejected e) {
        registry.counter("autopilot.threat.intake.rejected", "reason", e.reason()).increment();
        LOG.warnf("refused a Falco alert from %s: %s", ctx.request().remoteAddress(), e.reason());
        ctx.response().putHeader("www-authenticate", "Bearer realm=\"autopilot-falco\"");
        ProblemResponses.send(ctx, ProblemTypes.unauthorized(e.getMessage()));
    }

    /** The attested event for an authenticated request. */
    CloudEventEnvelope intake(Map<String, String> headers, byte[] body) {
        String time;
        byte[] data;
        if (CloudEventReader.looksLikeCloudEvent(headers)) {
            CloudEventEnvelope incoming = new CloudEventReader(mapper).read(headers, body);
            if (!EventTypes.FALCO_RULE_OUTPUT.equals(incoming.type())) {
                throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce-type", "this intake takes "
                        + EventTypes.FALCO_RULE_OUTPUT + " events, not " + incoming.type()));
            }
            time = incoming.time();
            data = incoming.data();
        } else {
            String contentType = headers.getOrDefault("content-type", "");
            String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!base.equals("application/json") && !base.endsWith("+json")) {
                throw new ProblemException(ProblemTypes.unsupportedMediaType("a Falco alert is application/json "
                        + "(or a CloudEvent); got " + (contentType.isEmpty() ? "no content-type" : contentType)));
            }
            time = null;
            data = body;
        }
        FalcoAlert alert = read(data);
        ThreatResponder.validate(alert);
        if (alert.time() != null) {
            time = OffsetDateTime.parse(alert.time()).toString(); // the signed time wins over ce-time
        }
        byte[] canonical;
        try {
            canonical = mapper.writeValueAsBytes(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Identity comes from what the signature covers, never from unsigned headers (ce-id, ce-source): a captured
        // request replayed under a new ce-id is still the same alert, and the responder acts on it once.
        // Falcosidekick gives every alert a uuid; without one, the alert's content is its identity.
        String id = alert.uuid() != null && !alert.uuid().isBlank() ? alert.uuid()
                : EventIds.derive(new String(canonical, java.nio.charset.StandardCharsets.UTF_8));
        String source = FALCO_SOURCE;
        Map<String, String> extensions = new LinkedHashMap<>();
        extensions.put(IntakeAuthenticator.ATTESTATION_EXTENSION, authenticator().attest(source, id, canonical));
        extensions.put("priority", alert.priority());
        extensions.put("rule", alert.rule());
        String subject = alert.namespace() != null && alert.pod() != null ? alert.namespace() + "/" + alert.pod() : null;
        return CloudEventEnvelope.json(id, EventTypes.FALCO_RULE_OUTPUT, source, subject, time, extensions, canonical);
    }

    private FalcoAlert read(byte[] data) {
        if (data == null || data.length == 0) {
            throw new ProblemException(ProblemTypes.malformedJson("", "the body is empty"));
        }
        try {
            return mapper.readValue(data, FalcoAlert.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(JsonProblems.from(e));
        } catch (IOException e) {
            throw new ProblemException(ProblemTypes.malformedJson("", "the body could not be read"));
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemTypes.invalidField("/time", e.getMessage()));
        }
    }

    private static Map<String, String> headers(RoutingContext ctx) {
        Map<String, String> headers = new HashMap<>();
        ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return headers;
    }
}
