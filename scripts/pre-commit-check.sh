#!/usr/bin/env bash
# The pre-commit hook threatwright-check (.pre-commit-hooks.yaml): pre-commit calls it with the
# hook's `args` and then the staged files that match `files`. Runs `threatwright check` on each
# model (the one-token options, e.g. --strict or --rules=DIR, apply to all) and exits with the
# worst exit code: 0 valid and gate passed, 1 gate failed, 2 invalid model, 3 internal error.
set -uo pipefail
tw=${THREATWRIGHT:-threatwright}
if ! command -v "$tw" >/dev/null 2>&1; then
  echo "threatwright-check: '$tw' is not on PATH; install threatwright (docs/ci.md)" >&2
  exit 3
fi
opts=()
files=()
for a in "$@"; do
  case "$a" in
    -*) opts+=("$a") ;;
    *) files+=("$a") ;;
  esac
done
worst=0
for f in "${files[@]}"; do
  rc=0
  "$tw" check "$f" "${opts[@]}" || rc=$?
  [ "$rc" -gt "$worst" ] && worst=$rc
done
exit "$worst"
