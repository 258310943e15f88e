#!/usr/bin/env bash
# Build native executables and images for one function or all of them.
#   native-build/build-native.sh                 # every folder under functions/
#   native-build/build-native.sh ingest-alerts   # one function
# Needs a container engine (docker or podman): Mandrel runs in the builder image pinned in the root pom's
# `native` profile, so no GraalVM is needed on the machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENGINE="${CONTAINER_ENGINE:-$(command -v docker || command -v podman || true)}"
if [[ -z "$ENGINE" ]]; then
  echo "build-native: no docker or podman found; native builds run Mandrel in a container" >&2
  exit 1
fi

if [[ $# -gt 0 ]]; then
  functions=("$@")
else
  mapfile -t functions < <(cd "$ROOT/functions" && ls -d */ | tr -d /)
fi

for fn in "${functions[@]}"; do
  [[ -d "$ROOT/functions/$fn" ]] || { echo "build-native: no function '$fn' under functions/" >&2; exit 2; }
  echo "build-native: $fn"
  (cd "$ROOT" && ./mvnw -B package -Dnative -DskipTests -Dquarkus.native.container-runtime="$(basename "$ENGINE")" \
      -pl "functions/$fn" -am)
  "$ENGINE" build -f "$ROOT/native-build/Dockerfile.native-micro" -t "autopilot/$fn:0.1.0" "$ROOT/functions/$fn"
done
