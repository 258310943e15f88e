package io.autopilot.scaling.rightsizing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Autopilot's right-sizing recommender: what the VPA would do if it knew the time of day, chose its model,
 * percentile and margin per workload, and treated CPU and memory by what a miss costs.
 *
 * <p>For the period about to start (an hour):
 * <ul>
 * <li><b>seasonality-aware bases</b>: four candidate models per percentile - the weighted quantile of the same
 * window (+/- 15 min) on each of the past 7 days (yesterday weighs most, days of the same kind - weekday or weekend -
 * three times more); that or the quantile of the last two hours, whichever is larger (follows level changes the
 * seasonal window has not seen); the last two hours alone; the whole last week (the VPA's view, undecayed);
 * <li><b>per-workload model, percentile and margin</b>: every period's candidate bases are kept; before each
 * recommendation the recommender backtests the last two days of them against what then happened, for every model,
 * percentile in {90, 95, 99, 100} and margin -30 % .. +100 % (5 % steps), and takes the cheapest combination (least
 * over-provisioning) whose miss rate stays within the CPU budget;
 * <li><b>CPU objective</b> (throttling cost): the budget is a configured miss rate or, by default, the miss rate that
 * a shadow VPA fed the same samples had over the same two days - never more throttling risk than the VPA, for less
 * reserved CPU;
 * <li><b>memory objective</b> (OOM cost), its own per-workload choice: three candidate bases - peak-or-climb (the
 * larger of the seasonal/recent peak and the last value plus the largest climb seen within one period over the last
 * two days: a working set that climbs keeps climbing), the seasonal/recent peak, and the week's peak (each peak at
 * least the last value plus the last hour's rise carried ahead); backtested over the last seven days for every
 * margin from 10 % up, the cheapest model and margin with no OOM-risk sample is taken. The peak models claim that
 * the coming peaks were all seen before, so they compete only once a full seven-day backtest supports the claim;
 * until then the climb model alone. An OOM kill raises a floor of max(used + 100 MiB, used x 1.2) for a day, as the
 * VPA's bump-up does;
 * <li>cold start: until six periods can be backtested, the VPA's arithmetic on the recent samples (P90 + 15 % CPU,
 * peak + 15 % memory); the VPA's minimums (25 millicores, 250 MiB) always.
 * </ul>
 * Changing requests every hour assumes in-place pod resize (Kubernetes InPlacePodVerticalScaling); with
 * evict-and-recreate, apply it at coarser periods.
 */
public class SeasonalRecommender implements Recommender {

    static final long HOUR = VpaRecommender.HOUR;
    static final long DAY = VpaRecommender.DAY;
    static final long HISTORY = 8 * DAY;
    static final long BACKTEST = 2 * DAY;
    /** Memory backtests over all the history there is: OOM-risk peaks are rare and a miss kills the container. */
    static final long MEMORY_BACKTEST = 7 * DAY;
    static final long RECENT = 2 * HOUR;
    static final long GUARD = 15 * 60_000L;
    static final double[] PERCENTILES = { 0.90, 0.95, 0.99, 1.0 };
    static final double MARGIN_STEP = 0.05;
    static final double MIN_MARGIN = -0.30;
    static final int MARGINS = 27; // -30 % .. +100 %
    static final int MIN_PERIODS = 6;
    static final String[] FAMILIES = { "seasonal-or-recent", "seasonal", "recent", "week" };
    static final int SEASONAL_OR_RECENT = 0, SEASONAL = 1, RECENT_ONLY = 2, WEEK = 3;
    static final double MEMORY_MIN_MARGIN = 0.10;
    static final double MEMORY_TREND_GAIN = 1.0;
    static final String[] MEMORY_MODELS = { "peak-or-climb", "seasonal-peak", "week-peak" };
    static final int PEAK_OR_CLIMB = 0, SEASONAL_PEAK = 1, WEEK_PEAK = 2;

    private final double cpuMissObjective;
    private final double memoryMissObjective;
    private final long periodMillis;

    private long[] times = new long[1024];
    private double[] cpu = new double[1024];
    private double[] mem = new double[1024];
    private int start, end; // live samples are [start, end)

