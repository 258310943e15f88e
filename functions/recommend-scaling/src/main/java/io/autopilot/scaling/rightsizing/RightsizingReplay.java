package io.autopilot.scaling.rightsizing;

import java.util.function.Supplier;

/**
 * Replays a usage trace through a recommender the way it would run in a cluster: at the start of every period
 * (hourly, like the function's ping) it asks for a recommendation and applies it as the request for that period;
 * during the period it feeds the samples. A memory sample above the request stands for an OOM kill (the limit is
 * the request, Goldilocks' "Guaranteed" preset): the recommender is told, once per period.
 *
 * <p>Scored after a warm-up (both recommenders alike): over-provisioning = sum over samples of
 * max(0, request - usage) x the sample's duration, in core-hours and GiB-hours; and the count of samples with CPU
 * usage above the CPU request (throttling risk) and memory usage above the memory request (OOM).
 */
public final class RightsizingReplay {

    public static final double GIB = 1024.0 * 1024 * 1024;

    /** The figures of one replay. */
    public record Outcome(String workload, String recommender, int intervals, double overCoreHours,
            double overGiBHours, int cpuAbove, int memoryAbove, double usedCoreHours, double usedGiBHours,
            double requestedCoreHours, double requestedGiBHours) {

        public Outcome plus(Outcome o) {
            return new Outcome("TOTAL", recommender, intervals + o.intervals, overCoreHours + o.overCoreHours,
                    overGiBHours + o.overGiBHours, cpuAbove + o.cpuAbove, memoryAbove + o.memoryAbove,
                    usedCoreHours + o.usedCoreHours, usedGiBHours + o.usedGiBHours,
                    requestedCoreHours + o.requestedCoreHours, requestedGiBHours + o.requestedGiBHours);
        }
    }

    private final long periodMillis;
    private final long warmupMillis;
    private final double initialCpu;
    private final double initialMemory;

    public RightsizingReplay(long periodMillis, long warmupMillis, double initialCpu, double initialMemory) {
        this.periodMillis = periodMillis;
        this.warmupMillis = warmupMillis;
        this.initialCpu = initialCpu;
        this.initialMemory = initialMemory;
    }

    /** Hourly periods, one day of warm-up, 1 core and 1 GiB before the first recommendation. */
    public static RightsizingReplay defaults() {
        return new RightsizingReplay(VpaRecommender.HOUR, VpaRecommender.DAY, 1.0, GIB);
    }

    public Outcome replay(UsageTrace trace, Supplier<Recommender> factory) {
        Recommender r = factory.get();
        var samples = trace.samples();
        long step = trace.stepMillis();
        long t0 = samples.get(0).timeMillis();
        long scoreFrom = t0 + warmupMillis;
        double cpuReq = initialCpu, memReq = initialMemory;
        long periodEnd = t0 + periodMillis;
        boolean oomThisPeriod = false;
        int intervals = 0, cpuAbove = 0, memAbove = 0;
        double overCore = 0, overGiB = 0, usedCore = 0, usedGiB = 0, reqCore = 0, reqGiB = 0;
        for (int i = 0; i < samples.size(); i++) {
            UsageTrace.Sample s = samples.get(i);
            while (s.timeMillis() >= periodEnd) {
                Recommender.Recommendation rec = r.recommend(periodEnd);
                cpuReq = rec.cpuCores();
                memReq = rec.memoryBytes();
                periodEnd += periodMillis;
                oomThisPeriod = false;
            }
            long next = i + 1 < samples.size() ? samples.get(i + 1).timeMillis() : s.timeMillis() + step;
            double hours = Math.min(next - s.timeMillis(), 2 * step) / 3_600_000.0;
            boolean oom = s.memoryBytes() > memReq;
            if (s.timeMillis() >= scoreFrom) {
                intervals++;
                overCore += Math.max(0, cpuReq - s.cpuCores()) * hours;
                overGiB += Math.max(0, memReq - s.memoryBytes()) / GIB * hours;
                usedCore += s.cpuCores() * hours;
                usedGiB += s.memoryBytes() / GIB * hours;
                reqCore += cpuReq * hours;
                reqGiB += memReq / GIB * hours;
                if (s.cpuCores() > cpuReq) {
                    cpuAbove++;
                }
                if (oom) {
                    memAbove++;
                }
            }
            r.observe(s.timeMillis(), s.cpuCores(), s.memoryBytes(), cpuReq, memReq);
            if (oom && !oomThisPeriod) {
                r.oomKilled(s.timeMillis(), memReq);
                oomThisPeriod = true;
            }
        }
        return new Outcome(trace.workload(), r.name(), intervals, overCore, overGiB, cpuAbove, memAbove, usedCore,
                usedGiB, reqCore, reqGiB);
    }
}
