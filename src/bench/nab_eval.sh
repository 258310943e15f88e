#!/usr/bin/env bash
# NAB evaluation of score-anomaly's detector: builds the module (through ./autopilot eval-nab), runs it over a
# NAB-layout folder into a temporary folder and scores the results with ../shared/tools/nab_score.py, printing the
# standard, reward_low_FP_rate and reward_low_FN_rate scores twice: with thresholds re-optimised on the folder (how
# NAB's scoreboard is made) and at the one alerting threshold the function ships (application.properties).
#
#   src/bench/nab_eval.sh [DATA_DIR] [-- eval-nab options, e.g. --without range-break]
#
# DATA_DIR defaults to ../shared/datasets/nab/data; its labels are looked up in DATA_DIR/../labels.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${AUTOPILOT_SHARED_DIR:-$ROOT/../shared}"
DATA="$SHARED/datasets/nab/data"
if [[ $# -gt 0 && "$1" != "--" ]]; then DATA="$1"; shift; fi
[[ "${1:-}" == "--" ]] && shift
WINDOWS="$(cd "$DATA/.." && pwd)/labels/combined_windows.json"
THRESHOLD="$(sed -n 's/^autopilot\.score-anomaly\.threshold=//p' \
  "$ROOT/functions/score-anomaly/src/main/resources/application.properties")"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
"$ROOT/autopilot" eval-nab "$DATA" "$OUT/ensemble" "$@"
echo "== thresholds optimised on $(basename "$(dirname "$DATA")") (per profile)"
python3 "$SHARED/tools/nab_score.py" --results "$OUT/ensemble" --windows "$WINDOWS" --data "$DATA" --require-all \
  | grep -E '^(profile|standard|reward)'
echo "== at the shipped threshold $THRESHOLD"
python3 "$SHARED/tools/nab_score.py" --results "$OUT/ensemble" --windows "$WINDOWS" --data "$DATA" --require-all \
  --threshold "$THRESHOLD" | grep -E '^(profile|standard|reward)'
