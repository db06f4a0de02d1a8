#!/usr/bin/env bash
# The run step of the GitHub Action (action.yml): verify (only with allow-exec), check, the
# fail-on gate, diff against the pull request's base, SARIF. Inputs arrive as INPUT_*
# variables; GitHub's own: GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
# GITHUB_BASE_REF, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP. Every part that was asked
# for runs even when an earlier one failed, so the summary shows all of them; the step exits
# with the worst exit code (0 passed, 1 a gate failed, 2 invalid model or input, 3 internal).
set -uo pipefail
tw=threatwright
out=${RUNNER_TEMP:?}/threatwright
mkdir -p "$out"
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
outputs=${GITHUB_OUTPUT:?}
worst=0

say() { echo "threatwright-action: $*" >&2; }
output() { echo "$1=$2" >>"$outputs"; }
note() { # note CODE: remember the worst exit code
  [ "$1" -gt "$worst" ] && worst=$1
  return 0
}
input_error() {
  say "$*"
  echo "::error title=threatwright::$*"
  output result failed
  exit 2
}
is_true() { # is_true NAME VALUE
  case "${2,,}" in
    true | yes | on | 1) return 0 ;;
    false | no | off | 0 | '') return 1 ;;
    *) input_error "input $1: expected true or false, not '$2'" ;;
  esac
}
severity() { # severity NAME VALUE: a known severity or empty
  case "$2" in
    '' | info | low | medium | high | critical) ;;
    *) input_error "input $1: expected info, low, medium, high or critical, not '$2'" ;;
  esac
}
# Text in a Markdown code block that no line of it can close: the fence is longer than the
# longest run of backticks in the text.
fenced() { # fenced FILE
  local n
  n=$(awk '{ s = $0; while (match(s, /`+/)) { if (RLENGTH > m) m = RLENGTH; s = substr(s, RSTART + RLENGTH) } }
           END { print (m >= 3 ? m + 1 : 3) }' "$1")
  local fence
  fence=$(printf '%*s' "$n" '' | tr ' ' '`')
  printf '%stext\n' "$fence"
  capped "$1" 100000
  printf '\n%s\n' "$fence"
}
# At most BYTES of FILE: GitHub drops a job summary over 1 MiB whole.
capped() { # capped FILE BYTES
  head -c "$2" "$1"
  if [ "$(stat -c %s "$1")" -gt "$2" ]; then
    printf '\n\n(cut at %s bytes: the whole output is in the job log)\n' "$2"
  fi
}
status_word() { case "$1" in 0) echo passed ;; 1) echo failed ;; 2) echo "invalid input" ;; *) echo "internal error" ;; esac; }

model=${INPUT_MODEL:-threat-model.yaml}
wd=${INPUT_WORKING_DIRECTORY:-.}
severity fail-on "${INPUT_FAIL_ON:-}"
severity diff-fail-on "${INPUT_DIFF_FAIL_ON:-}"
cd "${GITHUB_WORKSPACE:?}" || input_error "GITHUB_WORKSPACE is not a folder"
cd "$wd" || input_error "input working-directory: no folder '$wd' in the repository"
[ -f "$model" ] || input_error "input model: no file '$model' in '$wd'"

# Evidence: a fresh file of this job. A committed evidence file is as untrusted as the model.
evidence=$out/evidence.json
rm -f "$evidence"
rows=()
details=()

# 1. verify, only when the workflow opted in.
if is_true allow-exec "${INPUT_ALLOW_EXEC:-false}"; then
  rc=0
  "$tw" verify "$model" --allow-exec --evidence "$evidence" >"$out/verify.txt" 2>&1 || rc=$?
  cat "$out/verify.txt"
  output verify-exit-code "$rc"
  note "$rc"
  rows+=("| verify | $(status_word "$rc") | $rc |")
  details+=("verify:$out/verify.txt")
fi

# 2. check: validation and the quality gate.
if is_true check "${INPUT_CHECK:-true}"; then
  args=(check "$model" --evidence "$evidence")
  is_true strict "${INPUT_STRICT:-false}" && args+=(--strict)
  rc=0
  "$tw" "${args[@]}" >"$out/check.txt" 2>&1 || rc=$?
  cat "$out/check.txt"
  output check-exit-code "$rc"
  note "$rc"
  rows+=("| check | $(status_word "$rc") | $rc |")
  details+=("check:$out/check.txt")
fi

