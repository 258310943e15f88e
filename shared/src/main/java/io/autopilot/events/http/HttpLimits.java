package io.autopilot.events.http;

import org.eclipse.microprofile.config.ConfigProvider;

/** Request limits shared by every endpoint that reads a body. */
public final class HttpLimits {

    /** Key of the largest body accepted, in bytes. One CloudEvent or one Alertmanager message is far smaller. */
    public static final String MAX_BODY_BYTES = "autopilot.http.max-body-bytes";
    static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private HttpLimits() {
    }

    public static long maxBodyBytes() {
        return ConfigProvider.getConfig().getOptionalValue(MAX_BODY_BYTES, Long.class).orElse(DEFAULT_MAX_BODY_BYTES);
    }
}
