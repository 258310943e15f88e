package io.autopilot.scaling.rightsizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic traces for tests: 5-minute samples, a business-hours CPU curve, memory following it. */
final class Traces {

    static final long T0 = 1767571200000L; // 2026-01-05T00:00:00Z, a Monday

    private Traces() {
    }

    static UsageTrace diurnal(String name, long seed, int days, double base, double peak) {
        Random r = new Random(seed);
        List<UsageTrace.Sample> s = new ArrayList<>();
        for (int i = 0; i < days * 288; i++) {
            long t = T0 + i * 300_000L;
            double hour = (i % 288) / 12.0;
            double day = 1 / (1 + Math.exp(-(hour - 8.5) * 1.5)) / (1 + Math.exp((hour - 18.5) * 1.5));
            double cpu = Math.max(0.01, base + (peak - base) * day + 0.05 * r.nextGaussian());
            double mem = 700e6 + 300e6 * day + 5e6 * r.nextGaussian();
            s.add(new UsageTrace.Sample(t, cpu, mem));
        }
        return new UsageTrace(name, s);
    }

    /** Flat CPU; memory flat at 600 MB except a 1.5 GB working-set spike from 02:00 to 02:45 every night. */
    static UsageTrace nightlySpike(String name, long seed, int days) {
        Random r = new Random(seed);
        List<UsageTrace.Sample> s = new ArrayList<>();
        for (int i = 0; i < days * 288; i++) {
            long t = T0 + i * 300_000L;
            double hour = (i % 288) / 12.0;
            double mem = 600e6 + (hour >= 2.0 && hour < 2.75 ? 1.5e9 : 0) + 10e6 * r.nextGaussian();
            s.add(new UsageTrace.Sample(t, Math.max(0.01, 0.3 + 0.03 * r.nextGaussian()), mem));
        }
        return new UsageTrace(name, s);
    }
}