    private final Deque<Period> periods = new ArrayDeque<>();
    private long cpuBacktestFrom = Long.MIN_VALUE; // CPU backtests only the last BACKTEST of the kept periods
    private long lastNow;
    private double oomFloor;
    private long oomFloorUntil = Long.MIN_VALUE;
    private double lastMemoryRequest;

    /** One past period's bases (per percentile for CPU; the peak for memory) and the shadow VPA's requests. */
    private record Period(long from, long to, double[][] cpuBase, double[] memBase, double vpaCpu, double vpaMem) {
    }

    /** The VPA fed the same samples: its backtested miss rate is the CPU miss budget unless one is configured. */
    private final VpaRecommender shadow = new VpaRecommender();

    public SeasonalRecommender() {
        this(Double.NaN, 0.0, HOUR);
    }

    public SeasonalRecommender(double cpuMissObjective, double memoryMissObjective, long periodMillis) {
        this.cpuMissObjective = cpuMissObjective;
        this.memoryMissObjective = memoryMissObjective;
        this.periodMillis = periodMillis;
    }

    @Override
    public String name() {
        return "autopilot";
    }

    @Override
    public void observe(long t, double cpuCores, double memoryBytes, double cpuRequest, double memoryRequest) {
        if (end == times.length) {
            compact();
        }
        times[end] = t;
        cpu[end] = cpuCores;
        mem[end] = memoryBytes;
        end++;
        lastMemoryRequest = memoryRequest;
        shadow.observe(t, cpuCores, memoryBytes, cpuRequest, memoryRequest);
    }

    @Override
    public void oomKilled(long t, double memoryRequest) {
        double peak = 0;
        for (int i = lowerBound(t - HOUR); i < end; i++) {
            peak = Math.max(peak, mem[i]);
        }
        double used = Math.max(memoryRequest, peak);
        oomFloor = Math.max(oomFloor, Math.max(used + VpaRecommender.OOM_MIN_BUMP_BYTES,
                used * VpaRecommender.OOM_BUMP_RATIO));
        oomFloorUntil = t + DAY;
        shadow.oomKilled(t, memoryRequest);
    }

