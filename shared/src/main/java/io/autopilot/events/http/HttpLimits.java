package io.autopilot.events.http;

import org.eclipse.microprofile.config.ConfigProvider;

/** Request limits shared by every endpoint that reads a body. */
public final class HttpLimits {

    /** Key of the largest body accepted, in bytes. One CloudEvent or one Alertmanager message is far smaller. */
    public static final String MAX_BODY_BYTES = "autopilot.http.max-body-bytes";
    static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private HttpLimits() {
    }

    /**
     * The request body, refused with a 413 problem when over the limit. Checked here as well as in our body handlers
     * because Quarkus may install its own, larger-limit body handler first, after which ours stands aside.
     */
    public static byte[] body(io.vertx.ext.web.RoutingContext ctx) {
        io.vertx.core.buffer.Buffer buffer = ctx.body().buffer();
        long limit = maxBodyBytes();
        if (buffer != null && buffer.length() > limit) {
            throw new io.autopilot.events.ProblemException(io.autopilot.events.ProblemTypes.payloadTooLarge(limit));
        }
        return buffer == null ? new byte[0] : buffer.getBytes();
    }

    public static long maxBodyBytes() {
        return ConfigProvider.getConfig().getOptionalValue(MAX_BODY_BYTES, Long.class).orElse(DEFAULT_MAX_BODY_BYTES);
    }
}
