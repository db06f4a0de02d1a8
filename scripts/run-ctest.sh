#!/usr/bin/env bash
# Runs the CTest tests whose names match REGEX in the build folder, for the verification of a
# control in threat-model.yaml. Fails when no test matches: a control verified by nothing is
# not verified.
# usage: scripts/run-ctest.sh REGEX     (build folder: $THREATWRIGHT_BUILD_DIR or build/)
set -euo pipefail
cd "$(dirname "$0")/.."
regex=${1:?usage: scripts/run-ctest.sh REGEX}
build=${THREATWRIGHT_BUILD_DIR:-build}
[ -f "$build/CTestTestfile.cmake" ] || { echo "no CTest build in $build/: build first" >&2; exit 2; }
out=$(ctest --test-dir "$build" -R "$regex" --output-on-failure --timeout 240 2>&1) && rc=0 || rc=$?
echo "$out" | tail -n 40
if echo "$out" | grep -q "No tests were found"; then
  echo "no test matches '$regex'" >&2
  exit 3
fi
exit "$rc"
