#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR]: end-to-end figures on synthetic models (N components, 3N flows):
# wall time and peak RSS of the bare libyaml event parse (the baseline), `threatwright check`,
# `threatwright analyze --summary`, and the same analyze on one thread
# (THREATWRIGHT_THREADS=1). Runs are interleaved (BENCH_RUNS rounds, default 7) so that a
# noisy machine slows all commands alike; each figure is the fastest run, with the median
# ratio to the baseline beside the best one. Prints a table; never fails on speed.
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target tw_gen_model tw_yaml_events threatwright >/dev/null
for n in ${BENCH_SIZES:-5000 20000 80000}; do
  "$build/tw_gen_model" "$n" "$work/model-$n.yaml"
done
python3 - "$build" "$work" "${BENCH_RUNS:-7}" ${BENCH_SIZES:-5000 20000 80000} <<'P'
import os, resource, statistics, subprocess, sys, time

build, work, runs, sizes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
tw = os.path.join(build, "threatwright")


def run(cmd, env):
    """Wall seconds and peak RSS (MB) of one run, from a fresh child each time."""
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execvpe(cmd[0], cmd, env)
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


print(f"{'components':<11}{'file MB':<9}{'libyaml s (MB)':<16}{'check s (MB)':<33}"
      f"{'analyze --summary s (MB)':<33}{'analyze, 1 thread':<20}")
for n in sizes:
    f = os.path.join(work, f"model-{n}.yaml")
    one = dict(os.environ, THREATWRIGHT_THREADS="1")
    cmds = {
        "yaml": ([os.path.join(build, "tw_yaml_events"), f], os.environ),
        "check": ([tw, "check", f, "--no-warnings", "--max-diagnostics", "10"], os.environ),
        "analyze": ([tw, "analyze", f, "--summary"], os.environ),
        "analyze1": ([tw, "analyze", f, "--summary"], one),
    }
    times = {k: [] for k in cmds}
    rss = {k: 0.0 for k in cmds}
    for _ in range(runs):
        for k, (cmd, env) in cmds.items():
            t, m, rc = run(cmd, env)
            if k == "check" and rc > 1:
                print(f"warning: check exited {rc} on the synthetic model", file=sys.stderr)
            times[k].append(t)
            rss[k] = max(rss[k], m)
    base = times["yaml"]

    def cell(k):
        best, med = min(times[k]), statistics.median(times[k])
        return (f"{best:.3f} ({rss[k]:.0f}) x{best / min(base):.2f}, "
                f"med x{med / statistics.median(base):.2f}")

    mb = os.path.getsize(f) / 1e6
    yaml_cell = f"{min(base):.3f} ({rss['yaml']:.0f})"
    one = min(times["analyze1"])
    print(f"{n:<11}{mb:<9.1f}{yaml_cell:<16}{cell('check'):<33}{cell('analyze'):<33}"
          f"{one:.3f} x{one / min(base):.2f}")
P
