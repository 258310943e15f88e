package io.autopilot.anomaly.stream;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.CloudEventReader;

/**
 * Reads a Kafka record as a CloudEvent (Kafka protocol binding 1.0): binary mode carries the attributes as
 * {@code ce_*} headers and the data as the value; structured mode a {@code content-type:
 * application/cloudevents+json} header and the whole event as the value. What KafkaSource, SmallRye's outgoing
 * Kafka channels and the CloudEvents SDKs write. The binding's headers are mapped onto the HTTP binding's names and
 * read by the same reader as the broker's ingress, so a record is judged exactly as the same event over HTTP.
 */
final class KafkaCloudEvents {

    private KafkaCloudEvents() {
    }

    static CloudEventEnvelope read(ConsumerRecord<String, String> record, ObjectMapper mapper) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            String name = header.key().toLowerCase(Locale.ROOT);
            String value = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
            if (name.startsWith("ce_")) {
                headers.put("ce-" + name.substring(3), value);
            } else if (name.equals("content-type")) {
                headers.put("content-type", value);
            }
        }
        if (!headers.containsKey("content-type") && headers.containsKey("ce-specversion")) {
            headers.put("content-type", CloudEventEnvelope.JSON);
        }
        byte[] body = record.value() == null ? new byte[0] : record.value().getBytes(StandardCharsets.UTF_8);
        return new CloudEventReader(mapper).read(headers, body);
    }
}
