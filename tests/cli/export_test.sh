#!/usr/bin/env bash
# `threatwright export FORMAT MODEL [-o FILE]`: every format on stdout and into a file, exit
# codes for bad usage, an invalid model and an unwritable output (docs/cli.md, docs/interop.md).
. "$(dirname "$0")/lib.sh"
cd "$SRC"
model=tests/golden/export/small/model.yaml

for f in tm-bom threat-dragon otm threat-composer cyclonedx; do
  tw export "$f" "$model"
  expect_rc 0 "export $f"
  printf '%s' "$out" | python3 -c 'import json,sys; json.load(sys.stdin)' || fail "export $f: stdout is not JSON"
  tw export "$f" "$model" -o "$WORK/out.$f.json"
  expect_rc 0 "export $f -o"
  expect_eq "$(cat "$WORK/out.$f.json")" "$(tw export "$f" "$model"; printf '%s' "$out")"
  # The goldens (src/export/export_test.cc) are what the command writes.
  expect_eq "$(cat "$WORK/out.$f.json")" "$(cat tests/golden/export/small.$f.json)"
done
tw export tm-bom "$model"
expect_out '"threatwright.dev/model"'
expect_out '"symbolic_name": "missing-rate-limit--at--shop-api"'
tw export threat-dragon "$model"
expect_out '"shape": "trust-boundary-box"'
expect_out 'threatwright id: missing-rate-limit@shop.api'

# Bad usage: an unknown format names the known ones; no model; too many arguments.
tw export tmbom "$model"
expect_rc 2 "unknown format"
expect_err "tm-bom"
tw export otm
expect_rc 2 "no model"
tw export otm "$model" extra
expect_rc 2 "extra argument"

# An invalid model: exit 2 with file:line:col, nothing on stdout.
printf 'threatwright: 1\nsystem: {name: x}\nassets: [{id: a, name: A}]\ncomponents:\n  - {id: c, type: proces}\n' >"$WORK/bad.yaml"
tw export otm "$WORK/bad.yaml"
expect_rc 2 "invalid model"
expect_err "bad.yaml:5:"
expect_eq "$out" ""

# An output that cannot be written is an I/O failure (exit 3).
tw export otm "$model" -o "$WORK/no/such/dir/out.json"
expect_rc 3 "unwritable output"

finish