    @Override
    public Recommendation recommend(long now) {
        while (start < end && times[start] < now - HISTORY) {
            start++;
        }
        cpuBacktestFrom = now - BACKTEST;
        lastNow = now;
        while (!periods.isEmpty() && periods.peekFirst().to() < now - MEMORY_BACKTEST) {
            periods.pollFirst();
        }
        double[][] cpuBase = new double[FAMILIES.length][PERCENTILES.length];
        for (int f = 0; f < FAMILIES.length; f++) {
            for (int k = 0; k < PERCENTILES.length; k++) {
                cpuBase[f][k] = base(now, cpu, PERCENTILES[k], f);
            }
        }
        double seasonalPeak = base(now, mem, 1.0, SEASONAL_OR_RECENT);
        double[] memBases = new double[MEMORY_MODELS.length];
        double[] trend = memoryTrend(now); // {last value + the last hour's rise, last value + the largest climb}
        memBases[PEAK_OR_CLIMB] = Math.max(seasonalPeak, trend[1]);
        // the peak models still follow a working set that is climbing right now (no model may ignore a rise in
        // progress: that is where OOM kills come from)
        memBases[SEASONAL_PEAK] = Math.max(seasonalPeak, trend[0]);
        memBases[WEEK_PEAK] = Math.max(base(now, mem, 1.0, WEEK), trend[0]);
        double memBase = memBases[PEAK_OR_CLIMB];
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("recommender", "autopilot-seasonal");
        double cpuReq, memReq;
        if (periods.size() < MIN_PERIODS) {
            cpuReq = cpuBase[RECENT_ONLY][0] * (1 + VpaRecommender.SAFETY_MARGIN);
            memReq = memBase * (1 + VpaRecommender.SAFETY_MARGIN);
            evidence.put("mode", "cold start: VPA arithmetic on the recent samples");
        } else {
            Choice c = chooseCpu();
            Choice m = chooseMemory();
            cpuReq = cpuBase[c.family][c.percentile] * (1 + c.margin);
            memBase = memBases[m.family];
            memReq = memBase * (1 + m.margin);
            evidence.put("mode", "backtested over " + periods.size() + " periods");
            evidence.put("cpuModel", FAMILIES[c.family]);
            evidence.put("cpuPercentile", PERCENTILES[c.percentile]);
            evidence.put("cpuMargin", round(c.margin));
            evidence.put("cpuBacktestMissRate", round(c.missRate));
            evidence.put("cpuMissBudget", round(c.budget));
            evidence.put("memoryModel", MEMORY_MODELS[m.family]);
            evidence.put("memoryMargin", round(m.margin));
            evidence.put("memoryBacktestMissRate", round(m.missRate));
        }
        evidence.put("memoryPeakBytes", Math.round(memBase));
        if (now < oomFloorUntil && memReq < oomFloor) {
            memReq = oomFloor;
            evidence.put("oomFloorBytes", Math.round(oomFloor));
        }
        Recommendation vpa = shadow.recommend(now);
        evidence.put("vpaCpuCores", vpa.cpuCores());
        evidence.put("vpaMemoryBytes", Math.round(vpa.memoryBytes()));
        periods.addLast(new Period(now, now + periodMillis, cpuBase, memBases, vpa.cpuCores(), vpa.memoryBytes()));
        cpuReq = VpaRecommender.roundCpu(Math.max(cpuReq, VpaRecommender.MIN_CPU_CORES));
        memReq = Math.max(memReq, VpaRecommender.MIN_MEMORY_BYTES);
        double cpuLow = Math.max(VpaRecommender.MIN_CPU_CORES,
                VpaRecommender.roundCpu(base(now, cpu, 0.5, SEASONAL_OR_RECENT)));
        return new Recommendation(cpuReq, memReq, Math.min(cpuLow, cpuReq),
                Math.max(cpuReq, cpuBase[WEEK][PERCENTILES.length - 1] * 1.15),
                Math.min(memReq, Math.max(VpaRecommender.MIN_MEMORY_BYTES, base(now, mem, 0.5, SEASONAL_OR_RECENT))),
                Math.max(memReq, base(now, mem, 1.0, WEEK) * 1.15), evidence);
    }

    private record Choice(int family, int percentile, double margin, double missRate, double budget) {
    }

    /**
     * The (model, percentile, margin) with the least backtested over-provisioning whose miss rate stays within the
     * budget: the configured objective, or else the shadow VPA's own backtested miss rate (never more throttling risk
     * than the VPA had on the same hours).
     */
    private Choice chooseCpu() {
        double budget = Double.isNaN(cpuMissObjective) ? backtestVpa(true) : cpuMissObjective;
        Choice best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        Choice fallback = null;
        double fallbackMiss = Double.POSITIVE_INFINITY;
        for (int f = 0; f < FAMILIES.length; f++) {
            for (int k = 0; k < PERCENTILES.length; k++) {
                for (int j = 0; j < MARGINS; j++) {
                    double margin = MIN_MARGIN + j * MARGIN_STEP;
                    double[] costMiss = backtest(f, k, margin);
                    double missRate = costMiss[1];
                    if (missRate <= budget + 1e-12 && costMiss[0] < bestCost) {
                        bestCost = costMiss[0];
                        best = new Choice(f, k, margin, missRate, budget);
                    }
                    if (missRate < fallbackMiss) {
                        fallbackMiss = missRate;
                        fallback = new Choice(f, k, margin, missRate, budget);
                    }
                }
            }
        }
        return best != null ? best : fallback;
    }

