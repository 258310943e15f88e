package io.autopilot.scaling;

/**
 * An opted-in workload as its Deployment describes it: the first container's requests, replicas, and the opt-ins read
 * from annotations ({@link Workloads}).
 */
public record Workload(String namespace, String name, String container, double cpuRequestCores,
        double memoryRequestBytes, int replicas, boolean autoApply, String requestRateQuery,
        Double requestsPerReplica, long generation) {

    public String key() {
        return namespace + "/Deployment/" + name;
    }
}
