package io.autopilot.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.AlertmanagerWebhook;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.JsonProblems;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.http.HttpLimits;
import io.autopilot.events.http.ProblemResponses;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /webhooks/alertmanager}: where Alertmanager's webhook receiver posts. Alertmanager speaks plain JSON, not
 * CloudEvents, so this is a plain HTTP endpoint beside the function's CloudEvent one.
 */
@ApplicationScoped
public class AlertmanagerWebhookRoute {

    public static final String PATH = "/webhooks/alertmanager";

    /**
     * When set, Alertmanager must send it as a bearer token ({@code http_config.authorization.credentials_file} in
     * its receiver): the endpoint can be reachable from outside the cluster, and an open one lets anyone raise alerts.
     */
    @ConfigProperty(name = "autopilot.ingest-alerts.webhook-token")
    Optional<String> token;

    @Inject
    ObjectMapper mapper;

    @Inject
    AlertIngestion ingestion;

    void register(@Observes Router router) {
        router.route(PATH).order(-50).handler(BodyHandler.create().setBodyLimit(HttpLimits.maxBodyBytes()));
        router.route(PATH).order(-49).blockingHandler(this::handle, false);
    }

    void handle(RoutingContext ctx) {
        try {
            if (ctx.request().method() != HttpMethod.POST) {
                throw new ProblemException(ProblemTypes.methodNotAllowed(
                        "Alertmanager posts its webhook here; use POST"));
            }
            authorize(ctx);
            List<CloudEventEnvelope> emitted = ingestion.ingest(read(ctx));
            ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
                    .end(Json.encode(Map.of("received", emitted.size(), "events",
                            emitted.stream().map(e -> Map.of("id", e.id(), "type", e.type(), "subject", e.subject()))
                                    .toList())));
        } catch (ProblemException e) {
            ProblemResponses.send(ctx, e.problem());
        }
    }

    private void authorize(RoutingContext ctx) {
        String expected = token.map(String::trim).orElse("");
        if (expected.isEmpty()) {
            return;
        }
        String header = ctx.request().getHeader("authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        // Constant-time, so the comparison leaks nothing about how much of a guess was right.
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            ctx.response().putHeader("www-authenticate", "Bearer realm=\"autopilot\"");
            throw new ProblemException(ProblemTypes.unauthorized(header == null
                    ? "this webhook requires Authorization: Bearer <token>"
                    : "the bearer token is not the configured webhook token"));
        }
    }

    private AlertmanagerWebhook read(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("content-type");
        String base = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals("application/json") && !base.endsWith("+json")) {
            throw new ProblemException(ProblemTypes.unsupportedMediaType("Alertmanager's webhook is application/json; got "
                    + (contentType == null ? "no content-type" : contentType)));
        }
        byte[] body = HttpLimits.body(ctx);
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new ProblemException(ProblemTypes.malformedJson("", "the body is empty"));
        }
        try {
            return mapper.readValue(body, AlertmanagerWebhook.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(JsonProblems.from(e));
        } catch (IOException e) {
            throw new ProblemException(ProblemTypes.malformedJson("", "the body could not be read"));
        }
    }
}
