package io.autopilot.system.broker;

import java.time.Duration;

/**
 * A Trigger's (or the Broker's default) {@code spec.delivery}: how often to retry a failed delivery and how long to
 * wait between tries before the event becomes a dead letter.
 *
 * @param retry retries after the first attempt (Knative's {@code retry})
 * @param exponential {@code backoffPolicy: exponential} (else linear)
 * @param backoffDelay the base delay ({@code backoffDelay}, ISO-8601)
 * @param timeout how long one attempt may take ({@code timeout})
 */
record DeliverySpec(int retry, boolean exponential, Duration backoffDelay, Duration timeout) {

    /** Knative's own defaults when neither the Trigger nor the Broker says anything. */
    static final DeliverySpec KNATIVE_DEFAULT = new DeliverySpec(0, true, Duration.ofMillis(200), Duration.ofSeconds(60));

    /**
     * The wait before retry number {@code attempt} (1-based), as Knative's dispatcher computes it: linear is
     * {@code delay * attempt}, exponential {@code delay * 2^attempt}.
     */
    Duration backoff(int attempt) {
        long base = backoffDelay.toMillis();
        long millis = exponential ? base * (1L << Math.min(attempt, 20)) : base * attempt;
        return Duration.ofMillis(millis);
    }
}
