package io.autopilot.scaling.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replicas ahead of the peak: the forecast's upper bound divided by what one replica should carry (its CPU request x
 * target utilisation, or a request rate per replica), rounded up. {@code minReplicas} covers the upper bound of the
 * next {@code leadHours} (so capacity is there before the load, not a scale-up delay after it), {@code maxReplicas}
 * the peak upper bound of the whole horizon plus headroom. The patches: a KEDA ScaledObject's
 * {@code minReplicaCount}/{@code maxReplicaCount} and, for plain HPAs, {@code minReplicas}/{@code maxReplicas}.
 */
public record ReplicaPlan(int minReplicas, int maxReplicas, int peakHoursAhead, double peakUpper,
        Map<String, Object> scaledObjectPatch, Map<String, Object> hpaPatch) {

    public static ReplicaPlan of(List<SeasonalForecast.Point> forecast, double perReplica, int leadHours,
            double headroom, int floor, int ceiling) {
        if (forecast.isEmpty() || !(perReplica > 0)) {
            throw new IllegalArgumentException("a plan needs a forecast and a positive load per replica");
        }
        double nearUpper = 0, peak = 0;
        int peakAt = 1;
        for (SeasonalForecast.Point p : forecast) {
            if (p.hoursAhead() <= leadHours) {
                nearUpper = Math.max(nearUpper, p.upper());
            }
            if (p.upper() > peak) {
                peak = p.upper();
                peakAt = p.hoursAhead();
            }
        }
        int min = clamp((int) Math.ceil(nearUpper / perReplica), floor, ceiling);
        int max = clamp((int) Math.ceil(peak * (1 + headroom) / perReplica), Math.max(min, floor), ceiling);
        Map<String, Object> so = new LinkedHashMap<>();
        so.put("spec", Map.of("minReplicaCount", min, "maxReplicaCount", max));
        Map<String, Object> hpa = new LinkedHashMap<>();
        hpa.put("spec", Map.of("minReplicas", Math.max(1, min), "maxReplicas", Math.max(1, max)));
        return new ReplicaPlan(min, max, peakAt, peak, so, hpa);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
