#!/usr/bin/env python3
"""Usage traces for ./autopilot eval-rightsizing: one CSV per workload, timestamp,cpu_cores,memory_bytes.

    python3 src/bench/rightsizing-traces.py OUT_DIR [--shared ../shared] [--seed N]

Two families, deterministic (fixed seeds), 5-minute samples:
  nab-*   the ten CPU series of NAB realAWSCloudwatch (14 days each, CPU utilisation in percent), read as a
          4-core machine's usage (cores = percent / 100 * 4); memory is synthesised from the CPU series: a base,
          a share that follows the smoothed CPU (caches and buffers grow with load), and noise.
  syn-*   synthetic 14-day traces: diurnal business-hours load, a weekly cycle (quiet weekends), random bursts
          (10-40 min at 2-4x), a slow memory leak with restarts, a step change of level, and a flat batch worker.
--seed N (default 0) draws the synthetic traces with other random seeds (same shapes, new noise and bursts):
a held-out set for anything tuned on the default ones. Nothing is downloaded; the NAB files are read from the shared datasets folder.
"""
import csv
import math
import os
import random
import sys
from datetime import datetime, timedelta, timezone

GIB = 1024 ** 3
MIB = 1024 ** 2
STEP = timedelta(minutes=5)


def write(out_dir, name, rows):
    with open(os.path.join(out_dir, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["timestamp", "cpu_cores", "memory_bytes"])
        for t, cpu, mem in rows:
            w.writerow([t.strftime("%Y-%m-%dT%H:%M:%SZ"), "%.4f" % max(cpu, 0.0), "%d" % max(mem, 1)])


def nab(shared, out_dir):
    folder = os.path.join(shared, "datasets", "nab", "data", "realAWSCloudwatch")
    names = sorted(n for n in os.listdir(folder) if "cpu_utilization" in n)
    for k, n in enumerate(names):
        rng = random.Random(1000 + k)
        rows, ewma = [], None
        with open(os.path.join(folder, n)) as f:
            for rec in csv.DictReader(f):
                t = datetime.strptime(rec["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
                cores = float(rec["value"]) / 100.0 * 4
                ewma = cores if ewma is None else 0.9 * ewma + 0.1 * cores
                mem = 600 * MIB + 1.2 * GIB * min(ewma / 4, 1.0) + rng.gauss(0, 15 * MIB)
                rows.append((t, cores, mem))
        write(out_dir, "nab-" + n.replace(".csv", "").replace("_utilization", ""), rows)


def synthetic(out_dir, seed=0):
    start = datetime(2026, 1, 5, tzinfo=timezone.utc)  # a Monday
    n = 14 * 24 * 12

    offset = seed

    def series(name, seed, cpu_fn, mem_fn):
        rng = random.Random(seed + 7919 * offset)
        rows, state = [], {"burst": 0, "burst_x": 1.0, "leak": 0.0}
        for i in range(n):
            t = start + i * STEP
            hour = t.hour + t.minute / 60.0
            weekend = t.weekday() >= 5
            if state["burst"] > 0:
                state["burst"] -= 1
            elif rng.random() < 0.004:
                state["burst"] = rng.randint(2, 8)
                state["burst_x"] = rng.uniform(2.0, 4.0)
            burst = state["burst_x"] if state["burst"] > 0 else 1.0
            cpu = cpu_fn(i, hour, weekend, rng) * burst
            mem = mem_fn(i, hour, weekend, rng, state, cpu)
            rows.append((t, cpu, mem))
        write(out_dir, name, rows)

    def business(hour, weekend):
        day = 1.0 / (1 + math.exp(-(hour - 8.5) * 1.5)) * 1.0 / (1 + math.exp((hour - 18.5) * 1.5))
        return day * (0.25 if weekend else 1.0)

    series("syn-web-diurnal", 1,
           lambda i, h, we, r: 0.3 + 2.2 * business(h, we) + r.gauss(0, 0.08),
           lambda i, h, we, r, s, c: 900 * MIB + 0.25 * GIB * business(h, we) + r.gauss(0, 10 * MIB))
    series("syn-api-sine", 2,
           lambda i, h, we, r: 1.0 + 0.8 * math.sin((h - 9) / 24 * 2 * math.pi) * (0.6 if we else 1.0)
           + r.gauss(0, 0.1),
           lambda i, h, we, r, s, c: 1.5 * GIB + 0.3 * GIB * math.sin((h - 9) / 24 * 2 * math.pi)
           + r.gauss(0, 20 * MIB))

    def leak(i, h, we, r, s, c):
        s["leak"] = 0.0 if i % (3 * 24 * 12) == 0 else s["leak"] + 0.4 * MIB
        return 700 * MIB + s["leak"] + r.gauss(0, 8 * MIB)

    series("syn-worker-leak", 3,
           lambda i, h, we, r: 0.6 + 0.3 * business(h, we) + r.gauss(0, 0.05), leak)
    series("syn-batch-flat", 4,
           lambda i, h, we, r: 1.5 + r.gauss(0, 0.05),
           lambda i, h, we, r, s, c: 2 * GIB + r.gauss(0, 30 * MIB))
    series("syn-step-up", 5,
           lambda i, h, we, r: (0.5 if i < 8 * 24 * 12 else 1.2) * (0.4 + business(h, we)) + r.gauss(0, 0.05),
           lambda i, h, we, r, s, c: (800 if i < 8 * 24 * 12 else 1300) * MIB + r.gauss(0, 15 * MIB))
    series("syn-spiky-nightly", 6,
           lambda i, h, we, r: 0.2 + (3.0 if 2.0 <= h < 2.5 else 0.0) + 0.4 * business(h, we) + r.gauss(0, 0.03),
           lambda i, h, we, r, s, c: 600 * MIB + (1.5 * GIB if 2.0 <= h < 2.75 else 0) + r.gauss(0, 10 * MIB))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = argv[1]
    shared = argv[argv.index("--shared") + 1] if "--shared" in argv else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")
    os.makedirs(out_dir, exist_ok=True)
    nab(shared, out_dir)
    synthetic(out_dir, int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0)
    print(out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
