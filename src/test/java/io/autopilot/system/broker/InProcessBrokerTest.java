package io.autopilot.system.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.ProblemException;

/**
 * The broker's delivery semantics, driven through a dispatcher whose answers the test scripts: the real functions
 * cannot be made to fail on cue, and retry timing is the broker's own logic, not theirs.
 */
class InProcessBrokerTest {

    @TempDir
    Path dir;

    private InProcessBroker broker;
    private final ScriptedDispatcher dispatcher = new ScriptedDispatcher();

    @AfterEach
    void stop() throws InterruptedException {
        if (broker != null) {
            broker.stop(null);
        }
    }

    private void start(String triggers, int maxPending) throws IOException {
        Files.writeString(dir.resolve("m.yaml"), String.join("---\n", RoutingTableTest.BROKER
                .replace("retry: 5, backoffPolicy: linear, backoffDelay: PT0.5S", "retry: 2, backoffPolicy: linear, backoffDelay: PT0.01S"),
                RoutingTableTest.service("a", "fa"), RoutingTableTest.service("b", "fb"), triggers));
        broker = new InProcessBroker();
        broker.knativeDir = dir;
        broker.brokerName = "default";
        broker.eventLogSize = 100;
        broker.dedupWindow = 100;
        broker.maxPending = maxPending;
        broker.workers = 2;
        broker.dispatcher = dispatcher;
        broker.start(null);
    }

    private static CloudEventEnvelope event(String id, String type) {
        return CloudEventEnvelope.json(id, type, "/test", "s", null, Map.of(), "{}".getBytes());
    }

    private EventRecord record(String id) {
        return broker.recent().stream().filter(r -> r.event.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void deliversOneEventToEveryMatchingTrigger() throws IOException {
        start(RoutingTableTest.trigger("ta", "a", "filter:\n  attributes: {type: x}") + "---\n"
                + RoutingTableTest.trigger("tb", "b", "filter:\n  attributes: {type: x}"), 100);
        assertEquals(InProcessBroker.Acceptance.ACCEPTED, broker.accept(event("e1", "x")));
        await().atMost(Duration.ofSeconds(5)).until(() -> record("e1").settled());
        assertEquals(List.of("fa", "fb"), dispatcher.calls.stream().map(c -> c.split(":")[0]).sorted().toList());
        record("e1").deliveries.forEach(d -> assertEquals(DeliveryRecord.Outcome.DELIVERED, d.outcome()));
    }

    @Test
    void retriesPerTheDeliverySpecThenKeepsADeadLetter() throws IOException {
        start(RoutingTableTest.trigger("ta", "a", "filter:\n  attributes: {type: x}"), 100);
        dispatcher.script.put("fa", e -> {
            throw new DeliveryFailure(503, false, "down", null);
        });
        broker.accept(event("e2", "x"));
        await().atMost(Duration.ofSeconds(5)).until(() -> record("e2").settled());
        DeliveryRecord delivery = record("e2").deliveries.get(0);
        assertEquals(DeliveryRecord.Outcome.DEAD_LETTERED, delivery.outcome());
        assertEquals(3, delivery.attempts(), "one attempt plus retry: 2");
        assertEquals(503, delivery.lastStatus());
        assertEquals(1, broker.deadLetters().size());
        assertEquals(0, broker.pendingDeliveries());
    }

    @Test
    void recoversWhenARetrySucceeds() throws IOException {
        start(RoutingTableTest.trigger("ta", "a", "filter:\n  attributes: {type: x}"), 100);
        AtomicInteger tries = new AtomicInteger();
        dispatcher.script.put("fa", e -> {
            if (tries.incrementAndGet() == 1) {
                throw new DeliveryFailure(500, false, "first try fails", null);
            }
            return Optional.empty();
        });
        broker.accept(event("e3", "x"));
        await().atMost(Duration.ofSeconds(5)).until(() -> record("e3").settled());
        assertEquals(DeliveryRecord.Outcome.DELIVERED, record("e3").deliveries.get(0).outcome());
        assertEquals(2, record("e3").deliveries.get(0).attempts());
        assertEquals(0, broker.deadLetters().size());
    }

    @Test
    void deadLettersARefusedEventWithoutRetrying() throws IOException {
        start(RoutingTableTest.trigger("ta", "a", "filter:\n  attributes: {type: x}"), 100);
        dispatcher.script.put("fa", e -> {
            throw new DeliveryFailure(400, true, "bad data", null);
        });
        broker.accept(event("e4", "x"));
        await().atMost(Duration.ofSeconds(5)).until(() -> record("e4").settled());
        assertEquals(1, record("e4").deliveries.get(0).attempts());
        assertEquals(DeliveryRecord.Outcome.DEAD_LETTERED, record("e4").deliveries.get(0).outcome());
    }

    @Test
    void reInjectsAReplyAndRoutesItOnward() throws IOException {
        start(RoutingTableTest.trigger("ta", "a", "filter:\n  attributes: {type: x}") + "---\n"
                + RoutingTableTest.trigger("tb", "b", "filter:\n  attributes: {type: y}"), 100);
        dispatcher.script.put("fa", e -> Optional.of(event("reply-of-" + e.id(), "y")));
        broker.accept(event("e5", "x"));
        await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.calls.contains("fb:reply-of-e5"));
        assertEquals("reply-of-e5", record("e5").deliveries.get(0).replyId());
    }

    @Test
    void acknowledgesADuplicateWithoutDeliveringItAgain() throws IOException {
        start(RoutingTableTest.trigger("ta", "a", "filter:\n  attributes: {type: x}"), 100);
        broker.accept(event("e6", "x"));
        assertEquals(InProcessBroker.Acceptance.DUPLICATE, broker.accept(event("e6", "x")));
        await().atMost(Duration.ofSeconds(5)).until(() -> record("e6").settled());
        assertEquals(1, dispatcher.calls.stream().filter(c -> c.endsWith(":e6")).count());
        assertEquals(1, record("e6").duplicates.get());
    }

    @Test
    void refusesNewEventsWith503WhenTooManyDeliveriesAreInFlight() throws Exception {
        start(RoutingTableTest.trigger("ta", "a", "filter:\n  attributes: {type: x}"), 1);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.script.put("fa", e -> {
            awaitLatch(release);
            return Optional.empty();
        });
        broker.accept(event("e7", "x"));
        ProblemException e = assertThrows(ProblemException.class, () -> broker.accept(event("e8", "x")));
        assertEquals(503, e.problem().status());
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> record("e7").settled());
        assertEquals(InProcessBroker.Acceptance.ACCEPTED, broker.accept(event("e8", "x")));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records every call as "function:eventId" and answers per function as scripted (default: no reply). */
    static final class ScriptedDispatcher implements FunctionDispatcher {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, Function<CloudEventEnvelope, Optional<CloudEventEnvelope>>> script = new ConcurrentHashMap<>();

        @Override
        public Optional<CloudEventEnvelope> deliver(String function, CloudEventEnvelope event, Duration timeout) {
            calls.add(function + ":" + event.id());
            return script.getOrDefault(function, e -> Optional.empty()).apply(event);
        }

        @Override
        public boolean exists(String function) {
            return true;
        }
    }
}
