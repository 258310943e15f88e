package io.autopilot.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LabelFingerprintTest {

    @Test
    void givesTheEmptyLabelSetFnvsOffsetBasisAsPrometheusDoes() {
        assertEquals("cbf29ce484222325", LabelFingerprint.of(Map.of()));
    }

    @Test
    void doesNotDependOnTheOrderLabelsArriveIn() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("alertname", "A");
        one.put("job", "node");
        Map<String, String> two = new LinkedHashMap<>();
        two.put("job", "node");
        two.put("alertname", "A");
        assertEquals(LabelFingerprint.of(one), LabelFingerprint.of(two));
    }

    @Test
    void separatesNamesFromValuesSoShiftedBoundariesDiffer() {
        assertNotEquals(LabelFingerprint.of(Map.of("ab", "c")), LabelFingerprint.of(Map.of("a", "bc")));
        assertEquals(16, LabelFingerprint.of(Map.of("a", "b")).length());
    }
}
