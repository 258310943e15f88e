#!/usr/bin/env bash
# record-audit benchmarks (docs/record-audit.md, "Performance"):
#  1. AppendBench: durable appends/s into a real PostgreSQL 15 started for the run (group commit with concurrent
#     producers, and whole batches, each acknowledged after COMMIT) against a plain INSERT loop into the same
#     server in the same run; then a 1-million-entry log reopened from PostgreSQL and inclusion proofs timed.
#  2. InclusionProofBenchmark (JMH): proof latency on 1 million entries, cached subtree hashes vs recomputing
#     from the leaf hashes (baseline), plus the client's verification.
# Usage: src/bench/record-audit-bench.sh [--quick]   (--quick: 100k entries for the proof part, fewer rows)
# Needs the postgresql package (.ci/run installs it). Not run by the build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -x "$JAVA_HOME/bin/java" ]] || JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
MODULE="$ROOT/functions/record-audit"
cd "$ROOT"
JAVA_HOME="$JAVA_HOME" ./mvnw -B -q -DskipTests -pl functions/record-audit -am test-compile
JAVA_HOME="$JAVA_HOME" ./mvnw -B -q -pl functions/record-audit dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$MODULE/target/bench.classpath" >/dev/null
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"

if [[ "${1:-}" == "--quick" ]]; then
  APPEND_ARGS=(1000 20000 256 30000 1000 100000); JMH_ENTRIES=100000
else
  APPEND_ARGS=(3000 60000 256 100000 1000 1000000); JMH_ENTRIES=1000000
fi
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (shared with other work)"
echo "== AppendBench ${APPEND_ARGS[*]}"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" io.autopilot.audit.bench.AppendBench "${APPEND_ARGS[@]}"
echo "== InclusionProofBenchmark (JMH), entries=$JMH_ENTRIES"
"$JAVA_HOME/bin/java" -Xmx1g -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main InclusionProofBenchmark -p entries="$JMH_ENTRIES" \
  -f 1 -wi 3 -i 5 -w 1s -r 1s -jvmArgs -Xmx1g
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
