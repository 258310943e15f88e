package io.autopilot.anomaly;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.anomaly.detect.Detectors;
import io.autopilot.anomaly.stream.StreamScorer;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.autopilot.events.testing.CapturingSink;
import io.autopilot.events.testing.CloudEvents;

/**
 * The sample stream against a real Kafka broker ({@link KafkaBroker}: kafka_2.13 4.1.1, single-node KRaft, in its own
 * JVM) that is restarted mid-stream. Every sample must be scored exactly once, counted per (series, timestamp) at
 * the sink: none lost across the restart, none scored twice even when records are delivered again, and the
 * detectors' state must be in the compacted state topic.
 */
@QuarkusTest
@TestProfile(SampleStreamKafkaTest.WithKafka.class)
class SampleStreamKafkaTest {

    public static class WithKafka implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaResource.class));
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> SERIES = List.of("app_latency_seconds{pod=\"a\"}", "app_latency_seconds{pod=\"b\"}");
    private static final int PER_RECORD = 3;
    /** The first record of each series carries this much history, so any detector's warm-up is over at the spike. */
    private static final int HISTORY = 300;
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(2));

    @BeforeEach
    void kafkaRuns() {
        CapturingSink.reset();
        Assumptions.assumeTrue(KafkaResource.broker != null, () -> "no Kafka broker: " + KafkaResource.failure);
    }

    @Test
    void scoresEverySampleExactlyOnceAcrossABrokerRestartAndRedeliveries() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (int r = 0; r < 6; r++) {
                for (String series : SERIES) {
                    producer.send(binary(series, r)).get(60, TimeUnit.SECONDS);
                }
            }
        }
        // Mid-stream: some records scored, the consumer busy and holding state, when the broker goes away.
        await().atMost(WAIT).until(() -> scoredCounts().size() >= 2 * (HISTORY + 2 * PER_RECORD));
        KafkaResource.broker.restart();

        try (KafkaProducer<String, String> producer = producer()) {
            for (int r = 6; r < 12; r++) {
                for (String series : SERIES) {
                    producer.send(r == 10 ? structured(series, r) : binary(series, r)).get(60, TimeUnit.SECONDS);
                }
            }
            // A producer retrying records it already sent (new event ids, same samples): nothing may be scored again.
            producer.send(binary(SERIES.get(0), 2)).get(60, TimeUnit.SECONDS);
            producer.send(binary(SERIES.get(0), 9)).get(60, TimeUnit.SECONDS);
            // A malformed record goes to the dead letters, with the reason, and does not stop the stream.
            producer.send(withNaN(SERIES.get(1))).get(60, TimeUnit.SECONDS);
            // One partition, in order: once the last record of each series is scored, everything before it is done.
            for (String series : SERIES) {
                producer.send(binary(series, 12)).get(60, TimeUnit.SECONDS);
            }
        }
        long last = time(12, 0).toEpochMilli();
        await().atMost(WAIT).until(() -> SERIES.stream().allMatch(s -> scoredCounts().containsKey(s + "@" + last)));

        Map<String, Integer> counts = scoredCounts();
        Map<String, Integer> expected = new TreeMap<>();
        for (String series : SERIES) {
            for (int r = 0; r <= 12; r++) {
                for (int k = 0; k < size(r); k++) {
                    expected.put(series + "@" + time(r, k).toEpochMilli(), 1);
                }
            }
        }
        assertEquals(expected, new TreeMap<>(counts), "every sample scored exactly once");

        List<ConsumerRecord<String, byte[]>> deadLetters = readAll("autopilot.metrics.samples.dead-letters", 1);
        assertEquals(1, deadLetters.size());
        String reason = new String(deadLetters.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("NaN"), reason);

        StreamScorer decoder = new StreamScorer(Detectors.standard());
        Map<String, byte[]> states = new HashMap<>();
        readAll("autopilot.score-anomaly.detector-state", 2).forEach(r -> states.put(r.key(), r.value()));
        for (String series : SERIES) {
            decoder.restore(series, states.get(series));
            assertEquals(last, decoder.lastTimestamp(series), "the saved state is at the last sample of " + series);
        }
        assertFalse(CapturingSink.ofType(EventTypes.ANOMALY_DETECTED).isEmpty(), "the spike of pod a was detected");
    }

    /** Per "series@epochMillis": how many scored events covered that sample. */
    private static Map<String, Integer> scoredCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (CloudEventEnvelope event : CapturingSink.ofType(EventTypes.ANOMALY_SCORED)) {
            JsonNode score = CloudEvents.data(event);
            for (JsonNode point : score.get("points")) {
                counts.merge(event.subject() + "@" + Instant.parse(point.get("at").asText()).toEpochMilli(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Samples in a record: the history first, then a few per record, the last record one. */
    private static int size(int record) {
        return record == 0 ? HISTORY : record == 12 ? 1 : PER_RECORD;
    }

    private static Instant time(int record, int k) {
        long index = record == 0 ? k : HISTORY + (long) (record - 1) * PER_RECORD + k;
        return T0.plus(Duration.ofMinutes(index));
    }

    private static ObjectNode samples(String series, int record) {
        ObjectNode data = CloudEvents.MAPPER.createObjectNode().put("seriesId", series);
        data.putObject("labels").put("__name__", "app_latency_seconds").put("pod", series.contains("\"a\"") ? "a" : "b");
        ArrayNode samples = data.putArray("samples");
        for (int k = 0; k < size(record); k++) {
            long i = time(record, k).getEpochSecond() / 60;
            double value = series.contains("\"a\"") && record == 8 ? 2.0 : 0.2 + 0.01 * Math.sin(i / 4.0);
            samples.addArray().add(time(record, k).getEpochSecond()).add(value);
        }
        return data;
    }

    private static ProducerRecord<String, String> binary(String series, int record) {
        ProducerRecord<String, String> out = new ProducerRecord<>(KafkaResource.TOPIC, series, samples(series, record).toString());
        header(out, "ce_specversion", "1.0");
        header(out, "ce_id", UUID.randomUUID().toString());
        header(out, "ce_source", "/test/kafka-producer");
        header(out, "ce_type", EventTypes.METRICS_SAMPLES);
        header(out, "ce_subject", series);
        header(out, "content-type", "application/json");
        return out;
    }

    private static ProducerRecord<String, String> structured(String series, int record) {
        ObjectNode event = CloudEvents.MAPPER.createObjectNode().put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString()).put("source", "/test/kafka-producer")
                .put("type", EventTypes.METRICS_SAMPLES).put("subject", series).put("datacontenttype", "application/json");
        event.set("data", samples(series, record));
        ProducerRecord<String, String> out = new ProducerRecord<>(KafkaResource.TOPIC, series, event.toString());
        header(out, "content-type", "application/cloudevents+json");
        return out;
    }

    private static ProducerRecord<String, String> withNaN(String series) {
        ProducerRecord<String, String> out = binary(series, 11);
        ObjectNode data = samples(series, 11);
        ((ArrayNode) data.get("samples").get(1)).set(1, CloudEvents.MAPPER.getNodeFactory().textNode("NaN"));
        return new ProducerRecord<>(out.topic(), null, out.key(), data.toString(), out.headers());
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (records.size() >= atLeast) {
                    // one more poll, so records beyond the minimum are seen too
                    consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
                    break;
                }
            }
        }
        return records;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
