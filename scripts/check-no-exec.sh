#!/usr/bin/env bash
# Verification of the control `exec-confined` (threat-model.yaml): threatwright starts other
# programs in exactly three places, and nowhere else:
#   src/cli/cmd_verify.cc  verify --allow-exec: the model's commands, through /bin/sh
#   src/diff/git.cc        diff: git, by argument vector, never through a shell
#   src/cli/cmd_serve.cc   serve (unless --no-open): xdg-open with the path of a private
#                          redirect file, by argument vector, never through a shell
# Any other process-spawning call in src/ (tests excepted) fails this check.
# usage: scripts/check-no-exec.sh [SRC_DIR]    prints "0 findings" when clean
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-src}
allowed='^src/cli/cmd_verify\.cc:|^src/diff/git\.cc:|^src/cli/cmd_serve\.cc:'
pattern='\b(system|popen|fork|vfork|execl|execlp|execle|execv|execve|execvp|execvpe|fexecve|posix_spawnp?|clone3?)[[:space:]]*\(|"/bin/(ba)?sh"'
findings=$(grep -rnE --include='*.cc' --include='*.h' "$pattern" "$src" |
  grep -v '_test\.cc:' | grep -vE "$allowed" || true)
# The shell is for verify alone: not even git.cc may name it.
shell=$(grep -rnE --include='*.cc' --include='*.h' '"/bin/(ba)?sh"' "$src" |
  grep -v '_test\.cc:' | grep -vE '^src/cli/cmd_verify\.cc:' || true)
all=$(printf '%s\n%s\n' "$findings" "$shell" | sed '/^$/d' | sort -u)
if [ -n "$all" ]; then
  echo "process-spawning calls outside src/cli/cmd_verify.cc, src/diff/git.cc and src/cli/cmd_serve.cc:"
  echo "$all"
  echo "$(echo "$all" | wc -l) findings"
  exit 1
fi
echo "0 findings"
