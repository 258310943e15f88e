package io.autopilot.events.testing;

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
 * Stands in for the Broker behind K_SINK during a function's tests: a real HTTP endpoint, {@code POST /test-sink}, that
 * reads what the function posts with the same reader the broker uses, so the events are checked on the wire, not in
 * memory. A bean of every app that has shared's test-jar on its test class path (the jar is a bean archive).
 */
@ApplicationScoped
public class CapturingSink {

    public static final List<CloudEventEnvelope> RECEIVED = new CopyOnWriteArrayList<>();
    /** While set, the sink answers 503, as a broker that cannot take events now. */
    public static volatile boolean unavailable;

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
    public static List<CloudEventEnvelope> ofType(String type) {
        return RECEIVED.stream().filter(e -> type.equals(e.type())).toList();
    }

    public static void reset() {
        RECEIVED.clear();
        unavailable = false;
    }
}
