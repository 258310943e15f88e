#!/usr/bin/env python3
"""Startup benchmark: process start -> first event handled, ingest-alerts vs an empty Funqy app.

Builds what is missing, then starts each app's quarkus-run.jar N times, interleaved round-robin so that
background load hits every app alike, and prints medians, min/max and the ratio ingest-alerts / empty.
See src/bench/README.md for the method and the figures measured. Loopback only; every JVM it starts is
stopped by PID before it exits. Python 3 standard library only.
"""

import argparse
import http.client
import http.server
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEMURIN_25 = Path("/usr/lib/jvm/temurin-25-jdk-amd64")
WEBHOOK_SAMPLE = REPO / "shared/src/test/resources/alertmanager/webhook-firing.json"

START_TIMEOUT_S = 60.0   # per start: give up on an app that has not handled its first event by then
POLL_INTERVAL_S = 0.005  # ~5 ms between attempts, so the first-event time is accurate to a few ms
REQUEST_TIMEOUT_S = 15.0  # one request; the first one after the port opens can be slow (class loading, JIT)
STOP_TIMEOUT_S = 10.0    # graceful stop before SIGKILL
QUIET_CORES = 0.25       # a start is "quiet" when other work kept less than this many cores busy meanwhile

# Options the java launcher picks up from the environment; they would change what is measured.
JAVA_ENV_OPTIONS = ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")

# Leyden AOT (JDK 25+): stack.md section 4. type must be set explicitly, because with release 17 "auto"
# picks AppCDS; phase=build records during the build (startup only), so no integration tests are needed.
AOT_BUILD_PROPS = [
    "-Dquarkus.package.jar.aot.enabled=true",
    "-Dquarkus.package.jar.aot.type=AOT",
    "-Dquarkus.package.jar.aot.phase=build",
    # Beside, not over, the plain target/quarkus-app, so both variants can be measured in one run. The
    # output directory replaces quarkus-app/: the app lands in target/bench-aot/ itself.
    "-Dquarkus.package.output-directory=bench-aot",
]


class App:
    """One app under test: where its quarkus-app lives, how to build it, and how to send its first event."""

    def __init__(self, name, module_dir, build_args, aot_build_args, jvm_props, request):
        self.name = name
        self.module_dir = module_dir
        self.build_args = build_args
        self.aot_build_args = aot_build_args
        self.jvm_props = jvm_props  # callable(sink_url) -> list of -D flags
        self.request = request      # callable() -> (method, path, headers, body, expected status)

    def quarkus_app(self, aot):
        return self.module_dir / ("target/bench-aot" if aot else "target/quarkus-app")


def sample_alert_count():
    return len(json.loads(WEBHOOK_SAMPLE.read_text())["alerts"])


def ingest_alerts_request():
    # Alertmanager's own webhook (plain JSON, not a CloudEvent): 200 means every alert event reached the sink.
    body = WEBHOOK_SAMPLE.read_bytes()
    return "POST", "/webhooks/alertmanager", {"content-type": "application/json"}, body, 200


def empty_request():
    # A binary-mode CloudEvent, the way a Knative Broker delivers one; the exported function takes any ce-type.
    headers = {
        "ce-specversion": "1.0",
        "ce-id": str(uuid.uuid4()),
        "ce-type": "io.autopilot.bench.ping",
        "ce-source": "/bench/startup",
        "content-type": "application/json",
    }
    return "POST", "/", headers, b'{"message":"ping","n":1}', 200


APPS = [
    App("ingest-alerts", REPO / "functions/ingest-alerts",
        ["-pl", "functions/ingest-alerts", "-am", "install", "-DskipTests"],
        # package, not install: the AOT build must not replace what the plain build put in ~/.m2.
        ["-pl", "functions/ingest-alerts", "-am", "package", "-DskipTests"],
        # What the Knative Service sets: the one exported function, and K_SINK from the SinkBinding.
        lambda sink_url: ["-DK_SINK=" + sink_url, "-Dquarkus.funqy.export=ingestAlerts"],
        ingest_alerts_request),
    App("empty-funqy", REPO / "src/bench/empty-funqy",
        ["-f", "src/bench/empty-funqy/pom.xml", "package", "-DskipTests"],
        ["-f", "src/bench/empty-funqy/pom.xml", "package", "-DskipTests"],
        lambda sink_url: [],  # quarkus.funqy.export is in its application.properties
        empty_request),
]


# ---------------------------------------------------------------------------------------------- sink

