#!/usr/bin/env bash
# `threatwright check`, --version, help and exit codes, on the real binary.
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"

tw --version
expect_rc 0; expect_out "threatwright 0."

tw help
expect_rc 0; expect_out "check"
tw help check
expect_rc 0; expect_out "--strict"
tw help nosuch
expect_rc 2; expect_err "no command named 'nosuch'"
tw frobnicate
expect_rc 2
tw
expect_rc 2

# The example is structurally valid but has planted gaps: the quality gate fails (exit 1).
tw check "$SRC/examples/acme-shop/model.yaml" --no-warnings
expect_rc 1 "example is valid, gate fails"; expect_out "model.yaml: valid: 5 assets, 8 components, 7 flows"
expect_out "report card:"
# Past the diagnostics limit, and with warnings hidden, the counts and the card stay whole.
tw check "$SRC/examples/acme-shop/model.yaml" --no-warnings --max-diagnostics 1
expect_rc 1; expect_err "3 more diagnostics not shown (limit 1"; expect_err "4 errors, 0 warnings"
expect_out "not met  threat-coverage"; expect_out "(3 errors)"
expect_out "quality gate: failed (4 errors, 0 warnings)"

cat >bad.yaml <<'Y'
threatwright: 1
system: {name: Bad}
assets:
  - {id: a, name: A, value: hihg, impact: x}
components:
  - id: web
    type: process
    boundry: dmz
Y
tw check bad.yaml
expect_rc 2 "broken model"
expect_err "bad.yaml:4:29: error: bad value 'hihg' for 'value' in asset; did you mean 'high'? [bad-value]"
expect_err "bad.yaml:8:5: error: unknown key 'boundry' in component; did you mean 'boundary'? [unknown-key]"
expect_err "        ^~~~~~~"
expect_err "2 errors"
expect_eq "$out" ""

tw check bad.yaml --format json
expect_rc 2
expect_out '"severity":"error","code":"bad-value"'
expect_out '"file":"bad.yaml","line":4,"col":29'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["errors"]==2 and sum(x["severity"]=="error" for x in d["diagnostics"])==2' "$WORK/.out" ||
  fail "json diagnostics do not parse"

# Colour only on a terminal: never in a pipe.
tw check bad.yaml
expect_no_err $'\033['

# A model meeting the quality bar but with warnings: exit 0 normally, 1 with --strict.
cat >warn.yaml <<'Y'
threatwright: 1
system:
  name: W
  methodology: stride
  review: {cadence_days: 90, last_reviewed: 2026-11-01}
assets:
  - {id: a, name: A, value: high, impact: x}
components:
  - {id: db, type: data-store, stores: [a]}
supply_chain: []
Y
tw check warn.yaml
expect_rc 0; expect_err "warning: data-store 'db' leaves security facts unknown"
tw check warn.yaml --strict
expect_rc 1 "--strict makes warnings fail"

tw check does-not-exist.yaml
expect_rc 2; expect_err "does-not-exist.yaml"

finish
