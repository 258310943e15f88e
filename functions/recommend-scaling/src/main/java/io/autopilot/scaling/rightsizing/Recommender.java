package io.autopilot.scaling.rightsizing;

import java.util.Map;

/**
 * A per-container right-sizing recommender fed with usage samples in time order. The replay
 * ({@link RightsizingReplay}) and the function both drive it the same way: observe what happened, then ask for the
 * request of the next period.
 */
public interface Recommender {

    /** One usage sample: CPU in cores, memory working set in bytes, and the requests in force at the time. */
    void observe(long timeMillis, double cpuCores, double memoryBytes, double cpuRequestCores,
            double memoryRequestBytes);

    /** The container was OOM-killed at {@code timeMillis} while its memory request was {@code memoryRequestBytes}. */
    void oomKilled(long timeMillis, double memoryRequestBytes);

    /** The request to set for the period starting at {@code nowMillis}. */
    Recommendation recommend(long nowMillis);

    /** A short name for reports. */
    String name();

    /**
     * A recommendation: the target request, VPA-style lower/upper bounds, and the evidence behind it.
     */
    record Recommendation(double cpuCores, double memoryBytes, double cpuLowerCores, double cpuUpperCores,
            double memoryLowerBytes, double memoryUpperBytes, Map<String, Object> evidence) {
    }
}
