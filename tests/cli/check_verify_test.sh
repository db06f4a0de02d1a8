#!/usr/bin/env bash
# The quality gate (`check`) and control verification (`verify`) on the real binary:
# refusal without --allow-exec runs nothing; pass, fail, timeout, output bound, minimal
# environment, the model's folder, append-only evidence, git commit; check follows evidence;
# check, report and analyze never execute the model's commands.
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"

# A model that meets every criterion once its control has passing evidence.
model() { # model CONTROL_YAML...
  cat <<'Y'
threatwright: 1
system:
  name: Tool
  owner: sec@example.org
  methodology: stride
  review: {cadence_days: 90, last_reviewed: 2026-11-01, reviewers: [ana]}
assets:
  - {id: data, name: Data, value: medium, impact: Wrong results for every user of the tool.}
components:
  - id: tool
    name: Tool
    type: process
    kind: cli
    internet_facing: false
    authentication: none
    authorization: none
    input_validation: true
    audit_log: false
    fail_mode: closed
    stores: [data]
supply_chain: []
threats:
  - id: bad-input
    title: Hostile input
    stride: [spoofing, tampering, repudiation, information-disclosure, denial-of-service, elevation-of-privilege]
    target: tool
    likelihood: 2
    impact: 2
controls:
Y
  printf '%s\n' "$@"
}
control() { # control ID COMMAND [EXPECT] [EXTRA]
  printf '  - id: %s\n    mechanism: A test.\n    status: implemented\n    mitigates: [bad-input]\n' "$1"
  printf '    verification: {command: %s, expect: %s, max_age_days: 30%s}\n' "$2" "${3:-{exit_code: 0\}}" "${4:-}"
}
records() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["records"]))' "$1"; }
field() { # field FILE INDEX KEY
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"][int(sys.argv[2])][sys.argv[3]])' "$@"
}

# --- Without --allow-exec nothing runs -----------------------------------------------------
mkdir -p refuse
model "$(control pwn "'touch pwned'")" >refuse/model.yaml
tw verify refuse/model.yaml
expect_rc 2 "verify without --allow-exec refuses"
expect_err "only with --allow-exec"
expect_err "pwn: touch pwned"
checks=$((checks + 1)); [ ! -e refuse/pwned ] || fail "verify without --allow-exec ran a command"
checks=$((checks + 1)); [ ! -e refuse/model.evidence.json ] || fail "verify without --allow-exec wrote evidence"

# check (and report/analyze where built) only read the model: nothing runs.
tw check refuse/model.yaml
expect_rc 0 "no evidence yet: a warning, an error only with --strict"
tw check refuse/model.yaml --strict
expect_rc 1; expect_err "[evidence-missing]"
expect_out "note: no verification evidence recorded yet (refuse/model.evidence.json): 'threatwright verify refuse/model.yaml --allow-exec'"
for cmd in "report refuse/model.yaml --format md" "report refuse/model.yaml --format html" \
  "analyze refuse/model.yaml"; do
  tw $cmd
done
checks=$((checks + 1)); [ ! -e refuse/pwned ] || fail "check/report/analyze ran a command"

# --- Pass, then fail: evidence appended, never overwritten -----------------------------------
mkdir -p m
model "$(control ok "'echo \"0 findings\"'" "{exit_code: 0, stdout_matches: \"^0 findings\$\"}")" \
  "$(control flaky "'test -f ok-flag'")" >m/model.yaml
touch m/ok-flag
tw verify m/model.yaml --allow-exec
expect_rc 0 "all pass"; expect_out "pass  ok ("; expect_out "pass  flaky ("; expect_out "2 passed, 0 failed"
expect_eq "$(records m/model.evidence.json)" 2
expect_eq "$(field m/model.evidence.json 0 result)" pass
expect_eq "$(field m/model.evidence.json 0 control)" ok
expect_eq "$(field m/model.evidence.json 0 output_tail)" "0 findings"
case "$(field m/model.evidence.json 0 started_at)" in
  2026-11-26T??:??:??Z) checks=$((checks + 1)) ;;
  *) fail "started_at is not 2026-11-26T..Z" ;;
esac
tw check m/model.yaml --strict
expect_rc 0 "passing evidence meets the gate"; expect_out "quality gate: passed"; expect_out "9 of 9 criteria met"
checks=$((checks + 1)); ! grep -qF "no verification evidence recorded yet" <<<"$out" || fail "the note stays once evidence exists"