    /**
     * Memory's per-workload choice, by its own objective (a miss is an OOM kill): over the kept periods, for every
     * memory model (the peak-or-climb base; the seasonal/recent peak alone; the week's peak) and margin from
     * {@link #MEMORY_MIN_MARGIN} up, the backtested OOM-risk rate and over-provisioning; the cheapest whose rate is
     * within the objective (none by default). A workload whose peaks recur at the same time of day (a nightly job)
     * need not carry its largest climb all day; one whose working set climbs (a leak) keeps the climb model, since
     * there only that one backtests clean. If no combination does, the peak-or-climb model with its least-miss margin.
     */
    private Choice chooseMemory() {
        Choice best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        // the peak models claim that the peaks to come were all seen already: only a full backtest window can
        // support that claim; until then only the climb model (which covers any climb seen so far) competes
        boolean fullWindow = !periods.isEmpty() && periods.peekFirst().from() <= lastNow - MEMORY_BACKTEST + periodMillis;
        int models = fullWindow ? MEMORY_MODELS.length : 1;
        for (int f = 0; f < models; f++) {
            for (double margin = MEMORY_MIN_MARGIN; margin < 1.0 + 1e-9; margin += MARGIN_STEP) {
                double[] costMiss = backtestMemory(f, margin);
                if (costMiss[1] <= memoryMissObjective + 1e-12) {
                    if (costMiss[0] < bestCost) {
                        bestCost = costMiss[0];
                        best = new Choice(f, PERCENTILES.length - 1, margin, costMiss[1], memoryMissObjective);
                    }
                    break; // larger margins of this model only cost more
                }
            }
        }
        if (best != null) {
            return best;
        }
        double bestMiss = Double.POSITIVE_INFINITY;
        Choice fallback = null;
        for (double margin = MEMORY_MIN_MARGIN; margin < 1.0 + 1e-9; margin += MARGIN_STEP) {
            double miss = backtestMemory(PEAK_OR_CLIMB, margin)[1];
            if (miss < bestMiss) {
                bestMiss = miss;
                fallback = new Choice(PEAK_OR_CLIMB, PERCENTILES.length - 1, margin, miss, memoryMissObjective);
            }
        }
        return fallback;
    }

    /** The shadow VPA's miss rate over the kept periods. */
    private double backtestVpa(boolean isCpu) {
        int misses = 0, count = 0;
        for (Period p : periods) {
            if (p.to() < cpuBacktestFrom) {
                continue;
            }
            double request = isCpu ? p.vpaCpu() : p.vpaMem();
            double[] values = isCpu ? cpu : mem;
            for (int i = lowerBound(p.from()); i < end && times[i] < p.to(); i++) {
                count++;
                if (values[i] > request) {
                    misses++;
                }
            }
        }
        return count == 0 ? 0 : misses / (double) count;
    }

    /** {over-provisioning, miss rate} had the given CPU choice been applied over the kept periods. */
    private double[] backtest(int family, int percentile, double margin) {
        double cost = 0;
        int misses = 0, count = 0;
        for (Period p : periods) {
            if (p.to() < cpuBacktestFrom) {
                continue;
            }
            double request = p.cpuBase()[family][percentile] * (1 + margin);
            for (int i = lowerBound(p.from()); i < end && times[i] < p.to(); i++) {
                count++;
                if (cpu[i] > request) {
                    misses++;
                } else {
                    cost += request - cpu[i];
                }
            }
        }
        return new double[] { cost, count == 0 ? 0 : misses / (double) count };
    }

    /** {over-provisioning, OOM-risk rate} had the given memory model and margin been applied over the kept periods. */
    private double[] backtestMemory(int model, double margin) {
        double cost = 0;
        int misses = 0, count = 0;
        for (Period p : periods) {
            double request = p.memBase()[model] * (1 + margin);
            for (int i = lowerBound(p.from()); i < end && times[i] < p.to(); i++) {
                count++;
                if (mem[i] > request) {
                    misses++;
                } else {
                    cost += request - mem[i];
                }
            }
        }
        return new double[] { cost, count == 0 ? 0 : misses / (double) count };
    }

