package io.autopilot.system.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.http.CloudEventGuard;
import io.autopilot.events.http.ProblemResponses;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The broker's HTTP face: {@code POST /broker} (the ingress, CloudEvents in either mode, 202), and read-only views of
 * what happened: {@code GET /broker/events}, {@code GET /broker/dead-letters}, {@code GET /broker/triggers}. The views
 * show context attributes and outcomes; {@code ?data=true} adds the payloads of events Autopilot's functions emitted
 * (the measured values behind a decision), never of inputs, which may carry secrets.
 */
@ApplicationScoped
public class BrokerRoutes {

    public static final String INGRESS = "/broker";

    @Inject
    InProcessBroker broker;

    void register(@Observes Router router) {
        // CloudEventGuard (order -99) has already read and validated the event on this path.
        router.route(INGRESS).order(-90).handler(this::ingress);
        router.get(INGRESS + "/events").handler(this::events);
        router.get(INGRESS + "/dead-letters").handler(this::deadLetters);
        router.get(INGRESS + "/triggers").handler(this::triggers);
    }

    void ingress(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ProblemResponses.send(ctx, ProblemTypes.methodNotAllowed("POST CloudEvents here; GET " + INGRESS
                    + "/events lists them"));
            return;
        }
        CloudEventEnvelope event = ctx.get(CloudEventGuard.EVENT);
        if (event == null) {
            ProblemResponses.send(ctx, ProblemTypes.unsupportedMediaType("the broker accepts only CloudEvents: "
                    + "ce-* headers (binary mode) or application/cloudevents+json (structured mode)"));
            return;
        }
        try {
            InProcessBroker.Acceptance acceptance = broker.accept(event);
            ctx.response().setStatusCode(202)
                    .putHeader("autopilot-acceptance", acceptance.name().toLowerCase(java.util.Locale.ROOT)).end();
        } catch (ProblemException e) {
            ctx.response().putHeader("retry-after", "1");
            ProblemResponses.send(ctx, e.problem());
        }
    }

    void events(RoutingContext ctx) {
        String type = ctx.request().getParam("type");
        String subject = ctx.request().getParam("subject");
        int limit = intParam(ctx, "limit", 100);
        boolean withData = "true".equals(ctx.request().getParam("data"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (EventRecord record : broker.recent()) {
            if ((type == null || type.equals(record.event.type()))
                    && (subject == null || subject.equals(record.event.subject())) && out.size() < limit) {
                Map<String, Object> view = eventView(record);
                if (withData) {
                    if (ownEvent(record.event)) {
                        view.put("data", dataView(record.event));
                    } else {
                        view.put("dataWithheld", "an input from outside Autopilot (it may carry secrets, e.g. a Secret "
                                + "object from an ApiServerSource): only events Autopilot's functions emitted show data");
                    }
                }
                out.add(view);
            }
        }
        json(ctx, out);
    }

    void deadLetters(RoutingContext ctx) {
        json(ctx, broker.deadLetters().stream().map(letter -> {
            Map<String, Object> view = attributes(letter.record().event);
            view.put("deadLetteredAt", letter.at().toString());
            view.put("delivery", deliveryView(letter.delivery()));
            return view;
        }).toList());
    }

    void triggers(RoutingContext ctx) {
        json(ctx, broker.routes().stream().map(route -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("trigger", route.trigger());
            view.put("file", "knative/" + route.file());
            view.put("filter", route.filter().toString());
            view.put("subscriber", route.service());
            view.put("function", route.function());
            view.put("retry", route.delivery().retry());
            view.put("backoffPolicy", route.delivery().exponential() ? "exponential" : "linear");
            view.put("backoffDelay", route.delivery().backoffDelay().toString());
            return view;
        }).toList());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper DATA_READER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Events Autopilot's functions emitted: their payloads are built to carry no key material or secrets (tested per
     * function). Inputs are not: an ApiServerSource in Resource mode sends whole Secrets.
     */
    private static boolean ownEvent(CloudEventEnvelope event) {
        return event.source() != null && event.source().startsWith("/autopilot/functions/");
    }

    /** {@code ?data=true}: the payload too, as JSON when it is JSON, else as text (the measured values a reader wants). */
    private static Object dataView(CloudEventEnvelope event) {
        if (!event.hasData()) {
            return null;
        }
        if (event.isJsonData()) {
            try {
                return DATA_READER.readTree(event.data());
            } catch (java.io.IOException e) {
                return event.dataAsString();
            }
        }
        return event.dataAsString();
    }

    private static Map<String, Object> eventView(EventRecord record) {
        Map<String, Object> view = attributes(record.event);
        view.put("receivedAt", record.receivedAt.toString());
        view.put("duplicates", record.duplicates.get());
        view.put("deliveries", record.deliveries.stream().map(BrokerRoutes::deliveryView).toList());
        return view;
    }

    private static Map<String, Object> attributes(CloudEventEnvelope event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", event.id());
        view.put("type", event.type());
        view.put("source", event.source());
        view.put("subject", event.subject());
        view.put("time", event.time());
        if (!event.extensions().isEmpty()) {
            view.put("extensions", event.extensions());
        }
        return view;
    }

    private static Map<String, Object> deliveryView(DeliveryRecord delivery) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("trigger", delivery.route.trigger());
        view.put("subscriber", delivery.route.service());
        view.put("outcome", delivery.outcome().wire());
        view.put("attempts", delivery.attempts());
        if (delivery.lastStatus() != null) {
            view.put("status", delivery.lastStatus());
        }
        if (delivery.lastError() != null) {
            view.put("error", delivery.lastError());
        }
        if (delivery.replyId() != null) {
            view.put("reply", Map.of("id", delivery.replyId(), "type", delivery.replyType()));
        }
        view.put("updatedAt", delivery.updatedAt().toString());
        return view;
    }

    private static int intParam(RoutingContext ctx, String name, int fallback) {
        String value = ctx.request().getParam(name);
        try {
            return value == null ? fallback : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemTypes.invalidField(null, name + " must be an integer, got " + value));
        }
    }

    private static void json(RoutingContext ctx, Object body) {
        ctx.response().putHeader("content-type", "application/json").end(Json.encodePrettily(body));
    }
}
