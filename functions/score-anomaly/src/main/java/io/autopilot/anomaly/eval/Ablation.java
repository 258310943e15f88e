package io.autopilot.anomaly.eval;

import io.autopilot.anomaly.detect.EnsembleParams;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shipped parameters with one part switched off, for the ablation table in docs/score-anomaly-detector.md
 * ({@code eval-nab ... --without NAME}). Each part maps to the parameter values that disable it.
 */
final class Ablation {

    /** Part name to the parameter overrides that remove it. */
    static final Map<String, Map<String, Object>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("residual", Map.of("residual", false));
        PARTS.put("seasonal", Map.of("seasonal", false));
        PARTS.put("context-novelty", Map.of("novelty", false));
        PARTS.put("level-shift", Map.of("shift", false));
        PARTS.put("range-break", Map.of("rangeGain", 0.0));
        PARTS.put("peak-discount", Map.of("peakPower", 0.0));
        PARTS.put("rest", Map.of("restSamples", 0L, "restAll", 0L));
    }

    private Ablation() {
    }

    static EnsembleParams without(EnsembleParams params, String part) {
        Map<String, Object> overrides = PARTS.get(part);
        if (overrides == null) {
            throw new IllegalArgumentException("no part '" + part + "'; parts: " + String.join(", ", PARTS.keySet()));
        }
        return with(params, overrides);
    }

    static EnsembleParams with(EnsembleParams params, Map<String, Object> overrides) {
        RecordComponent[] components = EnsembleParams.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = overrides.containsKey(components[i].getName()) ? overrides.get(components[i].getName())
                        : components[i].getAccessor().invoke(params);
            }
            return EnsembleParams.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalStateException("cannot copy EnsembleParams: " + cause, cause);
        }
    }
}
