#!/usr/bin/env bash
# scripts/fuzz.sh FUZZER SECONDS [SEEDS_DIR...]: runs a libFuzzer target for a bounded time,
# seeded with the SEEDS_DIRs (default: the example models), with fuzz/NAME.dict as its
# dictionary when there is one (NAME: the fuzzer's name without "fuzz_"). Fails on any crash,
# leak or timeout.
# The random seed is fixed (TW_FUZZ_SEED, default 1) so that CI runs are reproducible; set
# TW_FUZZ_SEED=0 for a fresh random seed, and a longer time, to explore.
set -euo pipefail
fuzzer=$1
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
seeds=("${@:3}")
[ ${#seeds[@]} -gt 0 ] || seeds=("$root/examples")
for dir in "${seeds[@]}"; do
  [ -d "$dir" ] || continue
  find "$dir" -type f \( -name '*.yaml' -o -name '*.json' -o -name '*.tf' \) -size -64k |
    while read -r f; do cp "$f" "$work/corpus/$(echo "$f" | md5sum | cut -c1-16)"; done
done
dict=()
name=$(basename "$fuzzer")
[ -f "$root/fuzz/${name#fuzz_}.dict" ] && dict=(-dict="$root/fuzz/${name#fuzz_}.dict")
"$fuzzer" "$work/corpus" "${dict[@]}" -seed="${TW_FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/" 2>"$work/log" || {
  tail -n 60 "$work/log" >&2
  echo "fuzz: failure; the crashing input was written under $work (kept)" >&2
  trap - EXIT
  exit 1
}
grep -E "^Done|stat::number_of_executed_units" "$work/log" || true