    /**
     * A base of one resource by model: the seasonal weighted quantile or the recent one, whichever is larger
     * (SEASONAL_OR_RECENT); the seasonal one alone (SEASONAL; the recent one when there is no history yet); the
     * recent two hours alone (RECENT_ONLY); the whole last week, unweighted (WEEK: the VPA's view without decay).
     */
    private double base(long now, double[] values, double q, int family) {
        double recent = quantile(values, lowerBound(now - RECENT), lowerBound(now), q);
        if (family == RECENT_ONLY) {
            return recent;
        }
        if (family == WEEK) {
            return quantile(values, lowerBound(now - 7 * DAY), lowerBound(now), q);
        }
        List<double[]> weighted = new ArrayList<>();
        boolean weekendNow = isWeekend(now);
        for (int d = 1; d <= 7; d++) {
            long from = now - d * DAY - GUARD, to = now - d * DAY + periodMillis + GUARD;
            double w = Math.pow(0.7, d - 1) * (isWeekend(now - d * DAY) == weekendNow ? 1.0 : 1.0 / 3);
            for (int i = lowerBound(from); i < end && times[i] < to; i++) {
                weighted.add(new double[] { values[i], w });
            }
        }
        if (weighted.isEmpty()) {
            return recent;
        }
        weighted.sort((a, b) -> Double.compare(a[0], b[0]));
        double total = 0;
        for (double[] v : weighted) {
            total += v[1];
        }
        double acc = 0, seasonal = weighted.get(weighted.size() - 1)[0];
        if (q < 1.0) {
            for (double[] v : weighted) {
                acc += v[1];
                if (acc >= q * total) {
                    seasonal = v[0];
                    break;
                }
            }
        }
        return family == SEASONAL ? seasonal : Math.max(seasonal, recent);
    }

    /**
     * The last value plus the rise of the last hour carried one more period ahead (a growing working set - a leak,
     * a cache filling after a load jump - keeps growing for a while; memory cannot be throttled, only killed).
     */
    private double[] memoryTrend(long now) {
        int from = lowerBound(now - HOUR), to = lowerBound(now);
        if (to - from < 2) {
            return new double[2];
        }
        int half = (from + to) / 2;
        double early = 0, late = 0;
        for (int i = from; i < half; i++) {
            early += mem[i];
        }
        for (int i = half; i < to; i++) {
            late += mem[i];
        }
        early /= (half - from);
        late /= (to - half);
        double rise = Math.max(0, late - early) * 2; // per hour
        // and the reach: how far the working set has climbed within one period from any point of the last days,
        // the largest such climb (an empirical bound on the next period's climb from the last value)
        double reach = 0;
        int reachFrom = lowerBound(now - BACKTEST);
        int j = reachFrom;
        java.util.ArrayDeque<Integer> window = new java.util.ArrayDeque<>(); // indices of a sliding maximum
        for (int i = reachFrom; i < to; i++) {
            while (j < to && times[j] < times[i] + periodMillis) {
                while (!window.isEmpty() && mem[window.peekLast()] <= mem[j]) {
                    window.pollLast();
                }
                window.addLast(j++);
            }
            while (!window.isEmpty() && window.peekFirst() < i) {
                window.pollFirst();
            }
            if (!window.isEmpty()) {
                reach = Math.max(reach, mem[window.peekFirst()] - mem[i]);
            }
        }
        double ahead = rise * periodMillis / HOUR;
        return new double[] { mem[to - 1] + ahead, mem[to - 1] + Math.max(ahead, MEMORY_TREND_GAIN * reach) };
    }

    private double quantile(double[] values, int from, int to, double q) {
        if (to <= from) {
            return 0;
        }
        double[] s = Arrays.copyOfRange(values, from, to);
        Arrays.sort(s);
        int idx = (int) Math.ceil(q * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }

    private static boolean isWeekend(long t) {
        long dow = Math.floorMod(Math.floorDiv(t, DAY) + 3, 7); // 1970-01-01 was a Thursday: 0 = Monday
        return dow >= 5;
    }

    /** First live index with time >= t. */
    private int lowerBound(long t) {
        int lo = start, hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void compact() {
        int n = end - start;
        int cap = Math.max(1024, n * 2);
        long[] nt = new long[cap];
        double[] nc = new double[cap], nm = new double[cap];
        System.arraycopy(times, start, nt, 0, n);
        System.arraycopy(cpu, start, nc, 0, n);
        System.arraycopy(mem, start, nm, 0, n);
        times = nt;
        cpu = nc;
        mem = nm;
        start = 0;
        end = n;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
