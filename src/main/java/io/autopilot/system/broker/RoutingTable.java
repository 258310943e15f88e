package io.autopilot.system.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.autopilot.events.CloudEventEnvelope;

/**
 * The broker's routing table, read from the Knative manifests: the Broker's delivery defaults, every Trigger on it,
 * and for each subscriber Service the function it exports. Anything it cannot honour faithfully (a CESQL filter, a
 * subscriber that is not one of our Services) stops start-up with the file and the reason, rather than routing
 * differently from a cluster.
 */
final class RoutingTable {

    static final String EXPORT_ENV = "QUARKUS_FUNQY_EXPORT";

    private final String broker;
    private final List<TriggerRoute> routes;

    private RoutingTable(String broker, List<TriggerRoute> routes) {
        this.broker = broker;
        this.routes = List.copyOf(routes);
    }

    List<TriggerRoute> routes() {
        return routes;
    }

    String broker() {
        return broker;
    }

    List<TriggerRoute> matching(CloudEventEnvelope event) {
        return routes.stream().filter(r -> r.matches(event)).toList();
    }

    /** Reads every YAML document under {@code dir} in path order (the apply order of the numeric prefixes). */
    static RoutingTable load(Path dir, String brokerName) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no Knative manifests at " + dir.toAbsolutePath()
                    + ": set autopilot.knative.dir to the repository's knative/ folder");
        }
        Map<String, JsonNode> services = new HashMap<>();
        List<Document> triggers = new ArrayList<>();
        DeliverySpec brokerDelivery = null;
        boolean brokerFound = false;
        for (Document doc : documents(dir)) {
            String kind = doc.node().path("kind").asText();
            String apiVersion = doc.node().path("apiVersion").asText();
            String name = doc.node().path("metadata").path("name").asText();
            if (kind.equals("Broker") && apiVersion.startsWith("eventing.knative.dev/") && name.equals(brokerName)) {
                brokerFound = true;
                brokerDelivery = delivery(doc.node().path("spec").path("delivery"), DeliverySpec.KNATIVE_DEFAULT, doc);
            } else if (kind.equals("Service") && apiVersion.startsWith("serving.knative.dev/")) {
                services.put(name, doc.node());
            } else if (kind.equals("Trigger") && apiVersion.startsWith("eventing.knative.dev/")) {
                triggers.add(doc);
            }
        }
        if (!brokerFound) {
            throw new IllegalStateException("no Broker named '" + brokerName + "' under " + dir);
        }
        List<TriggerRoute> routes = new ArrayList<>();
        for (Document doc : triggers) {
            JsonNode spec = doc.node().path("spec");
            if (!brokerName.equals(spec.path("broker").asText())) {
                continue; // a Trigger on another broker is not ours to route
            }
            routes.add(route(doc, spec, services, brokerDelivery));
        }
        return new RoutingTable(brokerName, routes);
    }

    private static TriggerRoute route(Document doc, JsonNode spec, Map<String, JsonNode> services,
            DeliverySpec brokerDelivery) {
        String name = doc.node().path("metadata").path("name").asText();
        JsonNode ref = spec.path("subscriber").path("ref");
        if (!ref.path("kind").asText().equals("Service")
                || !ref.path("apiVersion").asText().startsWith("serving.knative.dev/")) {
            throw doc.error("Trigger " + name + ": the embedded broker delivers only to Knative Services "
                    + "(subscriber.ref serving.knative.dev/v1 Service)");
        }
        String serviceName = ref.path("name").asText();
        JsonNode service = services.get(serviceName);
        if (service == null) {
            throw doc.error("Trigger " + name + ": subscriber Service '" + serviceName + "' is not defined under knative/");
        }
        String function = exportedFunction(service);
        if (function == null) {
            throw doc.error("Trigger " + name + ": Service '" + serviceName + "' sets no " + EXPORT_ENV
                    + ", so it is not clear which function receives its events");
        }
        TriggerFilter filter = spec.has("filters") && spec.get("filters").size() > 0
                ? new TriggerFilter.All(filters(spec.get("filters"), doc))
                : legacyFilter(spec.path("filter").path("attributes"));
        // Knative takes the Trigger's delivery as a whole when it has one, else the Broker's.
        DeliverySpec delivery = spec.has("delivery") ? delivery(spec.get("delivery"), brokerDelivery, doc) : brokerDelivery;
        return new TriggerRoute(name, doc.file().toString(), filter, serviceName, function, delivery);
    }

    static String exportedFunction(JsonNode service) {
        for (JsonNode container : service.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode env : container.path("env")) {
                if (EXPORT_ENV.equals(env.path("name").asText()) && env.hasNonNull("value")) {
                    return env.get("value").asText();
                }
            }
        }
        return null;
    }

    private static TriggerFilter legacyFilter(JsonNode attributes) {
        if (attributes.isMissingNode() || attributes.isEmpty()) {
            return new TriggerFilter.MatchAll();
        }
        return new TriggerFilter.Exact(stringMap(attributes), true);
    }

    static List<TriggerFilter> filters(JsonNode list, Document doc) {
        List<TriggerFilter> filters = new ArrayList<>();
        for (JsonNode entry : list) {
            filters.add(dialect(entry, doc));
        }
        return filters;
    }

    private static TriggerFilter dialect(JsonNode entry, Document doc) {
        if (entry.size() != 1) {
            throw doc.error("each filters entry must hold exactly one dialect, got " + entry);
        }
        String dialect = entry.fieldNames().next();
        JsonNode value = entry.get(dialect);
        return switch (dialect) {
            case "exact" -> new TriggerFilter.Exact(nonEmptyMap(value, dialect, doc), false);
            case "prefix" -> new TriggerFilter.Prefix(nonEmptyMap(value, dialect, doc));
            case "suffix" -> new TriggerFilter.Suffix(nonEmptyMap(value, dialect, doc));
            case "all" -> new TriggerFilter.All(filters(value, doc));
            case "any" -> new TriggerFilter.Any(filters(value, doc));
            case "not" -> new TriggerFilter.Not(dialect(value, doc));
            case "cesql" -> throw doc.error("the embedded broker does not evaluate CESQL filters ('" + value.asText()
                    + "'); express the filter with exact, prefix, suffix, all, any and not");
            default -> throw doc.error("unknown filter dialect '" + dialect + "'");
        };
    }

    private static Map<String, String> nonEmptyMap(JsonNode node, String dialect, Document doc) {
        Map<String, String> map = stringMap(node);
        if (map.isEmpty() || map.values().stream().anyMatch(String::isEmpty)) {
            throw doc.error("a '" + dialect + "' filter needs at least one attribute, each with a non-empty value");
        }
        return map;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    private static DeliverySpec delivery(JsonNode node, DeliverySpec defaults, Document doc) {
        if (node.isMissingNode() || node.isNull()) {
            return defaults;
        }
        try {
            int retry = node.has("retry") ? node.get("retry").asInt() : defaults.retry();
            boolean exponential = node.has("backoffPolicy") ? "exponential".equals(node.get("backoffPolicy").asText())
                    : defaults.exponential();
            Duration delay = node.has("backoffDelay") ? Duration.parse(node.get("backoffDelay").asText())
                    : defaults.backoffDelay();
            Duration timeout = node.has("timeout") ? Duration.parse(node.get("timeout").asText()) : defaults.timeout();
            return new DeliverySpec(Math.max(0, retry), exponential, delay, timeout);
        } catch (DateTimeParseException e) {
            throw doc.error("delivery durations must be ISO-8601 (PT0.5S): " + e.getMessage());
        }
    }

    /** One YAML document of one manifest file. */
    record Document(Path file, int index, JsonNode node) {
        IllegalStateException error(String message) {
            return new IllegalStateException(file + " (document " + index + "): " + message);
        }
    }

    static List<Document> documents(Path dir) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Document> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                    int index = 0;
                    while (it.hasNext()) {
                        JsonNode node = it.next();
                        if (node != null && !node.isNull() && !node.isEmpty()) {
                            docs.add(new Document(dir.relativize(file), index, node));
                        }
                        index++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Knative manifests under " + dir, e);
        }
        return docs;
    }
}
