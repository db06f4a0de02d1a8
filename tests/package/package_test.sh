#!/usr/bin/env bash
# tests/package/package_test.sh DEB: the Debian package as a user gets it (run by ./test after
# `cmake --build build --target package`).
#   1. lintian: no errors and no warnings (accepted tags are overridden, with why, in
#      packaging/lintian-overrides);
#   2. the control fields: Depends from the linked libraries plus Graphviz (loaded on demand),
#      every runtime package of scripts/deps.sh named;
#   3. an unpacked copy (dpkg-deb -x): the binary runs on an example, the man page renders
#      without warnings and has every command, the completions offer the right candidates;
#   4. as root: apt-get installs it into the machine, every command's --help and check,
#      analyze, report run from /usr/bin, then it is removed again (skipped, with a message,
#      when not root, when TW_PACKAGE_INSTALL=0, or when a threatwright package is installed).
set -euo pipefail
deb=$(realpath "${1:?usage: package_test.sh threatwright_VERSION_ARCH.deb}")
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
example=$src/examples/acme-shop/model.yaml
failures=0
checks=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
ok() { checks=$((checks + 1)); }
expect() { # expect DESCRIPTION COMMAND...: the command succeeds
  local what=$1
  shift
  if "$@" >"$work/.out" 2>&1; then ok; else fail "$what: $(head -c 1500 "$work/.out")"; fi
}
# expect_rc RC DESCRIPTION COMMAND...: the command exits with RC
expect_rc() {
  local want=$1 what=$2 rc=0
  shift 2
  "$@" >"$work/.out" 2>&1 || rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else fail "$what: exit $rc, expected $want: $(head -c 1500 "$work/.out")"; fi
}
same() { # same DESCRIPTION GOT WANT
  if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], expected [$3]"; fi
}

name=$(basename "$deb")
version=$(dpkg-deb -f "$deb" Version)
arch=$(dpkg-deb -f "$deb" Architecture)
same "file name" "$name" "threatwright_${version}_${arch}.deb"
same "architecture" "$arch" "$(dpkg --print-architecture)"

echo "-- lintian"
if lintian --fail-on error,warning \
  "$deb" >"$work/lintian.txt" 2>&1; then
  ok
else
  fail "lintian: $(grep -E '^(E|W):' "$work/lintian.txt" | head -20)"
fi
grep -E '^[EWIP]:' "$work/lintian.txt" || true

echo "-- control fields"
depends=$(dpkg-deb -f "$deb" Depends)
recommends=$(dpkg-deb -f "$deb" Recommends)
# dpkg-shlibdeps found the libraries the binary links ...
for lib in libc6 libyaml-0-2 libcivetweb1; do
  grep -qE "(^|, )$lib( |,|$)" <<<"$depends" && ok || fail "Depends lacks $lib: $depends"
done
# ... and libstdc++ is linked in, so it is not one of them.
! grep -q "libstdc++" <<<"$depends" && ok || fail "Depends names libstdc++: $depends"
# Every runtime package of the one list is named (Graphviz is dlopen'ed: no linker sees it).
for p in $(bash "$src/scripts/deps.sh" --list runtime); do
  grep -qE "(^|, )$p( |,|$)" <<<"$depends, $recommends" && ok ||
    fail "runtime package $p of scripts/deps.sh is neither in Depends nor Recommends"
done

echo "-- unpacked copy"
dpkg-deb -x "$deb" "$work/root"
tw=$work/root/usr/bin/threatwright
same "--version" "$("$tw" --version)" "threatwright $version"
# The example has planted gaps: valid (not 2), gate failed (1).
expect_rc 1 "check on the example" "$tw" check "$example" --no-warnings
expect "analyze --summary" "$tw" analyze "$example" --summary
expect "report sarif" "$tw" report "$example" --format sarif -o "$work/r.sarif"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["runs"][0]["results"]' \
  "$work/r.sarif" && ok || fail "the SARIF report has no results"
# SVG loads Graphviz on demand (dlopen): the packaged binary finds it.
"$tw" diagram "$example" --format svg -o "$work/d.svg" && grep -q "<svg" "$work/d.svg" && ok ||
  fail "diagram --format svg from the package"
for f in usr/share/doc/threatwright/copyright usr/share/doc/threatwright/changelog.gz \
  usr/share/man/man1/threatwright.1.gz usr/share/bash-completion/completions/threatwright \
  usr/share/zsh/vendor-completions/_threatwright \
  usr/share/fish/vendor_completions.d/threatwright.fish \
  usr/share/doc/threatwright/docs/cli.md usr/share/doc/threatwright/examples/acme-shop/model.yaml; do
  [ -s "$work/root/$f" ] && ok || fail "the package lacks /$f"
