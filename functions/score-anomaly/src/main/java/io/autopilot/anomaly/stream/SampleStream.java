package io.autopilot.anomaly.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.anomaly.AnomalyEvents;
import io.autopilot.anomaly.SampleBatches;
import io.autopilot.anomaly.SampleScoring;
import io.autopilot.anomaly.ScoringSettings;
import io.autopilot.events.AnomalyScore;
import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventTypes;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;
import io.autopilot.events.http.EventSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The Kafka face of score-anomaly: {@code io.autopilot.metrics.samples} CloudEvents on a topic keyed by series id
 * (so one series stays on one partition, in order), scored with per-series state that survives restarts.
 *
 * <p>Per record, in this order: score the samples newer than the series' last scored one (on a copy of its
 * detector); send the scored (and detected) events to the sink, retrying while it is unavailable; save the new
 * state to the compacted state topic and wait for the broker's acknowledgement; commit the state in memory; return,
 * which acknowledges the record so its offset may be committed. On every partition assignment the state topic is
 * read back first. So a record redelivered after a broker restart, a rebalance or a crash finds its samples already
 * scored and skips them; the one window where a sample can be sent twice (events sent, process killed before the
 * state is saved) re-sends the same event ids, which the broker drops as duplicates.
 *
 * <p>A record that is not a valid samples event is refused (nack) and goes to the dead-letter topic with the
 * reason, never silently dropped. Off unless {@code autopilot.score-anomaly.kafka.enabled=true}.
 */
@ApplicationScoped
@Identifier(SampleStream.REBALANCE_LISTENER)
public class SampleStream implements KafkaConsumerRebalanceListener {

    public static final String CHANNEL = "score-anomaly-samples";
    public static final String REBALANCE_LISTENER = "score-anomaly-state";

    private static final Logger LOG = Logger.getLogger(SampleStream.class);

    @Inject
    ScoringSettings settings;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventSink sink;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "autopilot.score-anomaly.kafka.bootstrap-servers")
    String bootstrapServers;

    @ConfigProperty(name = "autopilot.score-anomaly.kafka.state-topic")
    String stateTopic;

    @ConfigProperty(name = "autopilot.score-anomaly.kafka.state-timeout")
    Duration stateTimeout;

    private volatile StreamScorer scorer;
    private volatile DetectorStateStore store;
    private volatile boolean stopping;
    private volatile boolean restoreNeeded = true;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        CloudEventEnvelope event = KafkaCloudEvents.read(record, mapper);
        if (!EventTypes.METRICS_SAMPLES.equals(event.type())) {
            throw new ProblemException(ProblemTypes.invalidCloudEventHeader("ce_type", "the samples topic carries "
                    + EventTypes.METRICS_SAMPLES + " events, not " + event.type()));
        }
        SampleBatches.Batch batch = SampleBatches.validate(json(event));
        if (restoreNeeded) {
            untilDone("reading the state topic back", this::restore);
        }
        StreamScorer.Pending pending = scorer().score(batch.series());
        if (pending.scoredAny()) {
            AnomalyScore score = SampleScoring.toScore(pending.fresh(), batch.kind(), pending.result(),
                    settings.threshold(), settings.detectors().name());
            List<CloudEventEnvelope> events = new AnomalyEvents(mapper).events(score, batch.series().id(),
                    List.of(EventTypes.ANOMALY_SCORED, "kafka", pending.seriesId(),
                            String.valueOf(pending.fresh().times()[0]),
                            String.valueOf(pending.fresh().times()[pending.fresh().size() - 1])),
                    Map.of());
            for (CloudEventEnvelope e : events) {
                untilDone("sending " + e.id() + " to the sink", () -> sink.send(e));
            }
            byte[] state = scorer().encode(pending.state());
            untilDone("saving the state of " + pending.seriesId(), () -> store().save(pending.seriesId(), state));
            registry.counter("autopilot.anomaly.stream.samples", "outcome", "scored").increment(pending.fresh().size());
        }
        if (pending.skipped() > 0) {
            registry.counter("autopilot.anomaly.stream.samples", "outcome", "skipped").increment(pending.skipped());
            LOG.debugf("series %s: skipped %d sample(s) scored before (redelivery)", pending.seriesId(), pending.skipped());
        }
        scorer().commit(pending);
    }

    /** Reads the saved states back before the first record of newly assigned partitions is delivered. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        restoreNeeded = true;
        try {
            restore();
        } catch (RuntimeException e) {
            // Never fail the poll loop: the next record reads the state back before it is scored.
            LOG.warnf("partitions %s assigned, state topic not read yet (%s); retrying before the next record",
                    partitions, e.getMessage());
        }
    }

    private void restore() {
        int read = store().restoreInto(scorer());
        restoreNeeded = false;
        LOG.infof("read %d state record(s) from %s, %d series known", read, stateTopic, scorer().seriesCount());
    }

    /**
     * Runs an infrastructure step (sink, state topic) until it succeeds: the record is good, so it must not go to the
     * dead letters because Kafka or the broker is briefly away. The partition waits meanwhile, in order. Only on
     * shutdown does the failure propagate: the record is then not acknowledged and is redelivered after the restart.
     */
    private void untilDone(String what, Runnable step) {
        long backoff = 250;
        while (true) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                if (stopping || e instanceof ProblemException p && p.isPermanent()) {
                    throw e;
                }
                LOG.warnf("%s failed (%s); retrying in %d ms", what, e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    private JsonNode json(CloudEventEnvelope event) {
        if (!event.hasData() || !event.isJsonData()) {
            throw new ProblemException(ProblemTypes.invalidField("", "a samples event carries MetricSamples as JSON data"));
        }
        try {
            return mapper.readTree(event.data());
        } catch (IOException e) {
            throw new ProblemException(ProblemTypes.malformedJson("", "the data is not JSON"));
        }
    }

    private StreamScorer scorer() {
        StreamScorer current = scorer;
        if (current == null) {
            synchronized (this) {
                if (scorer == null) {
                    scorer = new StreamScorer(settings.detectors());
                }
                current = scorer;
            }
        }
        return current;
    }

    private DetectorStateStore store() {
        DetectorStateStore current = store;
        if (current == null) {
            synchronized (this) {
                if (store == null) {
                    DetectorStateStore created = new DetectorStateStore(bootstrapServers, stateTopic, stateTimeout);
                    created.ensureTopic();
                    store = created;
                }
                current = store;
            }
        }
        return current;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (store != null) {
            store.close();
        }
    }
}
