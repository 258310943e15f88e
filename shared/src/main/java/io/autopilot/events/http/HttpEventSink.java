package io.autopilot.events.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.CloudEventWriter;
import io.quarkus.arc.DefaultBean;

/**
 * Posts events in binary mode to {@code K_SINK}, the address a Knative SinkBinding injects, applying the extension
 * overrides it injects as {@code K_CE_OVERRIDES}. Retries a few times with a short backoff: a Broker ingress answers
 * 503 while it scales, and giving up at once would push that retry back to Alertmanager.
 */
@DefaultBean
@ApplicationScoped
public class HttpEventSink implements EventSink {

    private static final Logger LOG = Logger.getLogger(HttpEventSink.class);
    private static final long[] BACKOFF_MILLIS = { 0, 200, 1000 };

    @ConfigProperty(name = "K_SINK")
    Optional<String> sink;

    @ConfigProperty(name = "K_CE_OVERRIDES")
    Optional<String> overrides;

    @ConfigProperty(name = "autopilot.sink.timeout", defaultValue = "10s")
    Duration timeout;

    @Inject
    ObjectMapper mapper;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void send(CloudEventEnvelope event) {
        URI target = URI.create(sink.filter(s -> !s.isBlank()).orElseThrow(() -> new SinkUnavailableException(
                "no event sink configured: K_SINK is not set (a SinkBinding injects it in a cluster)")));
        HttpRequest request = request(target, withOverrides(event));
        String lastError = null;
        for (long backoff : BACKOFF_MILLIS) {
            sleep(backoff);
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                lastError = "sink answered " + response.statusCode();
                if (response.statusCode() / 100 == 4 && response.statusCode() != 429) {
                    break; // the sink refuses this event; retrying the same bytes cannot help
                }
            } catch (IOException e) {
                lastError = "sink unreachable: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.warnf("event %s (%s) not accepted by %s: %s", event.id(), event.type(), target, lastError);
        throw new SinkUnavailableException("the event sink did not accept event " + event.id() + ": " + lastError);
    }

    private HttpRequest request(URI target, CloudEventEnvelope event) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout)
                .POST(event.hasData() ? HttpRequest.BodyPublishers.ofByteArray(event.data())
                        : HttpRequest.BodyPublishers.noBody());
        CloudEventWriter.binaryHeaders(event).forEach(builder::header);
        return builder.build();
    }

    private CloudEventEnvelope withOverrides(CloudEventEnvelope event) {
        Map<String, String> extensions = overrideExtensions();
        if (extensions.isEmpty()) {
            return event;
        }
        Map<String, String> merged = new HashMap<>(event.extensions());
        merged.putAll(extensions);
        return new CloudEventEnvelope(event.specversion(), event.id(), event.source(), event.type(), event.subject(),
                event.time(), event.dataschema(), event.datacontenttype(), merged, event.data());
    }

    private Map<String, String> overrideExtensions() {
        if (overrides.isEmpty() || overrides.get().isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Map<String, String>> parsed = mapper.readValue(overrides.get(), new TypeReference<>() {
            });
            return parsed.getOrDefault("extensions", Map.of());
        } catch (IOException e) {
            LOG.warnf("ignoring K_CE_OVERRIDES, not the JSON a SinkBinding writes: %s", e.getMessage());
            return Map.of();
        }
    }

    private static void sleep(long millis) {
        if (millis == 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