class Sink:
    """A stand-in for the Knative Broker behind K_SINK: accepts every event with 202 and counts them."""

    def __init__(self):
        self.count = 0
        self._lock = threading.Lock()
        sink = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the JDK HttpClient in HttpEventSink expects

            def do_POST(self):
                self.rfile.read(int(self.headers.get("content-length") or 0))
                with sink._lock:
                    sink.count += 1
                self.send_response(202)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass  # keep the benchmark's output to the figures

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d/" % self._server.server_address[1]

    def reset(self):
        with self._lock:
            self.count = 0

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


# --------------------------------------------------------------------------------------------- build

def java_home_of(java):
    """The JDK home for a java binary, so Maven can be told to build with it (for the AOT cache)."""
    return Path(os.path.realpath(shutil.which(java) or java)).parents[1]


def build(app, aot, jdk_home, force):
    """Builds the app's quarkus-app unless it is there already (or --rebuild); plain builds use the default JDK."""
    run_jar = app.quarkus_app(aot) / "quarkus-run.jar"
    if run_jar.exists() and not force:
        return
    args = ["./mvnw", "-B", "-q"] + (app.aot_build_args + AOT_BUILD_PROPS if aot else app.build_args)
    env = dict(os.environ)
    if aot:
        # The AOT cache is tied to the exact JDK build that records it: record with the JDK that will run it.
        env["JAVA_HOME"] = str(jdk_home)
    print("building %s%s: %s" % (app.name, " (AOT)" if aot else "", " ".join(args)), flush=True)
    subprocess.run(args, cwd=REPO, env=env, check=True)
    if not run_jar.exists():
        sys.exit("build finished but %s is missing" % run_jar)


# ------------------------------------------------------------------------------------------- measure

def free_port():
    # Ask the kernel for a free loopback port. It could be taken again before the JVM binds it; a start that
    # fails that way shows as an error with the JVM's log, never as a wrong figure.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """User + system CPU time of the whole JVM (all threads), from /proc/<pid>/stat fields 14 and 15."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()  # after "(comm)", which may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU time all cores spent busy since boot (/proc/stat), to tell how much else ran during a start."""
    with open("/proc/stat") as f:
        user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds():
    """This script's CPU time (polling, the sink), which is not foreign load either."""
    t = os.times()
    return t.user + t.system


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def try_request(port, method, path, headers, body):
    """One attempt; returns the HTTP status and body, or None while nothing listens on the port yet."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    except (ConnectionRefusedError, ConnectionResetError):
        return None
    finally:
        conn.close()


def stop(proc):
    """Stops the JVM we started, by its PID: SIGTERM (Quarkus shuts down cleanly), then SIGKILL if it hangs."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT_S)


def quarkus_started_in(log_text):
    match = re.search(r"started in ([0-9.]+)s", log_text)
    return float(match.group(1)) if match else None


def jvm_env():
    env = {k: v for k, v in os.environ.items() if k not in JAVA_ENV_OPTIONS}
    env.pop("K_SINK", None)  # the sink is always the script's own
    return env


def measure_once(app, aot, java, sink, log_dir, label):
    """Starts the app once and times process start -> first event handled. Always stops the JVM."""
    port = free_port()
    cmd = [java, "-Dquarkus.http.port=%d" % port, "-Dquarkus.http.host=127.0.0.1"]
    cmd += app.jvm_props(sink.url)
    if aot:
        # AOTMode=on: fail if the cache cannot be used (e.g. another JDK build made it) instead of quietly
        # measuring a plain start under the "+aot" name.
        cmd += ["-XX:AOTMode=on", "-XX:AOTCache=app.aot"]
    cmd += ["-jar", "quarkus-run.jar"]
    method, path, headers, body, expected = app.request()
    sink.reset()
    log_path = log_dir / ("%s.log" % label)
    with open(log_path, "wb") as log:
        # Run from the quarkus-app dir: -XX:AOTCache=app.aot is relative to it, as in the container image.
        busy0, own0 = machine_busy_seconds(), own_cpu_seconds()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=app.quarkus_app(aot), stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=jvm_env())
    try:
        deadline = t0 + START_TIMEOUT_S
        last = "no answer"
        while True:
            if proc.poll() is not None:
                raise RuntimeError("%s exited with %s before its first event; see %s"
                                   % (label, proc.returncode, log_path))
            if time.perf_counter() > deadline:
                raise RuntimeError("%s: no first event within %.0f s (last: %s); see %s"
                                   % (label, START_TIMEOUT_S, last, log_path))
            answer = try_request(port, method, path, headers, body)
            if answer is not None and answer[0] == expected:
                elapsed = time.perf_counter() - t0
                cpu, rss = cpu_seconds(proc.pid), rss_mib(proc.pid)  # read at once: the JVM is still busy
                # Whatever else kept the cores busy meanwhile: the load average cannot tell, as it counts this
                # benchmark's own JVMs (about 1.5 cores while one starts).
                foreign = machine_busy_seconds() - busy0 - cpu - (own_cpu_seconds() - own0)
                break
            if answer is not None:
                # Answered but not handled (e.g. a 503 from a failing sink): keep polling until the deadline.
                last = "HTTP %d %s" % (answer[0], answer[1][:200].decode("utf-8", "replace"))
            time.sleep(POLL_INTERVAL_S)
    finally:
        stop(proc)
    return {
        "first_event_s": elapsed,
        "cpu_s": cpu,
        "rss_mib": rss,
        "foreign_cores": max(0.0, foreign / elapsed),
        "quarkus_started_in_s": quarkus_started_in(log_path.read_text(errors="replace")),
        "sink_events": sink.count,
    }


