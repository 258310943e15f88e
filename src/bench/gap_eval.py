#!/usr/bin/env python3
"""GAP benchmark: the place-workloads solver on the OR-Library instances, gap to the proven optimum.

Builds the module if its classes are missing, runs SolveGapCommand once per time limit (one JVM per limit, every
instance of the folder in it), joins the CSV it prints with values.csv (the minimisation optimum) and prints, per
limit: instances, feasible count, optimal count, mean and max gap % (and which instance), mean millis. Feasibility
comes from the command's independent checker, and an infeasible answer is a failure, never a gap. See
src/bench/GAP.md for the method and the figures measured. Python 3 standard library only.
"""

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEMURIN_25 = Path("/usr/lib/jvm/temurin-25-jdk-amd64")
MODULE = "functions/place-workloads"
CLASSES = REPO / MODULE / "target/classes"
MAIN_CLASS = "io.autopilot.placement.solver.SolveGapCommand"
MAIN_CLASS_FILE = CLASSES / "io/autopilot/placement/solver/SolveGapCommand.class"
# Options the java launcher picks up from the environment; they would change what is measured.
JAVA_ENV_OPTIONS = ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")
# Below this relative gap an objective counts as optimal (the optima are integers; this absorbs float noise).
OPTIMAL_TOLERANCE = 1e-9
# GapSolver.Variant, as SolveGapCommand --variant takes them.
VARIANTS = ["full", "greedy-classic", "greedy", "descent", "tabu-feasible", "no-chains", "no-lagrangian"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("limits", nargs="*", type=int, default=[50, 1000],
                        help="time limits in ms per instance (default: 50 1000)")
    parser.add_argument("--instances", type=Path, default=None,
                        help="folder of single-problem OR-Library files (default: shared/datasets/gap/instances)")
    parser.add_argument("--values", type=Path, default=None,
                        help="values.csv with a min_value column (default: values.csv beside the instances folder)")
    parser.add_argument("--jdk", default=None,
                        help="JDK home or java binary (default: Temurin 25 if present, else java on PATH)")
    parser.add_argument("--variant", default=None, choices=VARIANTS,
                        help="solver variant for the ablation (see src/bench/GAP.md); default: full")
    parser.add_argument("--seed", type=int, default=None, help="solver seed (default: the solver's)")
    parser.add_argument("--no-warmup", action="store_true",
                        help="do not solve the first instance once untimed before the measured runs")
    parser.add_argument("--rebuild", action="store_true", help="rebuild even if the classes are there")
    parser.add_argument("--json", type=Path, default=None, help="also write every row and the summary here")
    parser.add_argument("--rows", action="store_true", help="also print one line per instance")
    return parser.parse_args()


def shared_dir():
    configured = os.environ.get("AUTOPILOT_SHARED_DIR")
    if configured:
        return Path(configured)
    # The repository's shared data lives beside it (../shared) in the project layout; fall back to /work/shared.
    for candidate in (REPO.parent / "shared", Path("/work/shared")):
        if (candidate / "datasets/gap").is_dir():
            return candidate
    return REPO.parent / "shared"


def java_binary(jdk):
    if jdk is None:
        jdk = str(TEMURIN_25) if TEMURIN_25.is_dir() else "java"
    path = Path(jdk)
    if path.is_dir():
        return str(path / "bin" / "java")
    return jdk


def build(rebuild):
    if MAIN_CLASS_FILE.is_file() and not rebuild:
        return
    print(f"building {MODULE} ...", file=sys.stderr)
    subprocess.run(["./mvnw", "-B", "-q", "-pl", MODULE, "-am", "install", "-DskipTests"], cwd=REPO, check=True)


def read_optima(values_csv):
    optima = {}
    with open(values_csv, newline="") as handle:
        for row in csv.DictReader(handle):
            optima[row["instance"]] = float(row["min_value"])
    return optima


def run_limit(java, instances, limit, args):
    command = [java, "-cp", str(CLASSES), MAIN_CLASS, str(instances), str(limit)]
    if args.variant:
        command += ["--variant", args.variant]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    if args.no_warmup:
        command.append("--no-warmup")
    env = {k: v for k, v in os.environ.items() if k not in JAVA_ENV_OPTIONS}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"SolveGapCommand failed ({done.returncode}) for {limit} ms:\n{done.stderr}")
    if done.stderr.strip():
        print(done.stderr.strip(), file=sys.stderr)
    return list(csv.DictReader(io.StringIO(done.stdout)))


def score(rows, optima, limit):
    scored = []
    for row in rows:
        name = row["instance"]
        objective = float(row["objective"])
        feasible = row["feasible"] == "true"
        optimum = optima.get(name)
        gap = None
        if feasible and optimum:
            gap = 100.0 * (objective - optimum) / optimum
        scored.append({"instance": name, "objective": objective, "optimum": optimum, "feasible": feasible,
                       "gap_percent": gap, "millis": int(row["millis"])})
    gaps = [r for r in scored if r["gap_percent"] is not None]
    worst = max(gaps, key=lambda r: r["gap_percent"]) if gaps else None
    summary = {
        "limit_ms": limit,
        "instances": len(scored),
        "feasible": sum(r["feasible"] for r in scored),
        "with_optimum": sum(r["optimum"] is not None for r in scored),
        "optimal": sum(r["gap_percent"] is not None and r["gap_percent"] <= OPTIMAL_TOLERANCE * 100 for r in scored),
        "mean_gap_percent": statistics.fmean(r["gap_percent"] for r in gaps) if gaps else None,
        "max_gap_percent": worst["gap_percent"] if worst else None,
        "max_gap_instance": worst["instance"] if worst else None,
        "mean_millis": statistics.fmean(r["millis"] for r in scored) if scored else None,
        "max_millis": max((r["millis"] for r in scored), default=None),
    }
    return summary, scored


def print_summary(summary):
    def fmt(value, pattern):
        return "-" if value is None else pattern.format(value)
    print(f"limit {summary['limit_ms']} ms: {summary['instances']} instances, "
          f"{summary['feasible']} feasible, {summary['optimal']} optimal, "
          f"mean gap {fmt(summary['mean_gap_percent'], '{:.3f}')} %, "
          f"max gap {fmt(summary['max_gap_percent'], '{:.3f}')} % ({summary['max_gap_instance'] or '-'}), "
          f"mean {fmt(summary['mean_millis'], '{:.1f}')} ms (max {fmt(summary['max_millis'], '{}')} ms)")


def main():
    args = parse_args()
    shared = shared_dir()
    instances = args.instances or shared / "datasets/gap/instances"
    values = args.values or instances.parent / "values.csv"
    java = java_binary(args.jdk)
    build(args.rebuild)
    optima = read_optima(values)
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()
    print(f"java: {java} ({version[0] if version else '?'}), load average {os.getloadavg()[0]:.2f}")
    report = {"java": java, "java_version": version[0] if version else None, "instances": str(instances),
              "variant": args.variant or "full", "results": []}
    for limit in args.limits:
        rows = run_limit(java, instances, limit, args)
        summary, scored = score(rows, optima, limit)
        summary["load_average_after"] = os.getloadavg()[0]
        print_summary(summary)
        if args.rows:
            for r in scored:
                gap = "infeasible" if not r["feasible"] else (
                    "-" if r["gap_percent"] is None else f"{r['gap_percent']:.3f} %")
                print(f"  {r['instance']:>10} {r['objective']:>10g} opt {r['optimum'] or '-':>8} {gap:>10} "
                      f"{r['millis']:>5} ms")
        report["results"].append({"summary": summary, "rows": scored})
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
