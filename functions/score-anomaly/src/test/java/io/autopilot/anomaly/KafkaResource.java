package io.autopilot.anomaly;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real {@link KafkaBroker} before the application and turns the sample stream on against it. When the
 * broker's class path cannot be resolved (an offline machine) the stream stays off and the tests skip; in CI
 * (env {@code CI} set) that is a failure instead.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String TOPIC = "autopilot.metrics.samples";
    static volatile KafkaBroker broker;
    static volatile Exception failure;

    @Override
    public Map<String, String> start() {
        try {
            broker = KafkaBroker.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("could not start the Kafka broker", e);
            }
            failure = e;
            return Map.of();
        }
        return Map.of("autopilot.score-anomaly.kafka.enabled", "true",
                "autopilot.score-anomaly.kafka.bootstrap-servers", broker.bootstrapServers(),
                "autopilot.score-anomaly.kafka.topic", TOPIC,
                // quicker offset commits, so the restart finds most offsets committed and some not
                "mp.messaging.incoming.score-anomaly-samples.auto.commit.interval.ms", "500");
    }

    @Override
    public void stop() {
        if (broker != null) {
            try {
                broker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
