#!/usr/bin/env bash
# JMH for rotate-certificates: certificates issued per second for ML-DSA-65 and MLDSA65-ECDSA-P256-SHA512 against the
# raw signing rate of the same provider in the same run (target: issue >= 0.8x rawSign), Bouncy Castle 1.87 against
# the JDK's own ML-DSA (SUN) when the JVM has it (JDK 24+; Temurin 25 is picked when installed).
# Usage: src/bench/rotate-certificates-jmh.sh [extra JMH args]   (default: -f 1 -wi 3 -i 5 -w 1s -r 1s)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${AUTOPILOT_JAVA_HOME:-$([[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] && echo /usr/lib/jvm/temurin-25-jdk-amd64 || echo "${JAVA_HOME:-}")}"
export JAVA_HOME
MODULE="$ROOT/functions/rotate-certificates"
OUT="$MODULE/target/jmh"
mkdir -p "$OUT"
cd "$ROOT"
./mvnw -B -q -pl functions/rotate-certificates -am test-compile
./mvnw -B -q -pl functions/rotate-certificates dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$OUT/classpath.txt")"
ARGS=("$@")
[[ ${#ARGS[@]} -eq 0 ]] && ARGS=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
JAVA="$JAVA_HOME/bin/java"
FEATURE="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"
PARAMS=(-p algorithm=ML-DSA-65,MLDSA65-ECDSA-P256-SHA512 -p signer=BC)
echo "java $FEATURE ($JAVA); shared machine with other builds running: treat absolute figures as noisy, ratios as the result"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main 'IssueBenchmark' "${PARAMS[@]}" "${ARGS[@]}" -rf json -rff "$OUT/bc.json"
RESULTS=("$OUT/bc.json")
if [[ "$FEATURE" -ge 24 ]]; then
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main 'IssueBenchmark' -p algorithm=ML-DSA-65 -p signer=SUN "${ARGS[@]}" \
    -rf json -rff "$OUT/sun.json"
  RESULTS+=("$OUT/sun.json")
fi
python3 - "${RESULTS[@]}" <<'PY'
import json, sys
rows = {}
for f in sys.argv[1:]:
    for r in json.load(open(f)):
        p = r["params"]
        rows[(p["algorithm"], p["signer"], r["benchmark"].split(".")[-1])] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])
print("\n%-28s %-4s %14s %14s %16s %9s" % ("algorithm", "sig", "rawSign/s", "issue/s", "issue+keygen/s", "issue/raw"))
for (alg, sig) in sorted({(a, s) for a, s, _ in rows}):
    raw, issue, kg = (rows.get((alg, sig, b), (float("nan"), 0)) for b in ("rawSign", "issue", "issueWithKeygen"))
    print("%-28s %-4s %8.0f ±%4.0f %8.0f ±%4.0f %10.0f ±%4.0f %8.2fx" % (alg, sig, raw[0], raw[1], issue[0], issue[1], kg[0], kg[1], issue[0] / raw[0]))
if ("ML-DSA-65", "SUN", "issue") in rows:
    print("\nML-DSA-65 issue/s, SUN / BC: %.2fx" % (rows[("ML-DSA-65", "SUN", "issue")][0] / rows[("ML-DSA-65", "BC", "issue")][0]))
PY
# The same issue/raw comparison in thread-CPU time (robust to a loaded machine), Bouncy Castle only.
"$JAVA" -cp "$CP" io.autopilot.certificates.bench.IssueCpuProbe 2>/dev/null | grep '^cpu-probe'
