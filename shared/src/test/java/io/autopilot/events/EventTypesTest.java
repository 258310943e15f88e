package io.autopilot.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class EventTypesTest {

    /** Every public constant of {@link EventTypes}, by field name. Other modules' tests use this too. */
    static Map<String, String> constants() {
        Map<String, String> constants = new TreeMap<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            int mod = field.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod)
                    && field.getType() == String.class) {
                try {
                    constants.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return constants;
    }

    @Test
    void pinsTheWireValuesSoRenamesAreDeliberate() {
        assertEquals(Map.ofEntries(
                Map.entry("ALERTMANAGER_WEBHOOK", "io.autopilot.alertmanager.webhook"),
                Map.entry("ALERT_FIRING", "io.autopilot.alert.firing"),
                Map.entry("ALERT_RESOLVED", "io.autopilot.alert.resolved"),
                Map.entry("PLACEMENT_REQUESTED", "io.autopilot.placement.requested"),
                Map.entry("PLACEMENT_DECIDED", "io.autopilot.placement.decided"),
                Map.entry("PLACEMENT_INFEASIBLE", "io.autopilot.placement.infeasible"),
                Map.entry("PLACEMENT_INVENTORY_UPDATED", "io.autopilot.placement.inventory.updated"),
                Map.entry("APISERVER_RESOURCE_ADD", "dev.knative.apiserver.resource.add"),
                Map.entry("APISERVER_RESOURCE_UPDATE", "dev.knative.apiserver.resource.update"),
                Map.entry("METRICS_SAMPLES", "io.autopilot.metrics.samples"),
                Map.entry("ANOMALY_SCORED", "io.autopilot.anomaly.scored"),
                Map.entry("ANOMALY_DETECTED", "io.autopilot.anomaly.detected")), constants());
    }

    @Test
    void everyTypeIsReverseDnsOursUnderIoAutopilotOthersUnderTheirOwners() {
        constants().values().forEach(type -> assertTrue(
                type.matches("(io\\.autopilot|dev\\.knative)(\\.[a-z][a-z0-9-]*)+"), type));
    }

    @Test
    void everyTypeHasAtLeastOneValidAndOneFailingSample() {
        for (String type : constants().values()) {
            var names = SampleEvents.ofType(type).stream().map(SampleEvents.Sample::name).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("valid-")), type + " has no valid-*.json: " + names);
            assertTrue(names.stream().anyMatch(n -> n.startsWith("fail-")), type + " has no fail-*.json: " + names);
        }
    }

    @Test
    void sampleDirectoriesNameOnlyKnownTypes() {
        var known = constants().values();
        SampleEvents.all().forEach(s -> assertTrue(known.contains(s.type()), "samples for unknown type " + s));
        SampleEvents.all().forEach(s -> assertTrue(Arrays.asList("valid", "fail").contains(s.name().split("-")[0]),
                "sample names start with valid- or fail-: " + s));
    }
}
