#!/usr/bin/env bash
# Runs the GoogleTest cases matching FILTER in one unit-test binary of the build folder, for the
# verification of a control in threat-model.yaml. Fails when no case matches (gtest itself would
# pass an empty selection).
# usage: scripts/run-gtest.sh BINARY FILTER   e.g. run-gtest.sh src/load/tw_load_test 'Loader.*'
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?usage: scripts/run-gtest.sh BINARY FILTER}
filter=${2:?usage: scripts/run-gtest.sh BINARY FILTER}
build=${THREATWRIGHT_BUILD_DIR:-build}
[ -x "$build/$bin" ] || { echo "no $build/$bin: build first" >&2; exit 2; }
out=$(THREATWRIGHT_TODAY=2026-11-26 "$build/$bin" --gtest_filter="$filter" --gtest_brief=1 2>&1) && rc=0 || rc=$?
echo "$out" | tail -n 40
ran=$(echo "$out" | sed -n 's/^\[==========\] \([0-9]*\) tests\{0,1\} from .* ran\..*/\1/p' | tail -n 1)
if [ -z "$ran" ] || [ "$ran" -eq 0 ]; then
  echo "no test matches '$filter' in $bin" >&2
  exit 3
fi
exit "$rc"