done
# The editor schemas: installed, and the bytes the packaged binary writes.
for s in threatwright threatwright-include; do
  f=$work/root/usr/share/threatwright/$s.schema.json
  args=()
  [ "$s" = threatwright-include ] && args=(--include)
  "$tw" schema "${args[@]}" | cmp -s - "$f" && ok ||
    fail "the package lacks /usr/share/threatwright/$s.schema.json, or it differs from 'schema ${args[*]}'"
done
# The copyright file is machine-readable (DEP-5).
head -1 "$work/root/usr/share/doc/threatwright/copyright" |
  grep -qx "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" && ok ||
  fail "copyright is not DEP-5"

echo "-- man page"
"$tw" help --all --format json >"$work/cli.json"
commands=$(python3 -c '
import json, sys
spec = json.load(open(sys.argv[1]))
def walk(app, path):
    for c in app["commands"]:
        print(" ".join(path + [c["name"]]))
        walk(c, path + [c["name"]])
walk(spec, [])' "$work/cli.json")
[ "$(wc -l <<<"$commands")" -ge 10 ] && ok || fail "help --all --format json lists too few commands"
man_text=$(LC_ALL=C.UTF-8 MANWIDTH=200 man --warnings -l "$work/root/usr/share/man/man1/threatwright.1.gz" 2>"$work/man.err")
[ ! -s "$work/man.err" ] && ok || fail "man --warnings: $(head -5 "$work/man.err")"
while read -r c; do
  grep -qE "^   $c$" <<<"$man_text" && ok || fail "the man page has no section for '$c'"
  # and each of its options
  for flag in $(python3 -c '
import json, sys
spec = json.load(open(sys.argv[1]))
app = spec
for n in sys.argv[2].split():
    app = next(c for c in app["commands"] if c["name"] == n)
print(" ".join(f for o in app["options"] for f in o["flags"] if f.startswith("--")))' "$work/cli.json" "$c"); do
    grep -qF -- "$flag" <<<"$man_text" || { fail "man page: '$c' lacks $flag"; break; }
  done
done <<<"$commands"
for s in "EXIT STATUS" ENVIRONMENT THREATWRIGHT_TODAY; do
  grep -q "$s" <<<"$man_text" && ok || fail "the man page has no $s"
done

echo "-- completions"
bash "$src/tests/package/completion_test.sh" "$work/root/usr/share" "$work/cli.json" && ok ||
  fail "shell completions (above)"

echo "-- install into the machine"
install_test() {
  local -a apt=(apt-get -o DPkg::Lock::Timeout=300 -y -qq --no-install-recommends)
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install "$deb" >"$work/apt.log" 2>&1 ||
    { fail "apt-get install: $(tail -5 "$work/apt.log")"; return; }
  ok
  same "installed version" "$(dpkg-query -W -f='${Version}' threatwright)" "$version"
  same "on PATH" "$(command -v threatwright)" /usr/bin/threatwright
  expect "--version from /usr/bin" threatwright --version
  while read -r c; do
    # shellcheck disable=SC2086  # a command path is words
    expect "threatwright $c --help" threatwright $c --help
  done <<<"$commands"
  expect "threatwright help" threatwright help
  expect_rc 1 "check (installed)" threatwright check "$example" --no-warnings
  expect "analyze (installed)" threatwright analyze "$example" --format json
  expect "report md (installed)" threatwright report "$example" --format md -o "$work/tm.md"
  expect "report html (installed)" threatwright report "$example" --format html -o "$work/tm.html"
  expect "diagram svg (installed)" threatwright diagram "$example" --format svg
  same "man -w" "$(man -w threatwright 2>/dev/null)" /usr/share/man/man1/threatwright.1.gz
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" purge threatwright >>"$work/apt.log" 2>&1 ||
    fail "apt-get purge: $(tail -5 "$work/apt.log")"
  [ ! -e /usr/bin/threatwright ] && ! dpkg-query -W threatwright >/dev/null 2>&1 && ok ||
    fail "threatwright is still installed after purge"
}
if [ "$(id -u)" != 0 ] || [ "${TW_PACKAGE_INSTALL:-1}" = 0 ]; then
  echo "SKIP: install into the machine (needs root; TW_PACKAGE_INSTALL=${TW_PACKAGE_INSTALL:-1})"
elif dpkg-query -W -f='${Status}' threatwright 2>/dev/null | grep -q "install ok installed"; then
  echo "SKIP: install into the machine: a threatwright package is already installed here"
else
  # One install test at a time on this machine (several worktrees may run ./test at once).
  exec 9>/var/lock/threatwright-package-test.lock
  flock -w 600 9
  install_test
  flock -u 9
fi

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
