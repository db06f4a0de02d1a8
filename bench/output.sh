#!/usr/bin/env bash
# bench/output.sh [BUILD_DIR]: what writing the output costs, on synthetic models of N
# components and 3N flows (OUTPUT_SIZES, default 10000: 30,000 flows). Wall time and peak RSS
# of the bare libyaml event parse (the baseline), `analyze --summary` (the analysis with almost
# no output), `analyze --format json` to stdout and with -o FILE, and each `report` format to
# stdout. Output to stdout goes to /dev/null, so the figures are threatwright's, not a pipe
# reader's. Runs are interleaved (BENCH_RUNS rounds, default 7) so that a noisy machine slows
# them alike; each row has the fastest run, its ratio to the fastest bare parse, the median of
# the per-round ratios, and peak memory against `--summary`'s. BASELINE=/path/to/older/threatwright
# adds that binary's rows (marked "before:"). Never fails on speed.
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target tw_gen_model tw_yaml_events threatwright >/dev/null
for n in ${OUTPUT_SIZES:-10000}; do
  "$build/tw_gen_model" "$n" "$work/model-$n.yaml"
done
BASELINE=${BASELINE:-} python3 - "$build" "$work" "${BENCH_RUNS:-7}" ${OUTPUT_SIZES:-10000} <<'P'
import os, statistics, sys, time

build, work, runs, sizes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
tw = os.path.join(build, "threatwright")


def run(cmd):
    """Wall seconds, peak RSS (MiB) and exit code of one run, stdout to /dev/null."""
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execv(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


for n in sizes:
    f = os.path.join(work, f"model-{n}.yaml")
    out = os.path.join(work, "out")
    cmds = {
        "bare libyaml parse": [os.path.join(build, "tw_yaml_events"), f],
        "analyze --summary": [tw, "analyze", f, "--summary"],
        "analyze --format json": [tw, "analyze", f, "--format", "json"],
        "analyze --format json -o FILE": [tw, "analyze", f, "--format", "json", "-o", out],
    }
    for fmt in ("json", "sarif", "csv", "md", "html"):
        cmds[f"report --format {fmt}"] = [tw, "report", f, "--format", fmt]
    if os.environ.get("BASELINE"):
        old = os.environ["BASELINE"]
        cmds["before: analyze --summary"] = [old, "analyze", f, "--summary"]
        cmds["before: analyze --format json"] = [old, "analyze", f, "--format", "json"]
        for fmt in ("json", "sarif", "md"):
            cmds[f"before: report --format {fmt}"] = [old, "report", f, "--format", fmt]
    times = {k: [] for k in cmds}
    rss = {k: 0.0 for k in cmds}
    size = {}
    for _ in range(runs):
        for k, cmd in cmds.items():
            t, m, rc = run(cmd)
            if rc != 0:
                print(f"warning: {k} exited {rc}", file=sys.stderr)
            times[k].append(t)
            rss[k] = max(rss[k], m)
            if k.endswith("-o FILE"):
                size[k] = os.path.getsize(out)
    base = times["bare libyaml parse"]
    summary_rss = rss["analyze --summary"]  # the same analysis in every version
    mb = os.path.getsize(f) / 2**20
    print(f"{n} components, {3 * int(n)} flows, {mb:.1f} MiB of YAML; {runs} interleaved rounds")
    print(f"{'command':<36}{'fastest s':>10}{'x parse':>9}{'median x':>10}"
          f"{'peak MiB':>10}{'x summary':>11}")
    for k in cmds:
        best = min(times[k])
        ratios = [t / b for t, b in zip(times[k], base)]
        print(f"{k:<36}{best:>10.3f}{best / min(base):>9.2f}{statistics.median(ratios):>10.2f}"
              f"{rss[k]:>10.0f}{rss[k] / summary_rss:>11.2f}")
    for k, s in size.items():
        print(f"({k}: {s / 2**20:.0f} MiB of JSON)")
P
