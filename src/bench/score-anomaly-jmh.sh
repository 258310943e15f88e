#!/usr/bin/env bash
# Throughput of score-anomaly's detector (Detectors.standard()) against the EWMA z-score baseline, in one JMH run:
# samples scored per second on one thread, and the ratio. Short by default (the machine is usually shared);
# pass JMH options to override, e.g. src/bench/score-anomaly-jmh.sh -f 3 -wi 5 -i 10.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -x "$JAVA_HOME/bin/java" ]] || JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
export JAVA_HOME
MODULE="$ROOT/functions/score-anomaly"
cd "$ROOT"
./mvnw -B -q -DskipTests -pl functions/score-anomaly -am test-compile
./mvnw -B -q -pl functions/score-anomaly dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$MODULE/target/bench.classpath" >/dev/null
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"
OUT="$MODULE/target/jmh-result.json"
ARGS=("$@")
[[ ${#ARGS[@]} -gt 0 ]] || ARGS=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main 'io.autopilot.anomaly.bench.DetectorBenchmark' \
  -rf json -rff "$OUT" "${ARGS[@]}"
python3 - "$OUT" <<'PY'
import json, sys
rows = {r["params"]["detector"]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
s, b = rows["standard"], rows["baseline"]
print(f"standard : {s['score']:,.0f} ± {s['scoreError']:,.0f} samples/s/core")
print(f"baseline : {b['score']:,.0f} ± {b['scoreError']:,.0f} samples/s/core (EWMA z-score)")
print(f"per-sample cost standard/baseline = {b['score'] / s['score']:.2f}x")
PY
