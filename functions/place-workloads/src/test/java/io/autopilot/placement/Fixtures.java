package io.autopilot.placement;

import java.util.List;
import java.util.Map;

import io.autopilot.events.PlacementRequest;
import io.autopilot.events.PlacementRequest.LatencySlo;
import io.autopilot.events.PlacementRequest.Workload;
import io.autopilot.events.SiteInventory;
import io.autopilot.events.SiteInventory.Capacity;
import io.autopilot.events.SiteInventory.Prices;
import io.autopilot.events.SiteInventory.Site;

/** Small inventories and workloads whose right answer can be worked out by hand. */
final class Fixtures {

    private Fixtures() {
    }

    static Site site(String name, String jurisdiction, String cpu, double cpuHour, double intensity,
            Map<String, Double> latency) {
        return new Site(name, "member-" + name, null, null, jurisdiction, new Capacity(cpu, "64Gi", 0), latency,
                new Prices(cpuHour, 0.004, null, 0.02), intensity, null, List.of());
    }

    static Workload workload(String name, int replicas, String cpu, List<LatencySlo> slos, List<String> residency) {
        return new Workload(name, "shop", replicas, cpu, "256Mi", 0, slos, residency, null, null, null);
    }

    static LatencySlo slo(String region, double max) {
        return new LatencySlo(region, max, null);
    }

    static PlacementRequest request(Workload... workloads) {
        return new PlacementRequest("r-1", List.of(workloads), null, null);
    }

    static SiteInventory inventory(Site... sites) {
        return new SiteInventory(List.of(sites), null);
    }
}
