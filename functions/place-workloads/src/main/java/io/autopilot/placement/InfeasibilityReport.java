package io.autopilot.placement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.autopilot.events.PlacementRequest.Workload;

/** Names the constraints a request cannot meet, so an operator knows what to relax. */
final class InfeasibilityReport {

    private static final String[] UNIT = { "m CPU", " MiB memory", " GPU" };

    private InfeasibilityReport() {
    }

    /** Constraints that fail for one workload on its own: no site allows it, or none that does can hold it. */
    static List<String> beforeSolving(PlacementModel model) {
        List<String> unmet = new ArrayList<>();
        for (int w = 0; w < model.workloads.size(); w++) {
            List<Integer> allowed = allowed(model, w);
            if (allowed.isEmpty()) {
                List<String> why = new ArrayList<>();
                for (int s = 0; s < model.sites.size(); s++) {
                    why.add(model.excluded[s][w]);
                }
                unmet.add(name(model, w) + ": no site meets its constraints (" + String.join("; ", why) + ")");
                continue;
            }
            for (int r = 0; r < PlacementModel.RESOURCES.length; r++) {
                long largest = 0;
                String where = "";
                for (int s : allowed) {
                    if (model.capacity[r][s] > largest || where.isEmpty()) {
                        largest = model.capacity[r][s];
                        where = model.sites.get(s).name();
                    }
                }
                if (model.demand[r][w] > largest) {
                    unmet.add(name(model, w) + ": needs " + model.demand[r][w] + UNIT[r] + " in one site; the most any "
                            + "allowed site has free is " + largest + UNIT[r] + " (" + where + ")");
                }
            }
        }
        return unmet;
    }

    /** When each workload fits alone but not all together: which resource is short over the sites they may use. */
    static List<String> afterSolving(PlacementModel model, Duration searched) {
        List<String> unmet = new ArrayList<>();
        for (int r = 0; r < PlacementModel.RESOURCES.length; r++) {
            long demand = 0;
            boolean[] usable = new boolean[model.sites.size()];
            for (int w = 0; w < model.workloads.size(); w++) {
                demand += model.demand[r][w];
                allowed(model, w).forEach(s -> usable[s] = true);
            }
            long free = 0;
            for (int s = 0; s < usable.length; s++) {
                free += usable[s] ? model.capacity[r][s] : 0;
            }
            if (demand > free) {
                unmet.add("capacity: the workloads need " + demand + UNIT[r] + " in total; the sites they may use have "
                        + free + UNIT[r] + " free");
            }
        }
        if (unmet.isEmpty()) {
            unmet.add("capacity: every workload fits on some allowed site alone, but no assignment of all of them "
                    + "fitting every site's capacity was found in " + searched.toMillis() + " ms; free capacity or "
                    + "relax latency, residency or locality constraints, or place in smaller batches");
        }
        return unmet;
    }

    private static List<Integer> allowed(PlacementModel model, int w) {
        List<Integer> allowed = new ArrayList<>();
        for (int s = 0; s < model.sites.size(); s++) {
            if (model.excluded[s][w] == null) {
                allowed.add(s);
            }
        }
        return allowed;
    }

    static String name(PlacementModel model, int w) {
        Workload workload = model.workloads.get(w);
        return workload.namespace() == null ? workload.name() : workload.namespace() + "/" + workload.name();
    }
}
