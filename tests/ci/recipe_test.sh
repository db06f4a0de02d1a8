#!/usr/bin/env bash
# The from-source recipe of docs/ci.md, run as written: the shell block after the marker
# `<!-- tested: from-source` is extracted and run in a scratch folder with THREATWRIGHT_REPO
# set to this repository and THREATWRIGHT_COMMIT to its HEAD (so it tests what is committed).
# Offline: `sudo` and `apt-get` are stand-ins — apt-get checks that every package it is asked
# for is installed here and records the list, which must be scripts/deps.sh's build list — and
# the recipe's install into /usr/local/bin lands on a private tmpfs (a mount namespace), not
# on this machine. The build goes through ccache like ./test's own (same relative layout).
. "$(dirname "$0")/../cli/lib.sh"
set -e
if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
  echo "SKIP: needs root and mount namespaces (unshare -m) to keep /usr/local/bin untouched"
  exit 77
fi
build_dir=$(cd "$(dirname "$TW")" && pwd)
scratch=$build_dir/ci-recipe
rm -rf "$scratch"
mkdir -p "$scratch/shims"
trap 'rm -rf "$scratch" "$WORK"' EXIT

# The recipe, exactly as the docs show it.
python3 - "$SRC/docs/ci.md" >"$scratch/recipe.sh" <<'P'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<!-- tested: from-source[^>]*-->\n```sh\n(.*?)```", text, re.S)
if not m:
    sys.exit("docs/ci.md has no tested from-source block")
print(m.group(1), end="")
P
checks=$((checks + 1))
grep -q "deps.sh --list build" "$scratch/recipe.sh" || fail "the recipe does not install from scripts/deps.sh"

cat >"$scratch/shims/sudo" <<'S'
#!/bin/sh
exec "$@"
S
cat >"$scratch/shims/apt-get" <<S
#!/usr/bin/env bash
# Offline stand-in: 'update' does nothing; 'install' checks the packages are here.
set -e
case "\$1" in
  update) exit 0 ;;
  install) shift ;;
  *) echo "apt-get stand-in: unexpected \$*" >&2; exit 100 ;;
esac
for p in "\$@"; do
  case "\$p" in -*) continue ;; esac
  echo "\$p" >>"$scratch/apt-packages"
  dpkg-query -W -f='\${Status}' "\$p" 2>/dev/null | grep -q "install ok installed" ||
    { echo "apt-get stand-in: \$p is not installed here" >&2; exit 100; }
done
S
chmod +x "$scratch/shims/sudo" "$scratch/shims/apt-get"

commit=$(git -C "$SRC" rev-parse HEAD)
set +e
(
  cd "$scratch"
  export PATH=$scratch/shims:$PATH THREATWRIGHT_REPO=$SRC THREATWRIGHT_COMMIT=$commit
  unshare -m bash -c 'mount -t tmpfs threatwright-recipe /usr/local/bin && bash -euo pipefail recipe.sh'
) >"$WORK/.out" 2>"$WORK/.err"
rc=$?
set -e
out=$(cat "$WORK/.out")
err=$(cat "$WORK/.err")
expect_rc 0 "the recipe of docs/ci.md"
expect_out "threatwright $("$TW" --version | cut -d' ' -f2)"
expect_eq "$(tr '\n' ' ' <"$scratch/apt-packages" | sed 's/ $//')" "$(bash "$SRC/scripts/deps.sh" --list build)"
checks=$((checks + 1))
[ ! -e /usr/local/bin/threatwright ] || [ /usr/local/bin/threatwright -ot "$scratch/recipe.sh" ] ||
  fail "the recipe's install reached this machine's /usr/local/bin"
finish
