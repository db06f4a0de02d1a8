#!/usr/bin/env bash
# bench/startup.sh [BUILD_DIR]: start-up figures. Wall time (fastest and median of
# STARTUP_RUNS rounds, default 300, commands interleaved so a noisy machine slows all alike),
# CPU time and page faults of /bin/true, `threatwright --version`, and `check` and
# `analyze --summary` of the five-element bench/small-model.yaml; then the shared libraries
# the binary loads. BASELINE=/path/to/older/threatwright adds its rows for comparison.
# Figures only: never fails on speed.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cmake --build "$build" --target threatwright >/dev/null
python3 - "$build/threatwright" "$here/small-model.yaml" "${STARTUP_RUNS:-300}" "${BASELINE:-}" <<'P'
import os, statistics, sys, time

tw, model, runs, baseline = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
env = dict(os.environ, NO_COLOR="1")


def run(cmd):
    """Wall ms, CPU ms (user + system) and minor page faults of one run."""
    t0 = time.perf_counter()
    pid = os.posix_spawn(cmd[0], cmd, env, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    _, _, ru = os.wait4(pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    return wall, (ru.ru_utime + ru.ru_stime) * 1000, ru.ru_minflt


cmds = {"/bin/true": ["/bin/true"]}
for label, binary in (("", tw), ("baseline ", baseline)):
    if not binary:
        continue
    cmds[label + "--version"] = [binary, "--version"]
    cmds[label + "check (5 elements)"] = [binary, "check", model]
    cmds[label + "analyze --summary"] = [binary, "analyze", model, "--summary"]
samples = {k: [] for k in cmds}
for _ in range(runs):
    for k, cmd in cmds.items():
        samples[k].append(run(cmd))
print(f"{'command':<32}{'wall fastest':>13}{'wall median':>13}{'CPU median':>12}{'page faults':>13}")
for k, xs in samples.items():
    wall = sorted(x[0] for x in xs)
    print(f"{k:<32}{wall[0]:>10.2f} ms{statistics.median(wall):>10.2f} ms"
          f"{statistics.median(x[1] for x in xs):>9.2f} ms{int(statistics.median(x[2] for x in xs)):>13}")
P
echo
echo "shared libraries loaded at start (ldd $build/threatwright):"
ldd "$build/threatwright" | awk '{print "  " $1}'