rm m/ok-flag
tw verify m/model.yaml --allow-exec
expect_rc 1 "a failing verification"; expect_out "FAIL  flaky ("; expect_out "exit code 1, expected 0"
expect_out "1 passed, 1 failed"
expect_eq "$(records m/model.evidence.json)" 4
expect_eq "$(field m/model.evidence.json 0 result)" pass
expect_eq "$(field m/model.evidence.json 3 result)" fail
tw check m/model.yaml
expect_rc 1 "failing evidence fails the gate"
expect_err "error: control 'flaky' has been failing since 2026-11-26: exit code 1, expected 0"
expect_err "[evidence-failing]"
expect_out "not met  evidence-current"

touch m/ok-flag
tw verify m/model.yaml --allow-exec --control flaky
expect_rc 0; expect_out "1 passed, 0 failed"
expect_eq "$(records m/model.evidence.json)" 5
tw check m/model.yaml --strict
expect_rc 0 "fixed: the gap disappears"

tw verify m/model.yaml --allow-exec --control nosuch
expect_rc 2; expect_err "no control 'nosuch'"

# --evidence elsewhere; the default file is left alone.
tw verify m/model.yaml --allow-exec --evidence "$WORK/elsewhere.json"
expect_rc 0
expect_eq "$(records elsewhere.json)" 2
expect_eq "$(records m/model.evidence.json)" 5

# --- A history that cannot be read is never overwritten -----------------------------------
cp m/model.evidence.json good.json
echo '{"threatwright_evidence": 1, "records": [' >m/model.evidence.json
tw verify m/model.yaml --allow-exec
expect_rc 2; expect_err "cannot read the evidence file"
expect_eq "$(cat m/model.evidence.json)" '{"threatwright_evidence": 1, "records": ['
tw check m/model.yaml
expect_rc 1; expect_err "[evidence-unreadable]"
cp good.json m/model.evidence.json

# --- Runs in the model's folder, with a minimal environment --------------------------------
mkdir -p env
model "$(control folder "'test -f model.yaml'")" \
  "$(control clean "'test -z \"\$TW_SECRET\" && test \"\$LANG\" = C && test -n \"\$PATH\"'")" >env/model.yaml
export TW_SECRET=hunter2
tw verify env/model.yaml --allow-exec
expect_rc 0 "runs in the model's folder without the parent's variables"
model "$(control passed "'test \"\$TW_SECRET\" = hunter2'")" >env/pass.yaml
tw verify env/pass.yaml --allow-exec
expect_rc 1 "a secret is not passed by default"
tw verify env/pass.yaml --allow-exec --pass-env TW_SECRET
expect_rc 0 "--pass-env passes it"
unset TW_SECRET

# --- Timeout kills the process group ------------------------------------------------------
mkdir -p slow
model "$(control slow "'(sleep 3; touch late) & sleep 60'" "{exit_code: 0}" ", timeout_seconds: 1")" >slow/model.yaml
start=$(date +%s)
tw verify slow/model.yaml --allow-exec
expect_rc 1; expect_out "timed out after 1 s"
checks=$((checks + 1)); [ $(($(date +%s) - start)) -lt 10 ] || fail "timeout not enforced"
expect_eq "$(field slow/model.evidence.json 0 timed_out)" True
expect_eq "$(field slow/model.evidence.json 0 exit_code)" None
sleep 3
checks=$((checks + 1)); [ ! -e slow/late ] || fail "the command's background child survived the timeout"

# --- Output is bounded; the pattern still sees the end ------------------------------------
mkdir -p big
model "$(control big "'head -c 5000000 /dev/zero | tr \"\\\\0\" a; echo; echo END'" \
  "{exit_code: 0, stdout_matches: \"^END\$\"}")" >big/model.yaml
tw verify big/model.yaml --allow-exec
expect_rc 0 "5 MB of output"
tail_len=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["records"][0]["output_tail"].encode()))' big/model.evidence.json)
checks=$((checks + 1)); [ "$tail_len" -le 4096 ] || fail "output_tail is $tail_len bytes"
checks=$((checks + 1)); [ "$(stat -c %s big/model.evidence.json)" -lt 20000 ] || fail "evidence file too big"

# --- stdout_matches is RE2: no pattern makes judging run away (review B9) --------------------
# The review's reproducers ran for minutes after the command finished and ignored SIGTERM.
mkdir -p redos
a40=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
model "$(control redos "'echo $a40'" "{stdout_matches: \"^(a|a)*b\$\"}")" \
  "$(control redos2 "'echo $a40'" "{stdout_matches: \"(a*)*b\"}")" \
  "$(control stack "'echo ababababababababababababababababababab'" "{stdout_matches: \"^((a|b)(a|b)?)+c\$\"}")" \
  "$(control matches "'echo ${a40}b'" "{stdout_matches: \"^(a|a)*b\$\"}")" \
  "$(control mib "'head -c 1048000 /dev/zero | tr \"\\\\0\" a'" "{stdout_matches: \"^(a+)+\$\"}")" >redos/model.yaml
