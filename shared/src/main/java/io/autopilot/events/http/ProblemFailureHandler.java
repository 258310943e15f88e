package io.autopilot.events.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.autopilot.events.JsonProblems;
import io.autopilot.events.Problem;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders every failed request as an RFC 9457 problem. Funqy and Vert.x fail requests with bare status codes
 * (a 500 for data that does not bind, a 413 with no body); callers deserve to know what to fix.
 */
@ApplicationScoped
public class ProblemFailureHandler {

    private static final Logger LOG = Logger.getLogger(ProblemFailureHandler.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        ProblemResponses.send(ctx, toProblem(ctx.failure(), ctx.statusCode(), ctx.request().method().name()));
    }

    static Problem toProblem(Throwable failure, int status, String method) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return problem.problem();
            }
            if (t instanceof JsonProcessingException json) {
                return JsonProblems.from(json);
            }
        }
        return switch (status) {
            case 400 -> ProblemTypes.malformedJson("", "the request could not be read");
            case 404 -> ProblemTypes.notFound("no function or endpoint handles this request");
            case 405 -> ProblemTypes.methodNotAllowed(method + " is not allowed here");
            case 406, 415 -> ProblemTypes.unsupportedMediaType("this endpoint does not accept that content type");
            case 413 -> ProblemTypes.payloadTooLarge(HttpLimits.maxBodyBytes());
            default -> {
                LOG.error("request failed", failure);
                yield ProblemTypes.internal("the request failed inside the function; see its log");
            }
        };
    }
}
