#!/usr/bin/env bash
# tests/package/completion_test.sh SHARE_DIR CLI_JSON: the generated shell completions (as
# installed under SHARE_DIR = .../usr/share) offer what the command line accepts. bash: the
# completion function is called for a few command lines; fish: `complete -C`; zsh: syntax, the
# functions it defines, and what they hand to _arguments and _describe. Expected candidates come from CLI_JSON (help --all --format json)
# where they are lists, so the test follows the CLI as it grows.
set -euo pipefail
share=$(realpath "${1:?usage: completion_test.sh SHARE_DIR CLI_JSON}")
spec=$(realpath "${2:?usage: completion_test.sh SHARE_DIR CLI_JSON}")
bash_file=$share/bash-completion/completions/threatwright
zsh_file=$share/zsh/vendor-completions/_threatwright
fish_file=$share/fish/vendor_completions.d/threatwright.fish
failures=0
checks=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
same() { # same DESCRIPTION GOT WANT
  checks=$((checks + 1))
  [ "$2" = "$3" ] || fail "$1: got [$2], expected [$3]"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
touch model.yaml models.json other.txt
mkdir sub

# Candidates the spec gives for a prefix: top-level commands, a command's long options.
commands_with() {
  python3 -c '
import json, sys
spec = json.load(open(sys.argv[1]))
print(" ".join(sorted(c["name"] for c in spec["commands"] if c["name"].startswith(sys.argv[2]))))' \
    "$spec" "$1"
}
options_with() { # options_with COMMAND PREFIX
  python3 -c '
import json, sys
spec = json.load(open(sys.argv[1]))
app = next(c for c in spec["commands"] if c["name"] == sys.argv[2])
print(" ".join(sorted(f for o in app["options"] for f in o["flags"] if f.startswith(sys.argv[3]))))' \
    "$spec" "$1" "$2"
}

echo "-- bash"
bash_complete() { # bash_complete WORD...: the sorted candidates for the last word
  bash -c '
    source "$1"
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    _threatwright
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' _ "$bash_file" "$@"
}
same "bash: threatwright ''" "$(bash_complete threatwright '')" "$(commands_with '')"
same "bash: threatwright ch" "$(bash_complete threatwright ch)" "$(commands_with ch)"
same "bash: threatwright check --" "$(bash_complete threatwright check --)" "$(options_with check --)"
same "bash: threatwright check --format ''" "$(bash_complete threatwright check --format '')" "json text"
same "bash: threatwright check --format=j" "$(bash_complete threatwright check --format = j)" "json"
same "bash: threatwright report --format s" "$(bash_complete threatwright report --format s)" "sarif"
same "bash: threatwright report -f c" "$(bash_complete threatwright report -f c)" "csv"
same "bash: threatwright check m (files)" "$(bash_complete threatwright check m)" "model.yaml models.json"
same "bash: threatwright check --strict m (a flag takes no value)" \
  "$(bash_complete threatwright check --strict m)" "model.yaml models.json"
same "bash: threatwright check --max-depth '' (a number)" "$(bash_complete threatwright check --max-depth '')" ""
same "bash: threatwright rules ''" "$(bash_complete threatwright rules '')" "show"
same "bash: threatwright help di" "$(bash_complete threatwright help di)" "$(commands_with di | sed 's/\bhelp\b//')"
same "bash: threatwright --ver" "$(bash_complete threatwright --ver)" "--version"
# A positional with choices completes them in its place only: export FORMAT MODEL.
same "bash: threatwright export t" "$(bash_complete threatwright export t)" "threat-composer threat-dragon tm-bom"
same "bash: threatwright export otm m (files)" "$(bash_complete threatwright export otm m)" "model.yaml models.json"
same "bash: threatwright export -o x.json o" "$(bash_complete threatwright export -o x.json o)" "otm"

echo "-- zsh"
if command -v zsh >/dev/null; then
  checks=$((checks + 1))
  zsh -n "$zsh_file" || fail "zsh -n $zsh_file"
  # Loading it defines one function per command.
  defined=$(zsh -f -c 'compdef() { :; }; _arguments() { :; }; _describe() { :; };
    source "$1"; print -l ${(k)functions[(I)_threatwright*]} | sort | tr "\n" " "' _ "$zsh_file")
  for c in check analyze diff rules_show; do
    checks=$((checks + 1))
    grep -qw "_threatwright_$c" <<<"$defined" || fail "zsh: no function _threatwright_$c in [$defined]"
  done
  checks=$((checks + 1))
  head -1 "$zsh_file" | grep -qx "#compdef threatwright" || fail "zsh: no #compdef line"
  # What the functions hand to zsh's completion system, with _arguments and _describe stood
  # in for: the command list at the top, and the option specs of `check`.
  zsh_call() { # zsh_call commands|COMMAND
    zsh -f -c 'compdef() { :; }
      _describe() { local n=${@[-1]}; print -rl -- ${(P)n}; }
      _arguments() { if [[ -n $TW_STATE ]]; then state=$TW_STATE; TW_STATE=; return 0; fi
                     print -rl -- "$@"; }
      source "$1" >/dev/null
      if [[ $2 == commands ]]; then TW_STATE=command words=(threatwright); else TW_STATE=argument words=($2); fi
      _threatwright' _ "$zsh_file" "$1"
  }
  same "zsh: commands" "$(zsh_call commands | cut -d: -f1 | sort | tr '\n' ' ' | sed 's/ $//')" \
    "$(commands_with '')"
  specs=$(zsh_call check)
  for want in '--format[Output format\: text or json]:format:(text json)' \
    '--strict[Treat warnings as errors (exit 1)]' '1:MODEL:_files' '*--rules['; do
    checks=$((checks + 1))
    grep -qF -- "$want" <<<"$specs" || fail "zsh: check's specs lack $want"$'\n'"$specs"
  done
else
  echo "SKIP: zsh is not installed"
fi

echo "-- fish"
if command -v fish >/dev/null; then
  checks=$((checks + 1))
  fish -n "$fish_file" || fail "fish -n $fish_file"
  fish_complete() {
    fish -N -c 'source $argv[1]; complete -C $argv[2]' "$fish_file" "$1" | cut -f1 | sort |
      tr '\n' ' ' | sed 's/ $//'
  }
  same "fish: threatwright ch" "$(fish_complete 'threatwright ch')" "$(commands_with ch)"
  same "fish: threatwright check --format " "$(fish_complete 'threatwright check --format ')" "json text"
  same "fish: threatwright rules " "$(fish_complete 'threatwright rules ')" "show"
  same "fish: threatwright check --st" "$(fish_complete 'threatwright check --st')" "--strict"
else
  echo "SKIP: fish is not installed"
fi

echo "completions: $((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
