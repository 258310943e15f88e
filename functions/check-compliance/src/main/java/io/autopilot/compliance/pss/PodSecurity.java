package io.autopilot.compliance.pss;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates a pod against a Pod Security Standards level as Pod Security Admission v1.37 does: every control of the
 * level, a restricted check replacing the baseline check it overrides. Stateless and thread-safe.
 */
public final class PodSecurity {

    /** The PSA policy version whose rules these are. */
    public static final String VERSION = "v1.37";

    private static final Set<Control> BASELINE = EnumSet.noneOf(Control.class);
    private static final Set<Control> RESTRICTED = EnumSet.noneOf(Control.class);

    static {
        Set<String> overridden = new java.util.HashSet<>();
        for (Control control : Control.values()) {
            overridden.addAll(control.overrides());
        }
        for (Control control : Control.values()) {
            if (control.level() == Level.BASELINE) {
                BASELINE.add(control);
            }
            if (!overridden.contains(control.id())) {
                RESTRICTED.add(control);
            }
        }
    }

    private PodSecurity() {
    }

    /** The controls that run at this level, in declaration order. */
    public static Set<Control> controls(Level level) {
        return level == Level.BASELINE ? BASELINE : RESTRICTED;
    }

    /** Every violation of the level; empty means the pod is allowed. */
    public static List<Violation> evaluate(PodSpecView pod, Level level) {
        List<Violation> violations = new ArrayList<>();
        for (Control control : controls(level)) {
            violations.addAll(control.check(pod));
        }
        return violations;
    }
}
