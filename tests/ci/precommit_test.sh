#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml in a scratch git repository: first invoked the
# way pre-commit does (the hook's entry, its args, then the matching file names), then through
# the real `pre-commit` tool (offline: the hooks come from a local git repository), installed
# as the repository's git hook so that `git commit` itself is stopped.
. "$(dirname "$0")/../cli/lib.sh"
set -e
cd "$WORK"
bin=$WORK/bin
mkdir -p "$bin"
ln -s "$(realpath "$TW")" "$bin/threatwright" # the hooks run the threatwright on PATH
export PATH=$bin:$PATH
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_NOSYSTEM=1 HOME=$WORK

# The repository under test: a passing model whose component `tool` owns src/tool/**.
mkdir repo
cd repo
git init -q -b main .
mkdir -p src/tool docs
cp "$SRC/tests/ci/model.yaml" threat-model.yaml
echo 'print("v1")' >src/tool/main.py
echo 'notes' >docs/notes.md
git add -A
git commit -qm base

# Read the hooks from the file, as pre-commit does.
hook() { # hook ID FIELD
  python3 -c '
import sys, yaml
hooks = {h["id"]: h for h in yaml.safe_load(open(sys.argv[1]))}
print(hooks[sys.argv[2]].get(sys.argv[3], ""))' "$SRC/.pre-commit-hooks.yaml" "$1" "$2"
}
check_entry=$SRC/$(hook threatwright-check entry) # language: script: relative to the hook repo
diff_entry=$(hook threatwright-diff-staged entry)  # language: system
check_files=$(hook threatwright-check files)

# --- threatwright-check ------------------------------------------------------------------
# Its `files` pattern picks root models, not every YAML file.
for f in threat-model.yaml sub/threatwright.yml a/threat-model.json; do
  checks=$((checks + 1))
  python3 -c 'import re,sys; sys.exit(0 if re.search(sys.argv[1], sys.argv[2]) else 1)' "$check_files" "$f" ||
    fail "files pattern misses $f"
done
checks=$((checks + 1))
! python3 -c 'import re,sys; sys.exit(0 if re.search(sys.argv[1], sys.argv[2]) else 1)' "$check_files" ci.yaml ||
  fail "files pattern matches ci.yaml"

tw_hook() { # tw_hook COMMAND...: run a hook entry like tw does (sets out, err, rc)
  set +e
  timeout 60 "$@" >"$WORK/.out" 2>"$WORK/.err"
  rc=$?
  set -e
  out=$(cat "$WORK/.out")
  err=$(cat "$WORK/.err")
}
tw_hook "$check_entry" threat-model.yaml
expect_rc 0 "check hook, passing model"; expect_out "quality gate: passed"
printf 'threatwright: 1\nsystem: {name: Broken}\ncomponents:\n  - {id: a, type: proces}\n' >broken.yaml
tw_hook "$check_entry" --strict threat-model.yaml broken.yaml
expect_rc 2 "check hook: the worst exit of all files"; expect_err "broken.yaml:4"
expect_out "threat-model.yaml: valid"
sed 's/methodology: stride/methodology: stride\n  x-note: 1/' threat-model.yaml >strict.yaml
sed -i '/supply_chain: \[\]/d' strict.yaml
tw_hook "$check_entry" --no-warnings strict.yaml
expect_rc 1 "check hook: the gate fails"; expect_out "quality gate: failed"
rm broken.yaml strict.yaml

# Neither hook runs what a model names.
cp threat-model.yaml exec.yaml
cat >>exec.yaml <<'Y'
controls:
  - id: tests
    mechanism: The tests.
    status: implemented
    mitigates: [bad-input]
    verification: {command: 'touch hook-ran', expect: {exit_code: 0}, max_age_days: 30}
Y
tw_hook "$check_entry" exec.yaml
expect_rc 0 "check hook on a model with a verification command"
# shellcheck disable=SC2086  # the entry is words
tw_hook $(hook threatwright-diff-staged entry) exec.yaml
checks=$((checks + 1))
[ ! -e hook-ran ] || fail "a hook ran a verification command"
rm exec.yaml

# --- threatwright-diff-staged ------------------------------------------------------------
# shellcheck disable=SC2086  # the entry is words
run_diff() { tw_hook $diff_entry "$@"; }
run_diff
expect_rc 0 "nothing staged"
echo 'print("v2")' >src/tool/main.py
run_diff
expect_rc 0 "an unstaged code change does not count"
git add src/tool/main.py
run_diff
expect_rc 1 "staged code under code: globs without a model change"
expect_err "without a threat-model update (--fail-on-drift)"
expect_out "src/tool/main.py"
run_diff threat-model.yaml
expect_rc 1 "the same with the model named"
# A staged change of the model clears it.
sed -i 's/title: Hostile input/title: Hostile input on the command line/' threat-model.yaml
git add threat-model.yaml
run_diff
expect_rc 0 "code and model staged together"
git commit -qm "code and model"
# Code outside every component's globs is not drift.
echo more >>docs/notes.md
git add docs/notes.md
run_diff
expect_rc 0 "code outside the globs"
git commit -qm notes

# --- the real pre-commit tool --------------------------------------------------------------
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "SKIP: pre-commit is not installed (Debian package pre-commit)"
  finish
  exit
fi
# The hook repository: this working tree's hook definitions and script, committed to a local
# git repository (pre-commit clones it; no network).
hooks=$WORK/hooks
mkdir -p "$hooks/scripts"
cp "$SRC/.pre-commit-hooks.yaml" "$hooks/"
cp "$SRC/scripts/pre-commit-check.sh" "$hooks/scripts/"
(cd "$hooks" && git init -q -b main . && git add -A && git commit -qm hooks)
rev=$(git -C "$hooks" rev-parse HEAD)
cat >.pre-commit-config.yaml <<Y
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: threatwright-check
      - id: threatwright-diff-staged
Y
git add .pre-commit-config.yaml
git commit -qm "pre-commit config"
export PRE_COMMIT_HOME=$WORK/pre-commit-home
tw_hook pre-commit run --all-files
expect_rc 0 "pre-commit run --all-files"; expect_out "threatwright check"
tw_hook pre-commit install
expect_rc 0 "pre-commit install"
# A commit of code without its model is refused by the git hook ...
echo 'print("v3")' >src/tool/main.py
git add src/tool/main.py
tw_hook git commit -m "code only"
expect_rc 1 "git commit refused by threatwright-diff-staged"
expect_err "without a threat-model update"
expect_eq "$(git log -1 --format=%s)" "pre-commit config"
# ... and a commit that breaks the model is refused by threatwright-check.
sed -i 's/type: process/type: proces/' threat-model.yaml
git add threat-model.yaml
tw_hook git commit -m "broken model"
expect_rc 1 "git commit refused by threatwright-check"
expect_err "threat-model.yaml:14:11: error: bad value 'proces'"
expect_eq "$(git log -1 --format=%s)" "pre-commit config"
# Fixed and updated together, it goes through.
sed -i 's/type: proces$/type: process/; s/likelihood: 2/likelihood: 3/' threat-model.yaml
git add threat-model.yaml
tw_hook git commit -m "code and model"
expect_rc 0 "git commit with code and model"
expect_eq "$(git log -1 --format=%s)" "code and model"
finish
