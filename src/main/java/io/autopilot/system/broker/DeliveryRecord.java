package io.autopilot.system.broker;

import java.time.Instant;

/** What happened to one event at one Trigger: mutable, updated by the delivery thread, read by the event list. */
final class DeliveryRecord {

    enum Outcome {
        PENDING, DELIVERED, RETRYING, DEAD_LETTERED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    final TriggerRoute route;
    private volatile Outcome outcome = Outcome.PENDING;
    private volatile int attempts;
    private volatile Integer lastStatus;
    private volatile String lastError;
    private volatile String replyId;
    private volatile String replyType;
    private volatile Instant updatedAt = Instant.now();

    DeliveryRecord(TriggerRoute route) {
        this.route = route;
    }

    synchronized void attempted(Outcome next, Integer status, String error) {
        attempts++;
        outcome = next;
        lastStatus = status;
        lastError = error;
        updatedAt = Instant.now();
    }

    synchronized void replied(String id, String type) {
        replyId = id;
        replyType = type;
    }

    Outcome outcome() {
        return outcome;
    }

    int attempts() {
        return attempts;
    }

    Integer lastStatus() {
        return lastStatus;
    }

    String lastError() {
        return lastError;
    }

    String replyId() {
        return replyId;
    }

    String replyType() {
        return replyType;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
