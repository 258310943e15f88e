package io.autopilot.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.autopilot.events.EventContract;
import io.autopilot.events.EventTypes;

/**
 * One list decides what is audited: {@link AuditedTypes}. The Trigger and the {@code @EventContract} must name
 * exactly its members that are {@link EventTypes} constants in this build, so a decision type added to EventTypes
 * fails this test until record-audit routes and declares it.
 */
class AuditedTypesTest {

    private static final Path TRIGGER = Path.of(System.getProperty("autopilot.repo.dir", "../.."))
            .resolve("knative/record-audit/500-trigger.yaml");

    private static Set<String> expected() {
        Set<String> constants = new TreeSet<>();
        for (Field f : EventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    constants.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return AuditedTypes.NAMES.stream().filter(constants::contains).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theTriggerDeliversExactlyTheAuditedTypesThisBuildKnows() throws IOException {
        JsonNode trigger = new ObjectMapper(new YAMLFactory()).readTree(TRIGGER.toFile());
        Set<String> routed = new TreeSet<>();
        for (JsonNode filter : trigger.path("spec").path("filters")) {
            for (JsonNode alternative : filter.path("any")) {
                routed.add(alternative.path("exact").path("type").asText());
            }
        }
        assertEquals(expected(), routed, "add a `- exact: {type: ...}` line to " + TRIGGER + " for each missing type");
        assertEquals("record-audit", trigger.path("spec").path("subscriber").path("ref").path("name").asText());
    }

    @Test
    void theEventContractConsumesExactlyTheAuditedTypesThisBuildKnows() throws Exception {
        EventContract contract = RecordAuditFunction.class.getMethod("recordAudit", io.quarkus.funqy.knative.events.CloudEvent.class)
                .getAnnotation(EventContract.class);
        assertEquals(expected(), new TreeSet<>(Arrays.asList(contract.consumes())),
                "RecordAuditFunction's @EventContract(consumes) must list the audited EventTypes constants");
        assertEquals(0, contract.emits().length);
    }

    @Test
    void auditsDecisionsNotRawInputs() {
        for (String name : AuditedTypes.NAMES) {
            assertEquals(true, name.startsWith("io.autopilot."), name);
        }
        assertEquals(false, AuditedTypes.audited(EventTypes.PLACEMENT_REQUESTED));
        assertEquals(false, AuditedTypes.audited(EventTypes.ALERT_FIRING));
        assertEquals(AuditedTypes.NAMES.size(), new TreeSet<>(AuditedTypes.NAMES).size(), "no repeats");
    }
}
