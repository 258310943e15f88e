package io.autopilot.compliance.pss;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Collects one control's violations in field order. */
final class Findings {

    private final String control;
    private final List<Violation> list = new ArrayList<>(2);

    Findings(String control) {
        this.control = control;
    }

    void add(String path, JsonNode observed, String allowed) {
        list.add(new Violation(control, path, Json.show(observed), allowed));
    }

    void add(String path, String observed, String allowed) {
        list.add(new Violation(control, path, observed, allowed));
    }

    List<Violation> list() {
        return list;
    }
}
