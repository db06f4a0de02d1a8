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
# The whole command line, as text and as data (the man page and completions come from it).
tw help --all
expect_rc 0; expect_out "threatwright diff"; expect_out "--fail-on-drift"; expect_out "Exit status:"
tw help --all --format json
expect_rc 0
expect_eq "$(python3 -c '
import json, sys
spec = json.loads(sys.stdin.read())
names = [c["name"] for c in spec["commands"]]
check = next(c for c in spec["commands"] if c["name"] == "check")
fmt = next(o for o in check["options"] if o["flags"] == ["--format"])
rules = next(c for c in spec["commands"] if c["name"] == "rules")
print(names[0], names[-1], check["positionals"][0]["name"], fmt["choices"],
      [c["name"] for c in rules["commands"]], "NO_COLOR" in spec["footer"])' <<<"$out")" \
  "check help MODEL ['text', 'json'] ['show'] True"
tw help --format json
expect_rc 0; expect_out "Usage:"
# A run builds only the command it names; its help and its errors are the same as ever.
tw check --help
expect_rc 0; expect_out "--strict"; expect_out "Usage: threatwright check"
tw check --nosuch x.yaml
expect_rc 2; expect_err "--nosuch"
tw rules show nosuch-rule
expect_rc 2
tw diff a.yaml b.yaml --fail-on-drift
expect_rc 2; expect_err "--fail-on-drift needs --base REV or --staged"
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

# Typos pass no longer (issue 12): a kind, a protocol and a code glob that rules or drift
# detection cannot use are warnings naming what was meant, and --strict fails on each (the
# model's claims are the gate's errors under --strict; the typo is its one warning).
mkdir -p vocab/src && touch vocab/src/main.c
vocab_model() {  # KIND PROTOCOL CODE
  cat >vocab/model.yaml <<Y
threatwright: 1
system:
  name: Typos
  owner: sec@example.com
  methodology: stride
  review: {cadence_days: 90, last_reviewed: 2026-11-01}
assets:
  - {id: a, name: A, value: high, impact: x}
components:
  - {id: user, type: external-entity, kind: user}
  - {id: db, type: data-store, kind: $1, stores: [a], authentication: password,
     encrypted_at_rest: true, backups: true, code: [$3]}
flows:
  - {id: f, from: user, to: db, protocol: $2, encrypted: true, authenticated: true}
failure_modes:
  - {id: db-down, component: db, scenario: down, behaviour: fail-closed, security_impact: none}
supply_chain: []
Y
}
vocab_model sql-database https 'src/**'
tw check vocab/model.yaml --strict
expect_out "; 0 warnings"; expect_no_err "warning:"
tw check vocab/model.yaml
expect_rc 0 "the model without typos passes"
vocab_model admin-panel https 'src/**'
tw check vocab/model.yaml --strict
expect_rc 1 "--strict fails on an unknown kind"; expect_out "1 warning, --strict)"
expect_err "warning: unknown kind 'admin-panel' for component 'db': 'admin-panel' is not a kind; did you mean 'admin-console'? [unknown-kind]"
tw check vocab/model.yaml
expect_rc 0 "without --strict an unknown kind is a warning"
vocab_model postgres https 'src/**'
tw check vocab/model.yaml --strict
expect_rc 1 "--strict fails on a product as kind"; expect_out "1 warning, --strict)"
expect_err "'postgres' is a technology; did you mean 'sql-database'? [unknown-kind]"
expect_err "hint: write 'kind: sql-database' and 'technology: postgres'"
vocab_model sql-database htps 'src/**'
tw check vocab/model.yaml --strict
expect_rc 1 "--strict fails on an unknown protocol"; expect_out "1 warning, --strict)"
expect_err "warning: unknown protocol 'htps' for flow 'f'; did you mean 'https'? [unknown-protocol]"
vocab_model sql-database https 'srcc/**'
tw check vocab/model.yaml --strict
expect_rc 1 "--strict fails on a code glob that matches nothing"
expect_err "code glob 'srcc/**' matches no file; did you mean 'src/**'? [code-glob-empty]"
tw check vocab/model.yaml
expect_rc 0 "without --strict an empty code glob is a warning"
expect_err "warning: component 'db': code glob 'srcc/**' matches no file; did you mean 'src/**'?"

tw check does-not-exist.yaml
expect_rc 2; expect_err "does-not-exist.yaml"

finish