# ------------------------------------------------------------------------------------------- report

def jdk_version(java):
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    return [line for line in out.splitlines() if line.strip()]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def summarise(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def print_table(summary, variants):
    print()
    print("%-18s %24s %18s %18s %10s %14s" % ("app", "first event s (min-max)", "CPU s (min-max)",
                                               "RSS MiB (min-max)", "Quarkus s", "other cores"))
    for v in variants:
        s = summary[v]
        print("%-18s %6.3f (%.3f-%.3f) %6.2f (%.2f-%.2f) %7.1f (%.0f-%.0f) %10.3f %8.2f (max %.2f)" % (
            v, s["first_event_s"]["median"], s["first_event_s"]["min"], s["first_event_s"]["max"],
            s["cpu_s"]["median"], s["cpu_s"]["min"], s["cpu_s"]["max"],
            s["rss_mib"]["median"], s["rss_mib"]["min"], s["rss_mib"]["max"],
            s["quarkus_started_in_s"]["median"] if s.get("quarkus_started_in_s") else float("nan"),
            s["foreign_cores"]["median"], s["foreign_cores"]["max"]))


def ratios(summary, runs, suffix):
    """The headline: ratio of the medians. Also the median of per-round ratios: each round's two starts ran
    back to back, so pairing them cancels load that drifts over the run."""
    a, b = summary["ingest-alerts" + suffix], summary["empty-funqy" + suffix]
    out = {key: a[key]["median"] / b[key]["median"] for key in ("first_event_s", "cpu_s", "rss_mib")}
    pairs = list(zip(runs["ingest-alerts" + suffix], runs["empty-funqy" + suffix]))
    out["first_event_s_paired"] = statistics.median(x["first_event_s"] / y["first_event_s"] for x, y in pairs)
    # Another build on a shared machine comes and goes in bursts; the rounds it left alone give the figures
    # of a quiet machine, measured in the same run.
    quiet = [(x, y) for x, y in pairs if max(x["foreign_cores"], y["foreign_cores"]) < QUIET_CORES]
    out["quiet_rounds"] = len(quiet)
    if quiet:
        out["quiet_first_event_s"] = {"ingest-alerts": statistics.median(x["first_event_s"] for x, _ in quiet),
                                      "empty-funqy": statistics.median(y["first_event_s"] for _, y in quiet)}
        out["quiet_first_event_s_paired"] = statistics.median(x["first_event_s"] / y["first_event_s"]
                                                              for x, y in quiet)
    return out


# --------------------------------------------------------------------------------------------- main

def default_java():
    candidate = TEMURIN_25 / "bin/java"
    return str(candidate) if candidate.exists() else "java"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jdk", help="JDK home, or a java binary (default: Temurin 25 if installed, else java on PATH)")
    p.add_argument("--runs", type=int, default=7, help="measured rounds per app (default 7)")
    p.add_argument("--warmup", type=int, default=1,
                   help="rounds run first and discarded, to fill the page cache (default 1)")
    p.add_argument("--json", type=Path, help="also write the raw runs and the summary to this file")
    p.add_argument("--aot", action="store_true", help="also measure with a Leyden AOT cache (JDK 25+ only)")
    p.add_argument("--rebuild", action="store_true", help="rebuild even if target/quarkus-app exists")
    p.add_argument("--keep-logs", action="store_true", help="keep the JVM logs (always kept when a start fails)")
    return p.parse_args()


def resolve_java(jdk):
    if jdk is None:
        return default_java()
    path = Path(jdk)
    return str(path / "bin/java") if path.is_dir() else str(path)


def main():
    args = parse_args()
    if args.runs < 1:
        sys.exit("--runs must be at least 1")
    java = resolve_java(args.jdk)
    version = jdk_version(java)
    feature = int(re.search(r'version "(\d+)', version[0]).group(1))
    if args.aot and feature < 25:
        sys.exit("--aot needs a JDK 25+ (the Leyden AOT cache); %s is %d" % (java, feature))
    for name in JAVA_ENV_OPTIONS:
        if os.environ.get(name):
            print("note: ignoring %s for the measured JVMs" % name)

    variants = [(app, False) for app in APPS] + ([(app, True) for app in APPS] if args.aot else [])
    for app, aot in variants:
        build(app, aot, java_home_of(java), args.rebuild)

    def key(app, aot):
        return app.name + ("+aot" if aot else "")

    log_dir = Path(tempfile.mkdtemp(prefix="autopilot-bench-"))
    runs = {key(app, aot): [] for app, aot in variants}
    load_before = loadavg()
    print("JDK: %s (%s)" % (version[0], java))
    print("load average before: %s (%d CPUs); %d warm-up + %d measured rounds" % (
        load_before, os.cpu_count(), args.warmup, args.runs))
    load_1min = []  # sampled every round: another build on the machine shows up here, not in the medians
    with Sink() as sink:
        for round_no in range(-args.warmup, args.runs):
            load_1min.append(float(loadavg().split()[0]))
            for app, aot in variants:  # interleaved, so drift in background load spreads over every app
                label = "%s-round%d" % (key(app, aot), round_no)
                result = measure_once(app, aot, java, sink, log_dir, label)
                print("  %-18s %-8s %.3f s, CPU %.2f s, RSS %.0f MiB, other cores busy %.2f" % (
                    key(app, aot), "warm-up" if round_no < 0 else "round %d" % (round_no + 1),
                    result["first_event_s"], result["cpu_s"], result["rss_mib"], result["foreign_cores"]),
                      flush=True)
                if app.name == "ingest-alerts" and result["sink_events"] != sample_alert_count():
                    # 200 should mean every alert event reached the sink; if not, the time is not comparable.
                    print("  warning: ingest-alerts answered 200 but the sink got %d events, not %d"
                          % (result["sink_events"], sample_alert_count()), flush=True)
                if round_no >= 0:
                    runs[key(app, aot)].append(result)
    load_after = loadavg()

    summary = {}
    for name, results in runs.items():
        summary[name] = {m: summarise([r[m] for r in results])
                         for m in ("first_event_s", "cpu_s", "rss_mib", "foreign_cores")}
        started = [r["quarkus_started_in_s"] for r in results if r["quarkus_started_in_s"] is not None]
        summary[name]["quarkus_started_in_s"] = summarise(started) if started else None
    headline = {"plain": ratios(summary, runs, "")}
    if args.aot:
        headline["aot"] = ratios(summary, runs, "+aot")

    print_table(summary, list(runs))
    print()
    for variant, r in headline.items():
        print("RATIO ingest-alerts / empty-funqy (%s, medians): first event %.2fx (per-round pairs %.2fx), "
              "CPU %.2fx, RSS %.2fx" % (variant, r["first_event_s"], r["first_event_s_paired"], r["cpu_s"],
                                        r["rss_mib"]))
        if r["quiet_rounds"]:
            q = r["quiet_first_event_s"]
            print("  quiet rounds only (%d of %d, other cores < %.2f): ingest-alerts %.3f s, empty-funqy %.3f s, "
                  "per-round ratio %.2fx" % (r["quiet_rounds"], args.runs, QUIET_CORES, q["ingest-alerts"],
                                             q["empty-funqy"], r["quiet_first_event_s_paired"]))
        else:
            print("  no quiet round (other work kept >= %.2f cores busy in every round)" % QUIET_CORES)
    print("JDK: %s; load average before %s, after %s (1-min during: %.2f-%.2f); %d runs per app" % (
        version[0], load_before, load_after, min(load_1min), max(load_1min), args.runs))
    if args.keep_logs:
        print("JVM logs in %s" % log_dir)
    else:
        shutil.rmtree(log_dir, ignore_errors=True)

    if args.json:
        args.json.write_text(json.dumps({
            "jdk": version, "java": java, "runs": args.runs, "warmup": args.warmup, "cpus": os.cpu_count(),
            "loadavg_before": load_before, "loadavg_after": load_after, "loadavg_1min_per_round": load_1min,
            "ratio_ingest_alerts_over_empty": headline, "summary": summary, "raw": runs,
        }, indent=2) + "\n")
        print("wrote %s" % args.json)


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as e:
        sys.exit("build failed: %s" % e)
    except RuntimeError as e:
        sys.exit("benchmark failed: %s" % e)
