package io.autopilot.system.broker;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The in-process broker. Accepting an event means it is queued for every matching Trigger; from then on it is
 * delivered, retried per the Trigger's {@code delivery}, or kept as a dead letter: never dropped while the process
 * lives. Past {@code autopilot.broker.max-pending} deliveries in flight the ingress refuses new events with 503
 * instead of accepting more than it can hold.
 */
@ApplicationScoped
public class InProcessBroker {

    private static final Logger LOG = Logger.getLogger(InProcessBroker.class);

    /** What {@link #accept} did with an event. */
    public enum Acceptance {
        /** Queued for every matching Trigger (possibly none). */
        ACCEPTED,
        /** Same source and id as an event accepted before: acknowledged, not delivered again. */
        DUPLICATE
    }

    @ConfigProperty(name = "autopilot.knative.dir", defaultValue = "knative")
    Path knativeDir;

    @ConfigProperty(name = "autopilot.broker.name", defaultValue = "default")
    String brokerName;

    @ConfigProperty(name = "autopilot.broker.event-log-size", defaultValue = "1000")
    int eventLogSize;

    @ConfigProperty(name = "autopilot.broker.dedup-window", defaultValue = "10000")
    int dedupWindow;

    @ConfigProperty(name = "autopilot.broker.max-pending", defaultValue = "10000")
    int maxPending;

    @ConfigProperty(name = "autopilot.broker.workers", defaultValue = "4")
    int workers;

    @Inject
    FunctionDispatcher dispatcher;

    private RoutingTable table;
    private ScheduledExecutorService executor;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private final Deque<EventRecord> recent = new ArrayDeque<>();
    private final Map<String, EventRecord> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EventRecord> eldest) {
            return size() > dedupWindow;
        }
    };
    private final DeadLetters deadLetters = new DeadLetters();

    void start(@Observes StartupEvent startup) {
        table = RoutingTable.load(knativeDir, brokerName);
        for (TriggerRoute route : table.routes()) {
            if (!dispatcher.exists(route.function())) {
                throw new IllegalStateException(route.file() + ": Trigger " + route.trigger() + " delivers to function '"
                        + route.function() + "' (Service " + route.service() + "), which this runtime does not have");
            }
        }
        executor = Executors.newScheduledThreadPool(workers, r -> {
            Thread t = new Thread(r, "autopilot-broker");
            t.setDaemon(true);
            return t;
        });
        LOG.infof("broker '%s' routes by %d Trigger(s) from %s", brokerName, table.routes().size(),
                knativeDir.toAbsolutePath().normalize());
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS) || pending.get() > 0) {
            LOG.warnf("stopping with %d delivery(ies) not finished: in-memory, they are lost", pending.get());
        }
    }

    /** The ingress: refuses with 503 when the queue is full, so the producer keeps the event and retries. */
    public Acceptance accept(CloudEventEnvelope event) {
        if (pending.get() >= maxPending) {
            throw new ProblemException(ProblemTypes.unavailable("the broker has " + pending.get()
                    + " deliveries in flight (limit autopilot.broker.max-pending=" + maxPending + "); retry later"));
        }
        return publish(event);
    }

    /** Replies re-enter here without the ingress limit: their cause is already accepted and must not be lost. */
    private Acceptance publish(CloudEventEnvelope event) {
        EventRecord record;
        synchronized (this) {
            String key = event.source() + '\u0000' + event.id();
            EventRecord earlier = seen.get(key);
            if (earlier != null) {
                earlier.duplicates.incrementAndGet();
                return Acceptance.DUPLICATE;
            }
            List<DeliveryRecord> deliveries = table.matching(event).stream().map(DeliveryRecord::new).toList();
            record = new EventRecord(sequence.incrementAndGet(), event, deliveries);
            seen.put(key, record);
            recent.addFirst(record);
            while (recent.size() > eventLogSize) {
                recent.removeLast();
            }
            pending.addAndGet(deliveries.size());
        }
        for (DeliveryRecord delivery : record.deliveries) {
            executor.execute(() -> attempt(record, delivery));
        }
        return Acceptance.ACCEPTED;
    }

    private void attempt(EventRecord record, DeliveryRecord delivery) {
        DeliverySpec spec = delivery.route.delivery();
        try {
            Optional<CloudEventEnvelope> reply = dispatcher.deliver(delivery.route.function(), record.event, spec.timeout());
            delivery.attempted(DeliveryRecord.Outcome.DELIVERED, reply.isPresent() ? 200 : 204, null);
            reply.ifPresent(r -> {
                delivery.replied(r.id(), r.type());
                publish(r);
            });
            pending.decrementAndGet();
        } catch (RuntimeException e) {
            DeliveryFailure failure = e instanceof DeliveryFailure f ? f
                    : new DeliveryFailure(500, false, "the broker could not deliver: " + e, e);
            boolean retry = !failure.permanent() && delivery.attempts() < spec.retry();
            if (retry) {
                delivery.attempted(DeliveryRecord.Outcome.RETRYING, failure.status(), failure.getMessage());
                executor.schedule(() -> attempt(record, delivery), spec.backoff(delivery.attempts()).toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                delivery.attempted(DeliveryRecord.Outcome.DEAD_LETTERED, failure.status(), failure.getMessage());
                deadLetters.add(record, delivery);
                pending.decrementAndGet();
                LOG.warnf("dead letter: event %s (%s from %s) at Trigger %s after %d attempt(s): %s", record.event.id(),
                        record.event.type(), record.event.source(), delivery.route.trigger(), delivery.attempts(),
                        failure.getMessage());
            }
        }
    }

    /** Recent events, newest first. */
    public synchronized List<EventRecord> recent() {
        return new ArrayList<>(recent);
    }

    public List<DeadLetters.DeadLetter> deadLetters() {
        return deadLetters.list();
    }

    List<TriggerRoute> routes() {
        return table.routes();
    }

    public int pendingDeliveries() {
        return pending.get();
    }
}
