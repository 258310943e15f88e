package io.autopilot.placement;

import static io.autopilot.placement.Fixtures.inventory;
import static io.autopilot.placement.Fixtures.request;
import static io.autopilot.placement.Fixtures.site;
import static io.autopilot.placement.Fixtures.slo;
import static io.autopilot.placement.Fixtures.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.autopilot.events.PlacementDecision;
import io.autopilot.events.PlacementDecision.Assignment;
import io.autopilot.events.ProblemException;
import io.autopilot.events.SiteInventory;
import io.autopilot.events.SiteInventory.Capacity;
import io.autopilot.events.SiteInventory.Prices;
import io.autopilot.events.SiteInventory.Site;

class PlacerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");
    private final Placer placer = new Placer(Duration.ofMillis(200));

    private static final Map<String, Double> NEAR_EU = Map.of("eu-west", 10.0, "us-east", 90.0);
    private static final Map<String, Double> NEAR_US = Map.of("eu-west", 90.0, "us-east", 10.0);

    private PlacementDecision place(SiteInventory inventory, io.autopilot.events.PlacementRequest.Workload... workloads) {
        return placer.place(request(workloads), inventory, "/inventory", NOW);
    }

    private static Assignment of(PlacementDecision decision, String workload) {
        return decision.assignments().stream().filter(a -> a.workload().equals(workload)).findFirst().orElseThrow();
    }

    @Test
    void placesEachWorkloadOnTheCheapestSiteItsConstraintsAllow() {
        SiteInventory sites = inventory(site("cheap-us", "US", "32", 0.02, 300, NEAR_US),
                site("dear-eu", "EU", "32", 0.05, 300, NEAR_EU));
        PlacementDecision decision = place(sites,
                workload("anywhere", 2, "1", List.of(), List.of()),
                workload("eu-users", 2, "1", List.of(slo("eu-west", 30)), List.of()),
                workload("eu-data", 2, "1", List.of(), List.of("EU")));
        assertEquals(PlacementDecision.PLACED, decision.status());
        assertEquals("cheap-us", of(decision, "anywhere").site());
        assertEquals("dear-eu", of(decision, "eu-users").site());
        assertTrue(of(decision, "eu-users").reason().contains("latency SLO: cheap-us is 90 ms from eu-west, above 30 ms"),
                of(decision, "eu-users").reason());
        assertEquals("dear-eu", of(decision, "eu-data").site());
        assertTrue(of(decision, "eu-data").reason().contains("data residency"));
    }

    @Test
    void movesAWorkloadWhenTheBatchFillsItsBestSiteAndSaysWhichResourceRanOut() {
        SiteInventory sites = inventory(site("small-cheap", null, "4", 0.01, 100, Map.of()),
                site("big-dear", null, "64", 0.04, 100, Map.of()));
        PlacementDecision decision = place(sites,
                workload("a", 1, "3", List.of(), List.of()),
                workload("b", 1, "3", List.of(), List.of()));
        long onCheap = decision.assignments().stream().filter(a -> a.site().equals("small-cheap")).count();
        assertEquals(1, onCheap, "only one fits the 4-core site");
        Assignment moved = decision.assignments().stream().filter(a -> a.site().equals("big-dear")).findFirst().orElseThrow();
        assertTrue(moved.reason().startsWith("capacity: small-cheap would score lower but has 1000 cpu left"),
                moved.reason());
    }

    @Test
    void weighsCarbonIntoTheObjectiveSoACleanGridWinsAnEvenPriceTie() {
        SiteInventory sites = inventory(site("coal", null, "16", 0.03, 700, Map.of()),
                site("hydro", null, "16", 0.03, 20, Map.of()));
        PlacementDecision decision = place(sites, workload("w", 4, "2", List.of(), List.of()));
        Assignment a = of(decision, "w");
        assertEquals("hydro", a.site());
        assertTrue(a.objective().carbonGramsPerHour() < 20, "8 cores at 20 g/kWh: " + a.objective());
        assertEquals(decision.total().score(), a.objective().score(), 1e-12);
    }

    @Test
    void answersInfeasibleNamingTheConstraintWhenNoSiteAllowsAWorkload() {
        SiteInventory sites = inventory(site("us", "US", "32", 0.02, 300, NEAR_US));
        PlacementDecision decision = place(sites,
                workload("fine", 1, "1", List.of(), List.of()),
                workload("eu-only", 1, "1", List.of(), List.of("EU")));
        assertEquals(PlacementDecision.INFEASIBLE, decision.status());
        assertTrue(decision.assignments().isEmpty(), "nothing is placed partly");
        assertEquals(1, decision.unmet().size());
        assertTrue(decision.unmet().get(0).startsWith("shop/eu-only: no site meets its constraints (data residency: "
                + "us is in US, allowed [EU])"), decision.unmet().get(0));
    }

    @Test
    void answersInfeasibleWhenAWorkloadIsLargerThanAnyAllowedSite() {
        PlacementDecision decision = place(inventory(site("s", null, "8", 0.02, 300, Map.of())),
                workload("huge", 4, "4", List.of(), List.of()));
        assertEquals(PlacementDecision.INFEASIBLE, decision.status());
        assertTrue(decision.unmet().get(0).contains("needs 16000m CPU in one site; the most any allowed site has free is "
                + "8000m CPU (s)"), decision.unmet().get(0));
    }

    @Test
    void answersInfeasibleWhenTheBatchTogetherOutgrowsTheSites() {
        PlacementDecision decision = place(inventory(site("a", null, "4", 0.02, 300, Map.of()),
                site("b", null, "4", 0.02, 300, Map.of())),
                workload("x", 1, "3", List.of(), List.of()), workload("y", 1, "3", List.of(), List.of()),
                workload("z", 1, "3", List.of(), List.of()));
        assertEquals(PlacementDecision.INFEASIBLE, decision.status());
        assertTrue(decision.unmet().get(0).contains("need 9000m CPU in total; the sites they may use have 8000m CPU"),
                decision.unmet().toString());
    }

    @Test
    void emitsAKarmadaPolicyForAClusterAndANodeAffinityPatchForANodePool() {
        Site pool = new Site("edge", null, Map.of("topology.kubernetes.io/zone", "fra-edge-1"), null, null,
                new Capacity("16", "64Gi", 0), Map.of(), new Prices(0.01, 0.001, null, null), 100.0, null, null);
        PlacementDecision onPool = place(inventory(pool), workload("w", 1, "1", List.of(), List.of()));
        Assignment a = of(onPool, "w");
        assertNull(a.propagationPolicy());
        Map<?, ?> required = (Map<?, ?>) dig(a.nodeAffinityPatch(), "spec", "template", "spec", "affinity",
                "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
        Map<?, ?> term = (Map<?, ?>) ((List<?>) required.get("nodeSelectorTerms")).get(0);
        assertEquals(List.of(Map.of("key", "topology.kubernetes.io/zone", "operator", "In", "values", List.of("fra-edge-1"))),
                term.get("matchExpressions"));
        PlacementDecision onCluster = place(inventory(site("eu", null, "16", 0.02, 100, Map.of())),
                workload("w", 2, "1", List.of(), List.of()));
        Map<String, Object> policy = of(onCluster, "w").propagationPolicy();
        assertNotNull(policy);
        assertEquals("policy.karmada.io/v1alpha1", policy.get("apiVersion"));
        assertEquals(List.of("member-eu"), dig(policy, "spec", "placement", "clusterAffinity", "clusterNames"));
        assertEquals(Map.of("replicaSchedulingType", "Divided", "replicaDivisionPreference", "Aggregated"),
                dig(policy, "spec", "placement", "replicaScheduling"));
    }

    @Test
    void refusesAMalformedRequestNamingTheField() {
        ProblemException e = assertThrows(ProblemException.class, () -> place(
                inventory(site("s", null, "8", 0.02, 300, Map.of())), workload("w", 1, "two cores", List.of(), List.of())));
        assertEquals("/workloads/0/cpu", e.problem().field());
        ProblemException noSites = assertThrows(ProblemException.class,
                () -> placer.place(request(workload("w", 1, "1", List.of(), List.of())), inventory(), "/inventory", NOW));
        assertEquals("/inventory/sites", noSites.problem().field());
    }

    private static Object dig(Object node, String... path) {
        for (String key : path) {
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }
}
