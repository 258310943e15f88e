package io.autopilot.system.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.autopilot.events.CloudEventEnvelope;
import io.autopilot.events.EventTypes;

class RoutingTableTest {

    @TempDir
    Path dir;

    static final String BROKER = """
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata: {name: default}
            spec:
              delivery: {retry: 5, backoffPolicy: linear, backoffDelay: PT0.5S}
            """;

    static String service(String name, String function) {
        return """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: %s}
                spec:
                  template:
                    spec:
                      containers:
                        - image: x
                          env:
                            - {name: QUARKUS_FUNQY_EXPORT, value: %s}
                """.formatted(name, function);
    }

    static String trigger(String name, String service, String filterYaml) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: %s}
                spec:
                  broker: default
                %s
                  subscriber:
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: %s}
                """.formatted(name, filterYaml.indent(2).stripTrailing(), service);
    }

    private RoutingTable load(String... docs) throws IOException {
        Files.writeString(dir.resolve("all.yaml"), String.join("---\n", docs));
        return RoutingTable.load(dir, "default");
    }

    private static CloudEventEnvelope event(String type, String subject, Map<String, String> extensions) {
        return new CloudEventEnvelope("1.0", "id-1", "/test", type, subject, null, null, null, extensions, null);
    }

    private static List<String> routed(RoutingTable table, CloudEventEnvelope event) {
        return table.matching(event).stream().map(TriggerRoute::trigger).toList();
    }

    @Test
    void routesTheRepositorysOwnManifestsToIngestAlerts() {
        Path knative = Path.of(System.getProperty("autopilot.repo.dir", "..")).resolve("knative");
        RoutingTable table = RoutingTable.load(knative, "default");
        List<TriggerRoute> routes = table.matching(event(EventTypes.ALERTMANAGER_WEBHOOK, null, Map.of()));
        assertEquals(1, routes.size());
        assertEquals("ingestAlerts", routes.get(0).function());
        assertEquals(3, routes.get(0).delivery().retry());
        List<TriggerRoute> firing = table.matching(event(EventTypes.ALERT_FIRING, "x", Map.of()));
        assertEquals(java.util.Set.of("remediate", "scoreAnomaly"),
                firing.stream().map(TriggerRoute::function).collect(java.util.stream.Collectors.toSet()),
                "firing alerts go to score-anomaly and remediate");
    }

    @Test
    void matchesTheLegacyAttributesFilterExactlyWithEmptyValuesMatchingAnything() throws IOException {
        RoutingTable table = load(BROKER, service("svc", "fn"),
                trigger("t", "svc", "filter:\n  attributes: {type: a.b, severity: \"\"}"));
        assertEquals(List.of("t"), routed(table, event("a.b", null, Map.of())));
        assertEquals(List.of("t"), routed(table, event("a.b", null, Map.of("severity", "critical"))));
        assertTrue(routed(table, event("a.bc", null, Map.of())).isEmpty());
    }

    @Test
    void evaluatesEveryFiltersDialectAndAndsTheEntries() throws IOException {
        String filters = """
                filters:
                  - prefix: {type: io.autopilot.alert.}
                  - suffix: {subject: ce}
                  - any:
                      - exact: {severity: critical}
                      - exact: {severity: warning}
                  - not:
                      exact: {alertname: Watchdog}
                  - all:
                      - prefix: {source: /auto}
                """;
        RoutingTable table = load(BROKER, service("svc", "fn"), trigger("t", "svc", filters));
        CloudEventEnvelope match = new CloudEventEnvelope("1.0", "1", "/autopilot", "io.autopilot.alert.firing",
                "24ad9e973e22bdce", null, null, null, Map.of("severity", "warning", "alertname", "A"), null);
        assertEquals(List.of("t"), routed(table, match));
        assertTrue(routed(table, withExtensions(match, Map.of("severity", "info"))).isEmpty(), "any");
        assertTrue(routed(table, withExtensions(match, Map.of("severity", "critical", "alertname", "Watchdog")))
                .isEmpty(), "not");
        assertTrue(routed(table, new CloudEventEnvelope("1.0", "1", "/other", match.type(), match.subject(), null, null,
                null, match.extensions(), null)).isEmpty(), "all/prefix on source");
        assertTrue(routed(table, new CloudEventEnvelope("1.0", "1", "/autopilot", match.type(), "abc", null, null,
                null, match.extensions(), null)).isEmpty(), "suffix on subject");
    }

    @Test
    void letsTheFiltersFieldWinOverTheLegacyFilterAsKnativeDoes() throws IOException {
        RoutingTable table = load(BROKER, service("svc", "fn"), trigger("t", "svc",
                "filter:\n  attributes: {type: legacy}\nfilters:\n  - exact: {type: modern}"));
        assertEquals(List.of("t"), routed(table, event("modern", null, Map.of())));
        assertTrue(routed(table, event("legacy", null, Map.of())).isEmpty());
    }

    @Test
    void fansOutOneEventToEveryMatchingTrigger() throws IOException {
        RoutingTable table = load(BROKER, service("a", "fa"), service("b", "fb"),
                trigger("ta", "a", "filter:\n  attributes: {type: x}"), trigger("tb", "b", "filter:\n  attributes: {type: x}"),
                trigger("all", "b", ""));
        assertEquals(List.of("ta", "tb", "all"), routed(table, event("x", null, Map.of())));
    }

    @Test
    void takesTheTriggersDeliveryOverTheBrokersDefaults() throws IOException {
        RoutingTable table = load(BROKER, service("svc", "fn"),
                trigger("own", "svc", "delivery: {retry: 2, backoffPolicy: exponential, backoffDelay: PT0.1S}"),
                trigger("inherits", "svc", ""));
        DeliverySpec own = table.routes().get(0).delivery();
        assertEquals(2, own.retry());
        assertEquals(Duration.ofMillis(400), own.backoff(2), "exponential: delay * 2^attempt");
        DeliverySpec inherited = table.routes().get(1).delivery();
        assertEquals(5, inherited.retry());
        assertEquals(Duration.ofMillis(1500), inherited.backoff(3), "linear: delay * attempt");
    }

    @Test
    void ignoresTriggersOfOtherBrokers() throws IOException {
        RoutingTable table = load(BROKER, service("svc", "fn"),
                trigger("t", "svc", "").replace("broker: default", "broker: kafka"));
        assertTrue(table.routes().isEmpty());
    }

    @Test
    void refusesToStartOnAFilterItCannotHonour() throws IOException {
        Files.writeString(dir.resolve("t.yaml"), String.join("---\n", BROKER, service("svc", "fn"),
                trigger("t", "svc", "filters:\n  - cesql: \"type LIKE 'io.%'\"")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RoutingTable.load(dir, "default"));
        assertTrue(e.getMessage().contains("CESQL"), e.getMessage());
        assertTrue(e.getMessage().contains("t.yaml"), "names the file: " + e.getMessage());
    }

    @Test
    void refusesASubscriberThatIsNotOneOfOurServices() throws IOException {
        Files.writeString(dir.resolve("t.yaml"), String.join("---\n", BROKER, trigger("t", "missing", "")));
        assertThrows(IllegalStateException.class, () -> RoutingTable.load(dir, "default"));
        Files.writeString(dir.resolve("t.yaml"), String.join("---\n", BROKER,
                service("svc", "fn").replace("QUARKUS_FUNQY_EXPORT", "OTHER"), trigger("t", "svc", "")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RoutingTable.load(dir, "default"));
        assertTrue(e.getMessage().contains("QUARKUS_FUNQY_EXPORT"));
    }

    @Test
    void refusesAManifestFolderWithoutItsBroker() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), service("svc", "fn"));
        assertThrows(IllegalStateException.class, () -> RoutingTable.load(dir, "default"));
        assertFalse(Files.exists(dir.resolve("nothing")));
        assertThrows(IllegalStateException.class, () -> RoutingTable.load(dir.resolve("nothing"), "default"));
    }

    private static CloudEventEnvelope withExtensions(CloudEventEnvelope e, Map<String, String> extensions) {
        return new CloudEventEnvelope(e.specversion(), e.id(), e.source(), e.type(), e.subject(), e.time(),
                e.dataschema(), e.datacontenttype(), extensions, e.data());
    }
}
