package io.autopilot.system.broker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Events a Trigger gave up on, the embedded stand-in for a Trigger's {@code deadLetterSink}. Kept for the life of the
 * process and logged when they arrive, so an event that could not be delivered is never silently gone.
 */
public final class DeadLetters {

    /** One event that exhausted its Trigger's delivery attempts or was refused outright by the function. */
    public record DeadLetter(EventRecord record, DeliveryRecord delivery, Instant at) {
    }

    private final List<DeadLetter> letters = new ArrayList<>();

    synchronized void add(EventRecord record, DeliveryRecord delivery) {
        letters.add(new DeadLetter(record, delivery, Instant.now()));
    }

    synchronized List<DeadLetter> list() {
        return List.copyOf(letters);
    }
}
