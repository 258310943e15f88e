#!/usr/bin/env python3
"""Placement decision latency: place-workloads over HTTP (binary CloudEvent) vs its solver alone, in one run.

Starts the packaged function, sends a seeded request of 200 workloads x 20 sites (inline inventory) N times, and
reports p50/p99 of the client-measured round trip and of the solver's own time (the decision's solverMillis,
measured inside the same request). Loopback only; the JVM is stopped by PID.
"""
import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
APP = os.path.join(ROOT, "functions", "place-workloads", "target", "quarkus-app", "quarkus-run.jar")
TEMURIN = "/usr/lib/jvm/temurin-25-jdk-amd64"


def request(workloads, sites, seed):
    """A feasible but tight batch: demand is about 70% of capacity; latency SLOs and residency rule pairs out."""
    rnd = random.Random(seed)
    regions = ["eu-west", "eu-central", "us-east", "us-west", "ap-south"]
    juris = {"eu-west": "EU", "eu-central": "EU", "us-east": "US", "us-west": "US", "ap-south": "IN"}
    inv_sites = []
    for s in range(sites):
        home = regions[s % len(regions)]
        inv_sites.append({
            "name": "site-%02d" % s, "cluster": "member-%02d" % s, "region": home, "jurisdiction": juris[home],
            "capacity": {"cpu": str(rnd.randint(48, 96)), "memory": "%dGi" % rnd.randint(192, 384), "gpu": rnd.choice([0, 0, 4])},
            "latencyMillis": {r: (rnd.randint(3, 15) if r == home else rnd.randint(20, 160)) for r in regions},
            "prices": {"cpuHour": round(rnd.uniform(0.025, 0.06), 4), "memoryGiBHour": round(rnd.uniform(0.003, 0.007), 4),
                       "gpuHour": 2.5, "egressGiB": round(rnd.uniform(0.01, 0.09), 3)},
            "carbonIntensity": rnd.randint(20, 600)})
    wl = []
    for w in range(workloads):
        region = rnd.choice(regions)
        item = {"name": "svc-%03d" % w, "namespace": "bench", "replicas": rnd.randint(1, 6),
                "cpu": "%dm" % rnd.choice([250, 500, 750, 1000, 1500]), "memory": "%dMi" % rnd.choice([256, 512, 1024, 2048]),
                "latencySlos": [{"region": region, "maxMillis": rnd.choice([40, 80, 200])}],
                "bandwidthMbps": rnd.randint(1, 100)}
        if rnd.random() < 0.2:
            item["residency"] = [juris[region]]
        wl.append(item)
    return {"requestId": "bench-%d" % seed, "workloads": wl, "inventory": {"sites": inv_sites}}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port, body, event_id):
    req = urllib.request.Request("http://127.0.0.1:%d/" % port, data=body, method="POST", headers={
        "content-type": "application/json", "ce-specversion": "1.0", "ce-id": event_id,
        "ce-type": "io.autopilot.placement.requested", "ce-source": "/bench"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as resp:
        data = resp.read()
        status = resp.status
    return (time.perf_counter() - t0) * 1000, status, json.loads(data)


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jdk", default=TEMURIN if os.path.isdir(TEMURIN) else None)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--workloads", type=int, default=200)
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--json")
    args = ap.parse_args()
    java = os.path.join(args.jdk, "bin", "java") if args.jdk else shutil.which("java")
    if not os.path.exists(APP):
        subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "-pl", "functions/place-workloads", "-am",
                        "install", "-DskipTests"], cwd=ROOT, check=True)
    body = json.dumps(request(args.workloads, args.sites, 7)).encode()
    port = free_port()
    proc = subprocess.Popen([java, "-Dquarkus.http.port=%d" % port, "-Dquarkus.http.host=127.0.0.1",
                             "-Dquarkus.funqy.export=placeWorkloads", "-jar", APP],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                post(port, body, "probe")
                break
            except Exception:
                if time.time() > deadline or proc.poll() is not None:
                    sys.exit("place-workloads did not start")
                time.sleep(0.1)
        for i in range(args.warmup):
            post(port, body, "warm-%d" % i)
        http, solver = [], []
        for i in range(args.requests):
            ms, status, decision = post(port, body, "req-%d" % i)
            if status != 200 or decision.get("status") != "placed":
                sys.exit("unexpected answer %s: %s" % (status, str(decision)[:300]))
            http.append(ms)
            solver.append(decision["solverMillis"])
        result = {
            "jdk": subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0],
            "workloads": args.workloads, "sites": args.sites, "requests": args.requests,
            "http_p50_ms": pct(http, 50), "http_p99_ms": pct(http, 99), "http_mean_ms": statistics.mean(http),
            "solver_p50_ms": pct(solver, 50), "solver_p99_ms": pct(solver, 99),
            "loadavg": open("/proc/loadavg").read().split()[:3]}
        result["ratio_p50"] = result["http_p50_ms"] / max(result["solver_p50_ms"], 1e-9)
        print("%d workloads x %d sites, %d requests after %d warm-up, %s, load %s" % (
            args.workloads, args.sites, args.requests, args.warmup, result["jdk"], " ".join(result["loadavg"])))
        print("  function over HTTP : p50 %.1f ms  p99 %.1f ms  (mean %.1f)" % (
            result["http_p50_ms"], result["http_p99_ms"], result["http_mean_ms"]))
        print("  solver alone       : p50 %.1f ms  p99 %.1f ms" % (result["solver_p50_ms"], result["solver_p99_ms"]))
        print("  ratio (p50)        : %.2fx" % result["ratio_p50"])
        if args.json:
            with open(args.json, "w") as f:
                json.dump(result, f, indent=2)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
