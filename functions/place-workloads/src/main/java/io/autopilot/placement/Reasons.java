package io.autopilot.placement;

import java.util.ArrayList;
import java.util.List;

/**
 * Says why a workload went where it did: the cheapest allowed site, or, when it is not there, which resource of the
 * better site the rest of the batch used up; and which constraints ruled sites out. This is what an operator reads
 * when a placement surprises them.
 */
final class Reasons {

    private Reasons() {
    }

    static String of(PlacementModel model, int[] assignment, int w) {
        int chosen = assignment[w];
        int best = -1;
        int fitting = 0;
        List<String> exclusions = new ArrayList<>();
        for (int s = 0; s < model.sites.size(); s++) {
            String ruledOut = model.excluded[s][w] != null ? model.excluded[s][w] : tooSmall(model, w, s);
            if (ruledOut != null) {
                exclusions.add(ruledOut);
                continue;
            }
            fitting++;
            if (best < 0 || model.score[s][w] < model.score[best][w]) {
                best = s;
            }
        }
        StringBuilder reason = new StringBuilder();
        if (best == chosen) {
            reason.append("lowest objective of the ").append(fitting).append(" site(s) it is allowed on and fits");
        } else {
            reason.append("capacity: ").append(model.sites.get(best).name()).append(" would score lower but ")
                    .append(shortfall(model, assignment, w, best));
        }
        if (!exclusions.isEmpty()) {
            reason.append("; ruled out: ").append(String.join("; ", exclusions));
        }
        return reason.toString();
    }

    /** Why the workload cannot fit on {@code site} even alone, or null when it can. */
    private static String tooSmall(PlacementModel model, int w, int site) {
        for (int r = 0; r < PlacementModel.RESOURCES.length; r++) {
            if (model.demand[r][w] > model.capacity[r][site]) {
                return "size: " + model.sites.get(site).name() + " has " + model.capacity[r][site] + " "
                        + PlacementModel.RESOURCES[r] + " free, the workload needs " + model.demand[r][w];
            }
        }
        return null;
    }

    /** Which resource of {@code site} the other workloads assigned there leave too little of. */
    private static String shortfall(PlacementModel model, int[] assignment, int w, int site) {
        for (int r = 0; r < PlacementModel.RESOURCES.length; r++) {
            long used = 0;
            for (int other = 0; other < assignment.length; other++) {
                if (assignment[other] == site) {
                    used += model.demand[r][other];
                }
            }
            long free = model.capacity[r][site] - used;
            if (model.demand[r][w] > free) {
                return "has " + free + " " + PlacementModel.RESOURCES[r] + " left of " + model.capacity[r][site]
                        + " after this batch and this workload needs " + model.demand[r][w];
            }
        }
        return "the batch as a whole scores lower with this workload elsewhere";
    }
}
