#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR]: end-to-end figures on synthetic models (N components, 3N flows):
# wall time (best of 3) and peak RSS of the bare libyaml event parse, `threatwright check`
# and (when available) `threatwright analyze --summary`. Prints a table; never fails on speed.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target tw_gen_model tw_yaml_events threatwright >/dev/null
measure() {  # prints "seconds peak_rss_mb" for the best of 3 runs of a command
  python3 - "$@" <<'P'
import resource, subprocess, sys, time
best_t, best_m = None, 0
for _ in range(3):
    t0 = time.perf_counter()
    r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = time.perf_counter() - t0
    best_t = t if best_t is None else min(best_t, t)
best_m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{best_t:.3f} {best_m:.0f} {r.returncode}")
P
}
printf '%-10s %-9s %-22s %-22s %-22s\n' components "file MB" "libyaml s (MB)" "check s (MB)" "analyze s (MB)"
for n in ${BENCH_SIZES:-5000 20000 80000}; do
  f="$work/model-$n.yaml"
  "$build/tw_gen_model" "$n" "$f"
  mb=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/1e6:.1f}')" "$f")
  read -r yt ym _ < <(measure "$build/tw_yaml_events" "$f")
  read -r ct cm crc < <(measure "$build/threatwright" check "$f" --no-warnings --max-diagnostics 10)
  at="-" am="-" arc=0
  if "$build/threatwright" help analyze >/dev/null 2>&1; then
    read -r at am arc < <(measure "$build/threatwright" analyze "$f" --summary)
  fi
  printf '%-10s %-9s %-22s %-22s %-22s\n' "$n" "$mb" "$yt ($ym)" "$ct ($cm) x$(python3 -c "print(f'{$ct/$yt:.2f}')")" \
    "$at ($am)$( [ "$at" != - ] && python3 -c "print(f' x{$at/$yt:.2f}')")"
  [ "$crc" -le 1 ] || echo "warning: check exited $crc on the synthetic model" >&2
done