start=$(date +%s)
tw verify redos/model.yaml --allow-exec
expect_rc 1 "catastrophic patterns are judged, not hung on"
expect_out "FAIL  redos ("; expect_out "FAIL  redos2 ("; expect_out "FAIL  stack ("
expect_out "pass  matches ("; expect_out "pass  mib ("; expect_out "2 passed, 3 failed"
checks=$((checks + 1)); [ $(($(date +%s) - start)) -lt 10 ] || fail "judging took $(($(date +%s) - start)) s"

# An invalid pattern is an error in the model, at its place, before anything runs.
mkdir -p badpat
model "$(control bad "'touch ran'" "{stdout_matches: '^(ok)\\1\$'}")" >badpat/model.yaml
tw verify badpat/model.yaml --allow-exec
expect_rc 2 "bad pattern"
expect_err "badpat/model.yaml:34:73: error: control 'bad': stdout_matches is not a valid RE2 pattern"
expect_err "stdout_matches is not a valid RE2 pattern: backreferences"
expect_err "[bad-pattern]"
checks=$((checks + 1)); [ ! -e badpat/ran ] || fail "verify ran a command of a model with a bad pattern"
tw check badpat/model.yaml
expect_rc 2 "check reports the bad pattern too"; expect_err "[bad-pattern]"

# --- SIGTERM stops verify at any point with exit 130 -----------------------------------------
mkdir -p term
model "$(control long "'sleep 30'")" >term/model.yaml
set +e
timeout 20 "$TW" verify term/model.yaml --allow-exec >term/out 2>term/err &
pid=$!
sleep 1
start=$(date +%s)
kill -TERM $pid
wait $pid
rc=$?
set -e
expect_rc 130 "SIGTERM while a command runs"
checks=$((checks + 1)); [ $(($(date +%s) - start)) -lt 5 ] || fail "SIGTERM took $(($(date +%s) - start)) s"
checks=$((checks + 1)); [ ! -e term/model.evidence.json ] || fail "the interrupted command was recorded"
# Many quick controls, interrupted at varying moments (loading, running, judging, writing):
# always 130 (or done), and the evidence file is always whole. (The first delay leaves the
# process time to start: before main() runs, SIGTERM has its default effect.)
controls=()
for i in $(seq 1 40); do controls+=("$(control "q$i" "'echo ok'" "{stdout_matches: \"^(o|o)*k\$\"}")"); done
model "${controls[@]}" >term/many.yaml
for delay in 0.1 0.15 0.2 0.3 0.4 0.6; do
  set +e
  timeout 20 "$TW" verify term/many.yaml --allow-exec >/dev/null 2>&1 &
  pid=$!
  sleep $delay
  kill -TERM $pid 2>/dev/null
  wait $pid
  rc=$?
  set -e
  checks=$((checks + 1))
  [ "$rc" -eq 130 ] || [ "$rc" -eq 0 ] || fail "SIGTERM after $delay s: exit $rc"
  if [ -e term/many.evidence.json ]; then
    checks=$((checks + 1))
    records term/many.evidence.json >/dev/null || fail "evidence file broken after SIGTERM at $delay s"
  fi
done

# --- git commit of the model's repository --------------------------------------------------
if command -v git >/dev/null; then
  mkdir -p repo
  model "$(control ok "true")" >repo/model.yaml
  git -C repo init -q
  git -C repo add model.yaml
  git -C repo -c user.name=t -c user.email=t@example.org -c commit.gpgsign=false commit -qm init
  tw verify repo/model.yaml --allow-exec
  expect_rc 0
  expect_eq "$(field repo/model.evidence.json 0 git_commit)" "$(git -C repo rev-parse HEAD)"
fi

# --- check --format json carries the report card ------------------------------------------
tw check m/model.yaml --format json
expect_rc 0
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["report_card"]; assert c["met"]==9 and c["applicable"]==9 and len(c["criteria"])==9' "$WORK/.out" ||
  fail "check --format json has no report card"

# --- Structural errors stay exit 2 --------------------------------------------------------
printf 'threatwright: 1\nsystem: {name: X}\nassets: []\nbogus: 1\n' >broken.yaml
tw check broken.yaml
expect_rc 2
tw verify broken.yaml --allow-exec
expect_rc 2

finish