# 3. The severity gate on the model's open threats.
if [ -n "${INPUT_FAIL_ON:-}" ]; then
  rc=0
  "$tw" analyze "$model" --summary --fail-on "$INPUT_FAIL_ON" --evidence "$evidence" \
    >"$out/gate.txt" 2>&1 || rc=$?
  cat "$out/gate.txt"
  output gate-exit-code "$rc"
  note "$rc"
  rows+=("| open threats below $INPUT_FAIL_ON | $(status_word "$rc") | $rc |")
  details+=("fail-on $INPUT_FAIL_ON:$out/gate.txt")
fi

# 4. diff against the base of the pull request.
diff_mode=${INPUT_DIFF:-auto}
case "$diff_mode" in auto | true | false) ;; *) input_error "input diff: expected auto, true or false, not '$diff_mode'" ;; esac
base=${INPUT_DIFF_BASE:-}
if [ -z "$base" ] && [ "$diff_mode" != false ]; then
  # The pull request's base commit, from the event payload (a commit id, checked as one).
  if [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ]; then
    base=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("pull_request",{}).get("base",{}).get("sha",""))' \
      "$GITHUB_EVENT_PATH" 2>/dev/null || true)
    [[ -z $base || $base =~ ^[0-9a-f]{40}([0-9a-f]{24})?$ ]] || input_error "the event's base sha is not a commit id"
  fi
  if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
    base=origin/$GITHUB_BASE_REF
  fi
fi
if [ "$diff_mode" = true ] && [ -z "$base" ]; then
  input_error "input diff is true but there is no base: not a pull request, and no diff-base"
fi
if [ "$diff_mode" != false ] && [ -n "$base" ]; then
  # A shallow checkout lacks the base: fetch that one commit (or branch) from origin.
  if ! git rev-parse -q --verify "$base^{commit}" >/dev/null 2>&1; then
    if [[ $base == origin/* ]]; then
      git fetch -q --no-tags --depth=1 origin "+refs/heads/${base#origin/}:refs/remotes/$base" || true
    else
      git fetch -q --no-tags --depth=1 origin "$base" || true
    fi
  fi
  args=(diff --base "$base" "$model" --format md)
  [ -n "${INPUT_DIFF_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_DIFF_FAIL_ON")
  is_true fail-on-drift "${INPUT_FAIL_ON_DRIFT:-false}" && args+=(--fail-on-drift)
  rc=0
  "$tw" "${args[@]}" >"$out/diff.md" 2>"$out/diff.err" || rc=$?
  cat "$out/diff.md" "$out/diff.err"
  output diff-exit-code "$rc"
  note "$rc"
  rows+=("| diff against ${base:0:12} | $(status_word "$rc") | $rc |")
fi

# 5. SARIF for code scanning; locations are relative to the model's folder, so a model below
# the repository's top gets that folder as the prefix.
sarif_file=
if is_true sarif "${INPUT_SARIF:-true}"; then
  dir=$(dirname "$wd/$model")
  prefix=$(realpath -m --relative-to="$GITHUB_WORKSPACE" "$GITHUB_WORKSPACE/$dir")
  args=(report "$model" --format sarif --evidence "$evidence" -o "$out/threatwright.sarif")
  [ "$prefix" != . ] && args+=(--uri-prefix "$prefix/")
  rc=0
  "$tw" "${args[@]}" || rc=$?
  if [ "$rc" -eq 0 ]; then
    sarif_file=$out/threatwright.sarif
  else
    note "$rc"
    rows+=("| SARIF | $(status_word "$rc") | $rc |")
  fi
fi
output sarif-file "$sarif_file"

result=passed
[ "$worst" -ne 0 ] && result=failed
output result "$result"

{
  echo "## threatwright: $result"
  echo
  [ "$wd" = . ] && echo "Model \`$model\`." || echo "Model \`$wd/$model\`."
  echo
  echo "| step | result | exit code |"
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
  [ -n "$sarif_file" ] && echo && echo "SARIF written for code scanning."
  if [ -s "$out/diff.md" ]; then
    echo
    echo "### What this change does to the threat model"
    echo
    capped "$out/diff.md" 600000
  fi
  for d in "${details[@]}"; do
    echo
    echo "<details><summary>${d%%:*} output</summary>"
    echo
    fenced "${d#*:}"
    echo
    echo "</details>"
  done
} >>"$summary"
exit "$worst"
