package io.autopilot.compliance;

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

/** Stands in for the Broker behind K_SINK: a real HTTP endpoint reading what the function posts, as the broker would. */
@ApplicationScoped
public class CapturingSink {

    static final List<CloudEventEnvelope> RECEIVED = new CopyOnWriteArrayList<>();

    @Inject
    ObjectMapper mapper;

    void register(@Observes Router router) {
        router.post("/test-sink").handler(BodyHandler.create());
        router.post("/test-sink").handler(this::receive);
    }

    void receive(RoutingContext ctx) {
        RECEIVED.add(new CloudEventReader(mapper).read(CloudEventGuard.lowerCaseHeaders(ctx),
                ctx.body().buffer().getBytes()));
        ctx.response().setStatusCode(202).end();
    }

    static List<CloudEventEnvelope> ofType(String type) {
        return RECEIVED.stream().filter(e -> e.type().equals(type)).toList();
    }

    static void reset() {
        RECEIVED.clear();
    }
}
