package io.autopilot.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;


import com.fasterxml.jackson.databind.JsonNode;

import io.autopilot.events.PlacementRequest.LatencySlo;
import io.autopilot.events.PlacementRequest.Workload;
import io.autopilot.events.ProblemException;
import io.autopilot.events.ProblemTypes;

/**
 * Reads a Deployment (as an ApiServerSource in Resource mode delivers it) that opts in to placement: annotation or
 * label {@value #OPT_IN}{@code : enabled} (the shipped ApiServerSource selects on the label, since a source can only
 * select by labels), constraints in {@code placement.autopilot.io/*} annotations, demand from its pod template's
 * container requests times its replicas.
 */
final class DeploymentWorkloads {

    static final String OPT_IN = "autopilot.io/placement";
    static final String LATENCY = "placement.autopilot.io/latency-slos";
    static final String RESIDENCY = "placement.autopilot.io/residency";
    static final String DATASET = "placement.autopilot.io/dataset";
    static final String BANDWIDTH = "placement.autopilot.io/bandwidth-mbps";

    private DeploymentWorkloads() {
    }

    static boolean optedIn(JsonNode deployment) {
        JsonNode metadata = deployment.path("metadata");
        return "Deployment".equals(deployment.path("kind").asText())
                && ("enabled".equals(metadata.path("annotations").path(OPT_IN).asText())
                        || "enabled".equals(metadata.path("labels").path(OPT_IN).asText()));
    }

    static Workload workload(JsonNode deployment) {
        JsonNode metadata = deployment.path("metadata");
        String name = metadata.path("name").asText(null);
        if (name == null || name.isBlank()) {
            throw invalid("/metadata/name", "the Deployment has no name");
        }
        JsonNode annotations = metadata.path("annotations");
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        long cpuMillis = 0;
        long memoryMiB = 0;
        int gpus = 0;
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        for (int i = 0; i < containers.size(); i++) {
            JsonNode requests = containers.get(i).path("resources").path("requests");
            JsonNode limits = containers.get(i).path("resources").path("limits");
            String at = "/spec/template/spec/containers/" + i + "/resources/requests";
            cpuMillis += requests.has("cpu") ? parse(() -> Quantities.cpuMillis(requests.get("cpu").asText()), at + "/cpu") : 0;
            memoryMiB += requests.has("memory")
                    ? parse(() -> Quantities.memoryMiB(requests.get("memory").asText()), at + "/memory") : 0;
            gpus += limits.path("nvidia.com/gpu").asInt(requests.path("nvidia.com/gpu").asInt(0));
        }
        if (cpuMillis == 0 && memoryMiB == 0) {
            throw invalid("/spec/template/spec/containers", "placement needs resource requests (cpu, memory) to size "
                    + "the Deployment; none of its containers has any");
        }
        return new Workload(name, metadata.path("namespace").asText(null), replicas, cpuMillis + "m", memoryMiB + "Mi",
                gpus, latencySlos(annotations.path(LATENCY).asText(null)), list(annotations.path(RESIDENCY).asText(null)),
                annotations.path(DATASET).asText(null), bandwidth(annotations.path(BANDWIDTH).asText(null)), null);
    }

    /** {@code eu-west=30,us-east=80}: region, then the highest acceptable latency in ms. */
    private static List<LatencySlo> latencySlos(String value) {
        List<LatencySlo> slos = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return slos;
        }
        for (String pair : value.split(",")) {
            String[] parts = pair.trim().split("=", 2);
            try {
                slos.add(new LatencySlo(parts[0].trim(), new BigDecimal(parts[1].trim()).doubleValue(), null));
            } catch (RuntimeException e) {
                throw invalid(pointer(LATENCY), "expected region=millis pairs separated by commas "
                        + "(eu-west=30,us-east=80), got '" + value + "'");
            }
        }
        return slos;
    }

    private static List<String> list(String value) {
        return value == null || value.isBlank() ? List.of()
                : List.of(value.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Double bandwidth(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(pointer(BANDWIDTH), "expected a number of Mbps, got '" + value + "'");
        }
    }

    private static String pointer(String annotation) {
        return "/metadata/annotations/" + annotation.replace("~", "~0").replace("/", "~1");
    }

    private static long parse(java.util.function.LongSupplier quantity, String pointer) {
        try {
            return quantity.getAsLong();
        } catch (IllegalArgumentException e) {
            throw invalid(pointer, e.getMessage());
        }
    }

    private static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(ProblemTypes.invalidField(pointer, detail));
    }

}
