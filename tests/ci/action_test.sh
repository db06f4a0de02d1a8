#!/usr/bin/env bash
# The GitHub Action (action.yml) run by tests/ci/action_harness.py with the environment GitHub
# provides, against real git repositories: an "origin" with a base and a pull-request head, and
# a shallow checkout of the head as the workspace (the action fetches the base itself). Asserts
# the job summary, the outputs, the SARIF file and the exit code of passing and failing runs.
# No network: threatwright comes from the action's build cache, filled with the binary under
# test, and the packages it needs at run time are installed already.
. "$(dirname "$0")/../cli/lib.sh"
set -e
cd "$WORK"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_NOSYSTEM=1 HOME=$WORK/home
mkdir -p "$HOME/.cache/threatwright-action/bin"
cp "$TW" "$HOME/.cache/threatwright-action/bin/threatwright"
# The binary must come from the action's install step: none on PATH before it.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
harness=$SRC/tests/ci/action_harness.py

add_admin() { # a new internet-facing process without authentication, over the data: a new high threat
  python3 - "$1" <<'P'
import sys
p = sys.argv[1]
s = open(p).read().replace("supply_chain: []", """  - id: admin
    name: Admin API
    type: process
    internet_facing: true
    authentication: none
    authorization: none
    input_validation: false
    audit_log: false
    fail_mode: closed
    stores: [data]
supply_chain: []""")
open(p, "w").write(s)
P
}

add_backticks() { # a component line (with an error, so check quotes it) holding backticks and HTML
  python3 - "$1" <<'P'
import sys
p = sys.argv[1]
s = open(p).read().replace("supply_chain: []",
                           '  - {id: x, name: "```` <b>bold</b>", type: proces}\nsupply_chain: []')
open(p, "w").write(s)
P
}

# pr NAME CHANGE...: origin NAME.git with main (the base) and pr (one commit on it: CHANGE run
# in the work tree), and a shallow checkout of pr in NAME/ws. Sets base, head, ws.
pr() {
  local name=$1
  shift
  mkdir -p "$name/seed"
  (
    cd "$name/seed"
    git init -q -b main .
    mkdir -p src/tool docs
    cp "$SRC/tests/ci/model.yaml" threat-model.yaml
    echo 'print("v1")' >src/tool/main.py
    git add -A
    git commit -qm base
    git checkout -qb pr
    eval "$*"
    git add -A
    git commit -qm change
  )
  git clone -q --bare "$name/seed" "$name/origin.git"
  base=$(git -C "$name/origin.git" rev-parse main)
  head=$(git -C "$name/origin.git" rev-parse pr)
  git clone -q --depth 1 --branch pr "file://$WORK/$name/origin.git" "$name/ws"
  ws=$WORK/$name/ws
  printf '{"pull_request": {"number": 7, "base": {"ref": "main", "sha": "%s"}, "head": {"ref": "pr", "sha": "%s"}}}\n' \
    "$base" "$head" >"$name/event.json"
}

