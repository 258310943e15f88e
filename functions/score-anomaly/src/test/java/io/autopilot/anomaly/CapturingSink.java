package io.autopilot.anomaly;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.CloudEventReader;
import io.autopilot.events.http.CloudEventGuard;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Stands in for the Broker behind K_SINK during tests: a real HTTP endpoint that reads what the function posts,
 * with the same reader the broker uses, so the events are checked on the wire, not in memory.
 */
@ApplicationScoped
public class CapturingSink {

    static final List<CloudEventEnvelope> RECEIVED = new CopyOnWriteArrayList<>();
    static volatile boolean unavailable;

    @Inject
    ObjectMapper mapper;

    void register(@Observes Router router) {
        router.post("/test-sink").handler(BodyHandler.create());
        router.post("/test-sink").handler(this::receive);
    }

    void receive(RoutingContext ctx) {
        if (unavailable) {
            ctx.response().setStatusCode(503).end();
            return;
        }
        RECEIVED.add(new CloudEventReader(mapper).read(CloudEventGuard.lowerCaseHeaders(ctx),
                ctx.body().buffer().getBytes()));
        ctx.response().setStatusCode(202).end();
    }

    /** The received events of one type, in arrival order. */
    static List<CloudEventEnvelope> ofType(String type) {
        return RECEIVED.stream().filter(e -> type.equals(e.type())).toList();
    }

    static void reset() {
        RECEIVED.clear();
        unavailable = false;
    }
}
