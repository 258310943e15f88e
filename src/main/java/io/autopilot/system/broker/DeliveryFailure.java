package io.autopilot.system.broker;

/**
 * A delivery attempt that did not succeed, with the HTTP status a Knative subscriber would have answered.
 * Permanent failures (a 4xx: the function refused the event itself) skip the remaining retries.
 */
class DeliveryFailure extends RuntimeException {

    private final int status;
    private final boolean permanent;

    DeliveryFailure(int status, boolean permanent, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.permanent = permanent;
    }

    int status() {
        return status;
    }

    boolean permanent() {
        return permanent;
    }
}
