#!/usr/bin/env bash
# check-compliance benchmark (JMH 1.37): resources evaluated per second, and the cost of an evaluation relative to
# parsing the same resource JSON alone (Jackson readTree), both measured in the same run.
#   src/bench/check-compliance-jmh.sh            short run: -f 1 -wi 3 -i 5 -w 1s -r 1s
#   src/bench/check-compliance-jmh.sh -f 3 -i 10  any JMH options instead
# Needs a JDK and the Maven wrapper; reads the resources from ../shared/datasets/pss.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODULE="$ROOT/functions/check-compliance"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -x "$JAVA_HOME/bin/java" ]] || JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
export JAVA_HOME
SHARED="$(cd "$ROOT/../shared" && pwd)"
OUT="${BENCH_OUT:-$MODULE/target/jmh-result.json}"

echo "building check-compliance test classes ..." >&2
(cd "$ROOT" && ./mvnw -B -q -pl functions/check-compliance -am test-compile -DskipTests >&2 \
  && ./mvnw -B -q -pl functions/check-compliance dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$MODULE/target/bench.classpath" >&2)
# The reactor's own classes, never the autopilot SNAPSHOT jars in ~/.m2 (other builds overwrite those).
DEPS="$(tr ':' '\n' < "$MODULE/target/bench.classpath" | grep -v '/io/autopilot/' | paste -sd: -)"
CP="$MODULE/target/test-classes:$MODULE/target/classes:$ROOT/shared/target/classes:$DEPS"

args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
"$JAVA_HOME/bin/java" -Dautopilot.shared.dir="$SHARED" -cp "$CP" io.autopilot.compliance.bench.PodSecurityBenchmark
"$JAVA_HOME/bin/java" -Dautopilot.shared.dir="$SHARED" -cp "$CP" org.openjdk.jmh.Main \
  -jvmArgs "-Dautopilot.shared.dir=$SHARED" "${args[@]}" -rf json -rff "$OUT" 'PodSecurityBenchmark'

python3 - "$OUT" <<'PY'
import json, sys
rows = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
base = rows["parseOnly"]["score"]
print()
print(f"{'benchmark':22} {'ops/s':>12} {'± err':>10} {'µs/op':>8} {'× parse cost':>13}")
for name in ["parseOnly", "restrictedOnly", "parseAndRestricted", "parseAndAllChecks"]:
    r = rows[name]
    print(f"{name:22} {r['score']:12.0f} {r['scoreError']:10.0f} {1e6 / r['score']:8.2f} {base / r['score']:13.2f}")
print()
print(f"evaluation alone (restricted, parsed tree) costs {base / rows['restrictedOnly']['score']:.2f}x parsing the same JSON;"
      f" parse + evaluate = {base / rows['parseAndRestricted']['score']:.2f}x parse alone;"
      f" the function's full per-object checks = {base / rows['parseAndAllChecks']['score']:.2f}x parse alone")
PY
