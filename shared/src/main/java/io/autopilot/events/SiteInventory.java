package io.autopilot.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EventTypes#PLACEMENT_INVENTORY_UPDATED}, and the inventory file place-workloads reads: the sites
 * (clusters or node pools) workloads can go to, and carbon-intensity forecasts in the GSF Carbon Aware SDK's
 * {@code /emissions/forecasts} response shape.
 *
 * @param sites where workloads can run
 * @param carbonForecasts forecasts per grid location, as the Carbon Aware SDK returns them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SiteInventory(List<Site> sites, List<CarbonForecast> carbonForecasts) {

    /**
     * @param name site name
     * @param cluster the Karmada member cluster it is, or null for a node pool of this cluster
     * @param nodeSelector for a node pool: the node labels that select it (turned into a node-affinity patch)
     * @param region the site's own region
     * @param jurisdiction where its data legally sits (e.g. "EU"), matched against a workload's residency
     * @param capacity free capacity for new workloads
     * @param latencyMillis round-trip latency from the site to each user region
     * @param prices what running there costs
     * @param carbonIntensity grid carbon intensity now, gCO2eq/kWh
     * @param carbonLocation the grid location its forecasts are published under (Carbon Aware SDK location)
     * @param datasets datasets stored at the site, for data locality
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Site(String name, String cluster, Map<String, String> nodeSelector, String region,
            String jurisdiction, Capacity capacity, Map<String, Double> latencyMillis, Prices prices,
            Double carbonIntensity, String carbonLocation, List<String> datasets) {
    }

    /** Free capacity as Kubernetes quantities. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Capacity(String cpu, String memory, Integer gpu) {
    }

    /** Prices in one currency: per CPU core hour, per GiB of memory hour, per GPU hour, per GiB of egress. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Prices(Double cpuHour, Double memoryGiBHour, Double gpuHour, Double egressGiB) {
    }

    /** One element of the Carbon Aware SDK's {@code /emissions/forecasts/current} response. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CarbonForecast(String requestedAt, String generatedAt, String location, String dataStartAt,
            String dataEndAt, Integer windowSize, DataPoint optimalDataPoint, List<DataPoint> forecastData) {
    }

    /** A forecast point: intensity {@code value} (gCO2eq/kWh) from {@code timestamp} for {@code duration} minutes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DataPoint(String location, String timestamp, Integer duration, Double value) {
    }
}
