package io.autopilot.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.autopilot.events.EventTypes;
import io.autopilot.events.PlacementRequest.Workload;
import io.autopilot.events.ProblemException;
import io.autopilot.events.SampleEvents;

class DeploymentWorkloadsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode deployment(String type, String sample) throws Exception {
        return mapper.readTree(SampleEvents.bytes(type, sample)).get("data");
    }

    @Test
    void sizesADeploymentFromAllItsContainersRequestsTimesReplicas() throws Exception {
        Workload w = DeploymentWorkloads.workload(deployment(EventTypes.APISERVER_RESOURCE_ADD, "valid-deployment.json"));
        assertEquals("search", w.name());
        assertEquals("shop", w.namespace());
        assertEquals(2, w.replicas());
        assertEquals("800m", w.cpu(), "750m + 50m per replica");
        assertEquals("1600Mi", w.memory());
        assertEquals(List.of("EU"), w.residency());
        assertEquals(2, w.latencySlos().size());
        assertEquals(25.0, w.latencySlos().get(0).maxMillis());
        assertEquals(30.0, w.bandwidthMbps());
    }

    @Test
    void countsGpuLimitsAsGpuDemand() throws Exception {
        Workload w = DeploymentWorkloads.workload(deployment(EventTypes.APISERVER_RESOURCE_UPDATE,
                "valid-deployment-scaled.json"));
        assertEquals(1, w.gpu());
        assertEquals(List.of("EU", "US"), w.residency());
    }

    @Test
    void takesTheOptInFromAnAnnotationOrALabel() throws Exception {
        ObjectNode d = (ObjectNode) deployment(EventTypes.APISERVER_RESOURCE_ADD, "valid-deployment.json").deepCopy();
        assertTrue(DeploymentWorkloads.optedIn(d));
        ((ObjectNode) d.get("metadata").get("labels")).remove(DeploymentWorkloads.OPT_IN);
        assertFalse(DeploymentWorkloads.optedIn(d));
        ((ObjectNode) d.get("metadata").get("annotations")).put(DeploymentWorkloads.OPT_IN, "enabled");
        assertTrue(DeploymentWorkloads.optedIn(d));
    }

    @Test
    void refusesADeploymentItCannotSize() throws Exception {
        ProblemException e = assertThrows(ProblemException.class, () -> DeploymentWorkloads.workload(
                deployment(EventTypes.APISERVER_RESOURCE_UPDATE, "fail-no-requests.json")));
        assertEquals("/spec/template/spec/containers", e.problem().field());
    }
}
