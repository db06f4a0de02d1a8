#!/usr/bin/env bash
# Review B1: `diff --base` runs git only in the repository threatwright chooses, with a
# configuration under which nothing can start a program. Every git configuration key that can
# start one is planted (in a bare repository committed into the model's folder, in the
# repository's own .git/config, through .gitattributes and through GIT_* variables); each
# would create a marker file. None may appear.
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"
MARK="$WORK/markers"
mkdir -p "$MARK"
g() { git -c user.name=T -c user.email=t@example.com -c commit.gpgsign=false \
  -c init.defaultBranch=main -c core.hooksPath=/dev/null "$@"; }
prog() { echo "sh -c 'touch $MARK/$1; false'"; }  # a program that leaves marker $1
no_markers() {
  checks=$((checks + 1))
  local found
  found=$(ls -A "$MARK")
  [ -z "$found" ] || fail "a git configuration started a program ($1): $found"
  rm -f "$MARK"/*
}

# Every key of git's configuration that names a program, with a marker program each.
program_keys() {
  cat <<KEYS
[core]
	fsmonitor = $(prog core.fsmonitor)
	hooksPath = $WORK/hooks
	pager = $(prog core.pager)
	editor = $(prog core.editor)
	sshCommand = $(prog core.sshCommand)
	gitProxy = $(prog core.gitProxy)
	askPass = $(prog core.askPass)
	alternateRefsCommand = $(prog core.alternateRefsCommand)
[sequence]
	editor = $(prog sequence.editor)
[diff]
	external = $(prog diff.external)
[diff "evil"]
	textconv = $(prog diff.textconv)
	command = $(prog diff.command)
[filter "evil"]
	clean = $(prog filter.clean)
	smudge = $(prog filter.smudge)
	process = $(prog filter.process)
	required = true
[credential]
	helper = $(prog credential.helper)
[uploadpack]
	packObjectsHook = $(prog uploadpack.packObjectsHook)
[gpg]
	program = $(prog gpg.program)
[log]
	showSignature = true
[pager]
	diff = $(prog pager.diff)
	show = $(prog pager.show)
KEYS
}
mkdir -p hooks
for h in post-index-change pre-commit post-checkout reference-transaction fsmonitor-watchman; do
  printf '#!/bin/sh\ntouch %s/hook-%s\n' "$MARK" "$h" >"hooks/$h"
  chmod +x "hooks/$h"
done

model='threatwright: 1
system: {name: T}
assets:
  - {id: data, name: Data, value: high, impact: Leak}
components:
  - {id: web, name: Web, type: process, code: ["/src/**"], stores: [data]}
'

# The upstream repository and a change to it.
mkdir repo && cd repo
g init -q
mkdir -p security src
printf '%s' "$model" >security/model.yaml
echo 'int main() {}' >src/main.c
printf 'src/* filter=evil diff=evil\nsecurity/* filter=evil diff=evil\n' >.gitattributes
g add -A && g commit -qm base
base=$(git rev-parse HEAD)
cd ..

# 1. The review's case: the change commits a bare repository into the model folder, whose
#    config holds every program key (bare = false, worktree = .).
cp -r repo pr && cd pr
git clone -q --bare . "$WORK/bare.git"
cp -r "$WORK/bare.git/objects" "$WORK/bare.git/refs" "$WORK/bare.git/HEAD" security/
{ printf '[core]\n\tbare = false\n\tworktree = .\n'; program_keys; } >security/config
echo 'int helper() {}' >>src/main.c
g add -A && g commit -qm "add a bare repository to the model folder"
for base_rev in main "$base" HEAD~1; do
  tw diff --base "$base_rev" --format md security/model.yaml
  expect_rc 2 "bare repository in the model folder ($base_rev)"
  expect_err "is itself a git repository"
  no_markers "committed bare repository, --base $base_rev"
done
# From inside the model folder, too (the work tree is the current folder's).
cd security
tw diff --base main model.yaml
expect_rc 2 "run from the model folder"
no_markers "run from inside the model folder"
cd "$WORK"

# 2. A model folder that is another repository's work tree (a .git file or folder).
cp -r repo nested && cd nested
echo "gitdir: $WORK/bare.git" >security/.git
tw diff --base main security/model.yaml
expect_rc 2 ".git file in the model folder"; expect_err "is itself a git repository"
no_markers ".git in the model folder"
cd "$WORK"

# 3. The repository's own .git/config holds every program key; a .gitattributes routes the
#    files through the filter and diff drivers; the work tree has changes (clean filters run
#    for files whose stat changed). diff works, and nothing runs.
cp -r repo own && cd own
program_keys >>.git/config
echo 'int more() {}' >>src/main.c
touch security/model.yaml
echo 'new' >src/untracked.c
tw diff --base main --format json security/model.yaml
expect_rc 0 "program keys in .git/config"
expect_out '"code_without_model": 1'
no_markers "repository's own configuration"
tw diff --staged security/model.yaml
expect_rc 0 "--staged with program keys in .git/config"
no_markers "repository's own configuration, --staged"
# 4. The same with hostile GIT_* variables in the environment (a CI job's, or a user's).
GIT_EXTERNAL_DIFF="$(prog GIT_EXTERNAL_DIFF)" GIT_PAGER="$(prog GIT_PAGER)" PAGER="$(prog PAGER)" \
  GIT_SSH_COMMAND="$(prog GIT_SSH_COMMAND)" GIT_ASKPASS="$(prog GIT_ASKPASS)" \
  GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.fsmonitor GIT_CONFIG_VALUE_0="$(prog GIT_CONFIG_KEY)" \
  GIT_CONFIG_PARAMETERS="'core.fsmonitor'='$(prog GIT_CONFIG_PARAMETERS)'" \
  GIT_DIR="$WORK/bare.git" \
  tw diff --base main security/model.yaml
expect_rc 0 "hostile GIT_* variables"
no_markers "GIT_* environment"
# 5. Global and system configuration are ignored.
HOME="$WORK/home" && mkdir -p "$HOME" && program_keys >"$HOME/.gitconfig"
HOME="$WORK/home" tw diff --base main security/model.yaml
expect_rc 0 "program keys in ~/.gitconfig"
no_markers "global configuration"
cd "$WORK"

# 6. The work tree is the current folder's (or --repo's), never the model's.
mkdir elsewhere && cd elsewhere
tw diff --base main "$WORK/own/security/model.yaml"
expect_rc 2 "model outside the current work tree"; expect_err "--repo"
tw diff --base main --repo "$WORK/own" "$WORK/own/security/model.yaml"
expect_rc 0 "--repo names the work tree"
no_markers "--repo"
cd "$WORK"

finish
