package io.autopilot.budget;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A minimal object store for the @QuarkusTest: serves the files under autopilot.check-budget.local-dir at
 * {@code /test-objects/<bucket>/<key>} over real HTTP, as GCS and S3 serve objects by path, so the GCS and S3
 * triggers run their real fetch code. (The S3-compatible server test, against s3proxy, is S3ProxyFetchTest.)
 */
@ApplicationScoped
public class TestObjects {

    void register(@Observes Router router) {
        router.get("/test-objects/*").handler(this::serve);
    }

    void serve(RoutingContext ctx) {
        Path root = Path.of(System.getProperty("autopilot.check-budget.local-dir"));
        Path file = root.resolve(ctx.request().path().substring("/test-objects/".length())).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        ctx.response().sendFile(file.toString());
    }
}
