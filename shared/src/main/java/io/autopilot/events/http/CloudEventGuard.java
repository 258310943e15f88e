package io.autopilot.events.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.CloudEventReader;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Validates every CloudEvent POSTed to a function (Funqy serves them on {@code /} and {@code /<function>}) before
 * Funqy sees it. Funqy answers a structured event without {@code type} with a 500 and lets one without {@code source}
 * through; here both get a 400 naming the attribute. The parsed event is left on the routing context under
 * {@link #EVENT} for handlers that want it.
 */
@ApplicationScoped
public class CloudEventGuard {

    /** Routing-context key of the {@link CloudEventEnvelope} read from a valid request. */
    public static final String EVENT = "autopilot.cloudevent";

    private static final String FUNCTION_PATHS = "^/([A-Za-z][A-Za-z0-9]*)?$";

    @Inject
    ObjectMapper mapper;

    void register(@Observes Router router) {
        router.routeWithRegex(FUNCTION_PATHS).order(-100)
                .handler(BodyHandler.create().setBodyLimit(HttpLimits.maxBodyBytes()));
        router.routeWithRegex(FUNCTION_PATHS).order(-99).handler(this::guard);
    }

    void guard(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        Map<String, String> headers = lowerCaseHeaders(ctx);
        if (!CloudEventReader.looksLikeCloudEvent(headers)) {
            String contentType = headers.getOrDefault("content-type", "");
            if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                ctx.next(); // a plain Funqy HTTP call
                return;
            }
            ProblemResponses.send(ctx, ProblemTypes.unsupportedMediaType("send a CloudEvent (ce-* headers, or "
                    + "application/cloudevents+json) or application/json; got "
                    + (contentType.isEmpty() ? "no content-type" : contentType)));
            return;
        }
        try {
            byte[] body = HttpLimits.body(ctx);
            CloudEventEnvelope event = new CloudEventReader(mapper).read(headers, body);
            ctx.put(EVENT, event);
            ctx.next();
        } catch (ProblemException e) {
            ProblemResponses.send(ctx, e.problem());
        }
    }

    /** HTTP header names are case-insensitive; CloudEvents attribute names are lower case. */
    public static Map<String, String> lowerCaseHeaders(RoutingContext ctx) {
        Map<String, String> headers = new HashMap<>();
        ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return headers;
    }
}
