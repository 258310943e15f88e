package io.autopilot.system.broker;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.autopilot.events.CloudEventEnvelope;

/** One accepted event and its delivery at every matching Trigger. */
final class EventRecord {

    final long sequence;
    final CloudEventEnvelope event;
    final Instant receivedAt = Instant.now();
    final List<DeliveryRecord> deliveries;
    final AtomicInteger duplicates = new AtomicInteger();

    EventRecord(long sequence, CloudEventEnvelope event, List<DeliveryRecord> deliveries) {
        this.sequence = sequence;
        this.event = event;
        this.deliveries = List.copyOf(deliveries);
    }

    boolean settled() {
        return deliveries.stream().allMatch(d -> d.outcome() == DeliveryRecord.Outcome.DELIVERED
                || d.outcome() == DeliveryRecord.Outcome.DEAD_LETTERED);
    }
}
