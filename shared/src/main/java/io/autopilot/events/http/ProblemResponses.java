package io.autopilot.events.http;

import io.autopilot.events.Problem;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Writes a {@link Problem} as the HTTP answer. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        Problem withPath = problem.instance() == null ? problem.withInstance(ctx.request().path()) : problem;
        ctx.response()
                .setStatusCode(withPath.status())
                .putHeader("content-type", Problem.MEDIA_TYPE)
                .end(Json.encode(withPath));
    }
}
