#!/usr/bin/env bash
# check-budget benchmarks: budget evaluation over a ~1 GB FOCUS 1.2 export (CSV and Parquet) against DuckDB running
# SELECT BillingCurrency, SUM(EffectiveCost) ... GROUP BY on the same file in the same JVM, alternating runs; peak RSS
# of each mode alone (/usr/bin/time -v); forecast error at day 7/14/21. The data goes to /tmp, never the repository.
#
#   src/bench/check-budget-bench.sh [target-bytes (default 1000000000)] [reps (default 3)]
#
# The machine is shared (2 cores, other builds running): figures vary run to run; the ratio is what to compare.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BYTES="${1:-1000000000}"
REPS="${2:-3}"
DATA="${BENCH_DATA:-/tmp/check-budget-bench}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$DATA"
cd "$ROOT"
./mvnw -B -q -pl functions/check-budget -am test-compile -DskipTests
./mvnw -B -q -pl functions/check-budget dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$DATA/classpath" >/dev/null
CP="functions/check-budget/target/test-classes:functions/check-budget/target/classes:shared/target/classes:$(cat "$DATA/classpath")"
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx256m -cp "$CP")
BUDGETS="$DATA/budgets.yaml"
python3 - "$ROOT/knative/check-budget/400-configmap-budgets.yaml" > "$BUDGETS" <<'PY'
import sys
text = open(sys.argv[1]).read()
body = text.split("budgets.yaml: |\n", 1)[1]
print("\n".join(line[4:] for line in body.splitlines()))
PY
if [[ ! -f "$DATA/focus-1.2.csv" ]] || [[ $(stat -c %s "$DATA/focus-1.2.csv") -lt $((BYTES * 9 / 10)) ]]; then
  "${JAVA[@]}" io.autopilot.budget.bench.BudgetScanBenchmark generate "$DATA/focus-1.2.csv" "$BYTES"
fi
for f in "$DATA/focus-1.2.csv" "$DATA/focus-1.2.parquet"; do
  echo "== $(basename "$f"): alternating runs in one JVM"
  "${JAVA[@]}" io.autopilot.budget.bench.BudgetScanBenchmark compare "$f" "$BUDGETS" "$REPS"
  for mode in baseline ours; do
    /usr/bin/time -v "${JAVA[@]}" io.autopilot.budget.bench.BudgetScanBenchmark "$mode" "$f" "$BUDGETS" \
      2> "$DATA/time-$mode.txt" | tail -1
    echo "   $mode peak RSS: $(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$DATA/time-$mode.txt")"
  done
done
echo "== forecast accuracy"
"${JAVA[@]}" io.autopilot.budget.bench.ForecastAccuracy "$ROOT/../shared"