# action NAME [INPUT=VALUE...]: runs the action for repository NAME; sets rc, out (its log),
# summary (the job summary) and outputs (JSON).
action() {
  local name=$1
  shift
  rm -rf "$WORK/$name/runner"
  mkdir -p "$WORK/$name/runner"
  : >"$WORK/$name/summary.md"
  set +e
  (
    cd "$WORK/$name/ws"
    for kv in "$@"; do
      k=${kv%%=*}
      k=${k//-/_}
      export "INPUT_${k^^}=${kv#*=}"
    done
    GITHUB_WORKSPACE=$WORK/$name/ws GITHUB_EVENT_NAME=${EVENT_NAME:-pull_request} \
      GITHUB_EVENT_PATH=$WORK/$name/event.json GITHUB_BASE_REF=main GITHUB_HEAD_REF=pr \
      GITHUB_STEP_SUMMARY=$WORK/$name/summary.md RUNNER_TEMP=$WORK/$name/runner \
      timeout 120 python3 "$harness" "$SRC" "$WORK/$name/outputs.json"
  ) >"$WORK/.out" 2>&1
  rc=$?
  set -e
  out=$(cat "$WORK/.out")
  err=$out
  summary=$(cat "$WORK/$name/summary.md")
}
output() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$WORK/$1/outputs.json" "$2"; }
expect_summary() { checks=$((checks + 1)); grep -qF -- "$1" <<<"$summary" || fail "summary lacks: $1"$'\n'"$summary"; }

# --- A passing pull request: model and code change together -------------------------------
pr ok "sed -i 's/title: Hostile input/title: Hostile input on stdin/' threat-model.yaml; echo 'print(2)' >src/tool/main.py"
checks=$((checks + 1))
! git -C "$ws" cat-file -e "$base^{commit}" 2>/dev/null || fail "the checkout is not shallow"
action ok
expect_rc 0 "passing pull request"
expect_out "skipped 'Cache the threatwright build' (actions/cache: network)"
expect_out "using the cached build"
expect_eq "$(output ok result)" passed
expect_eq "$(output ok check-exit-code)" 0
expect_eq "$(output ok diff-exit-code)" 0
expect_eq "$(output ok verify-exit-code)" ""
expect_eq "$(output ok gate-exit-code)" ""
sarif=$(output ok sarif-file)
expect_eq "$sarif" "$WORK/ok/runner/threatwright/threatwright.sarif"
checks=$((checks + 1))
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"] == "2.1.0" and d["runs"][0]["results"]' \
  "$sarif" || fail "SARIF file"
expect_summary "## threatwright: passed"
expect_summary "| check | passed | 0 |"
expect_summary "| diff against ${base:0:12} | passed | 0 |"
expect_summary "### What this change does to the threat model"
expect_summary "Hostile input on stdin"
expect_summary "quality gate: passed"
checks=$((checks + 1))
git -C "$ws" cat-file -e "$base^{commit}" || fail "the action did not fetch the base commit"

# --- A failing pull request: a new high threat, gated twice ----------------------------------
pr high "add_admin threat-model.yaml"
action high diff_fail_on=high fail_on=high
expect_rc 1 "new high threat, diff-fail-on and fail-on high"
expect_eq "$(output high result)" failed
expect_eq "$(output high diff-exit-code)" 1
expect_eq "$(output high gate-exit-code)" 1
expect_eq "$(output high check-exit-code)" 0
expect_summary "## threatwright: failed"
expect_summary "| diff against ${base:0:12} | failed | 1 |"
expect_summary "| open threats below high | failed | 1 |"
expect_summary "missing-authentication@admin"
checks=$((checks + 1))
[ -s "$(output high sarif-file)" ] || fail "no SARIF from a failing run"
# The same change without thresholds passes, and diff: false leaves the diff out.
action high diff=false
expect_rc 0 "no threshold"
expect_eq "$(output high diff-exit-code)" ""
checks=$((checks + 1))
! grep -q "What this change does" <<<"$summary" || fail "diff ran with diff: false"

# --- Code changed without the model -----------------------------------------------------------
pr drift "echo 'print(3)' >src/tool/main.py"
action drift
expect_rc 0 "drift is a note by default"
expect_summary "without a threat-model update"
action drift fail_on_drift=true
expect_rc 1 "fail-on-drift"
expect_eq "$(output drift diff-exit-code)" 1

# --- verify runs only when the workflow opts in --------------------------------------------------
pr verify "python3 - <<'P'
s = open('threat-model.yaml').read() + '''controls:
  - id: tests
    mechanism: The tests.
    status: implemented
    mitigates: [bad-input]
    verification: {command: 'touch verify-ran', expect: {exit_code: 0}, max_age_days: 30}
'''
open('threat-model.yaml', 'w').write(s)
P"
EVENT_NAME=push action verify diff=false
expect_rc 0 "controls not verified: a warning"
checks=$((checks + 1))
[ ! -e "$ws/verify-ran" ] || fail "verify ran without allow-exec"
expect_eq "$(output verify verify-exit-code)" ""
EVENT_NAME=push action verify diff=false allow_exec=true strict=true
expect_rc 0 "allow-exec: verify runs, check reads its fresh evidence"
checks=$((checks + 1))
[ -e "$ws/verify-ran" ] || fail "verify did not run with allow-exec"
expect_eq "$(output verify verify-exit-code)" 0
expect_summary "| verify | passed | 0 |"
# A committed evidence file is not what the gate reads.
rm -f "$ws/verify-ran"
cp "$WORK/verify/runner/threatwright/evidence.json" "$ws/threat-model.evidence.json"
EVENT_NAME=push action verify diff=false strict=true
expect_rc 1 "the committed evidence is ignored: --strict fails on missing evidence"
expect_summary "evidence-missing"

# --- Bad model, bad input, a model below the top --------------------------------------------------
pr broken "sed -i 's/type: process/type: proces/' threat-model.yaml"
action broken
expect_rc 2 "invalid model"
expect_eq "$(output broken check-exit-code)" 2
expect_summary "bad value 'proces'"
action broken fail_on=severe
expect_rc 2 "bad input"
expect_out "::error title=threatwright::input fail-on: expected info, low, medium, high or critical, not 'severe'"
action broken model=nosuch.yaml
expect_rc 2 "no model"
expect_out "no file 'nosuch.yaml'"

# Model text quoted in the summary cannot close its code block.
pr fence "add_backticks threat-model.yaml"
action fence diff=false
expect_rc 2 "model with backticks"
expect_summary '`````text'
checks=$((checks + 1))
python3 - "$WORK/fence/summary.md" <<'P' || fail "the quoted model line is not inside the code block"
import re, sys
s = open(sys.argv[1]).read()
m = re.search(r"^(`{5,})text\n(.*?)^\1$", s, re.S | re.M)
assert m and "```` <b>bold</b>" in m.group(2), s
P

pr sub "mkdir -p security && git mv threat-model.yaml security/model.yaml && sed -i 's|src/tool/\*\*|../src/tool/**|' security/model.yaml"
action sub working-directory=security model=model.yaml diff=false
expect_rc 0 "model in a folder"
checks=$((checks + 1))
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in d["runs"][0]["results"]}
assert uris and all(u.startswith("security/") for u in uris), uris' "$(output sub sarif-file)" ||
  fail "SARIF locations are not prefixed with the model's folder"

# --- install: none without threatwright on PATH ------------------------------------------------------
action ok install=none
expect_rc 2 "install none, nothing on PATH"
expect_out "threatwright is not on PATH"
finish
