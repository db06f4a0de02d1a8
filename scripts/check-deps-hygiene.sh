#!/usr/bin/env bash
# Verification of the control `dependency-hygiene` (threat-model.yaml): what the build and the
# tests install comes from signed Debian archives or from npm lockfiles with integrity hashes.
#   - every package-lock.json outside node_modules pins each package with an sha512 integrity
#   - npm installs use `npm ci` (the lockfile), never `npm install`
#   - nothing disables apt signature checks or pipes a download into a shell
#   - every `uses:` of a GitHub Action or workflow names a full 40-hex commit id, not a tag
# usage: scripts/check-deps-hygiene.sh      prints "0 findings" when clean
set -euo pipefail
cd "$(dirname "$0")/.."
findings=()
while IFS= read -r lock; do
  out=$(python3 - "$lock" <<'PY'
import json, sys
path = sys.argv[1]
lock = json.load(open(path))
bad = []
if lock.get("lockfileVersion", 1) < 2:
    bad.append("lockfileVersion < 2")
for name, p in sorted(lock.get("packages", {}).items()):
    if not name or p.get("link"):
        continue
    if "resolved" in p and not str(p.get("integrity", "")).startswith("sha512-"):
        bad.append(name + " has no sha512 integrity")
for b in bad:
    print(path + ": " + b)
PY
)
  [ -z "$out" ] || while IFS= read -r l; do findings+=("$l"); done <<<"$out"
done < <(find . -name package-lock.json -not -path '*/node_modules/*' -not -path './build*' | sort)
scripts=$(ls test run .ci/run scripts/*.sh tests/*/*.sh 2>/dev/null | grep -v 'scripts/check-deps-hygiene.sh' || true)
while IFS= read -r hit; do
  [ -n "$hit" ] && findings+=("$hit: npm install instead of npm ci")
done < <(grep -nE '\bnpm (install|i)\b' $scripts || true)
while IFS= read -r hit; do
  [ -n "$hit" ] && findings+=("$hit: apt signature checks disabled")
done < <(grep -nE -- '--allow-unauthenticated|trusted=yes|AllowInsecureRepositories' $scripts || true)
while IFS= read -r hit; do
  [ -n "$hit" ] && findings+=("$hit: a download piped into a shell")
done < <(grep -nE '(curl|wget)[^|]*\|[[:space:]]*(sudo[[:space:]]+)?(ba)?sh\b' $scripts || true)
while IFS= read -r hit; do
  [ -n "$hit" ] && findings+=("$hit: an action used by a tag or branch, not a full commit id")
done < <(grep -nE '^[[:space:]-]*uses:' $(ls action.yml .github/workflows/*.yml 2>/dev/null || true) /dev/null |
  grep -vE 'uses:[[:space:]]*("?)(\./|[^@[:space:]]+@[0-9a-f]{40}\b)' || true)
if [ ${#findings[@]} -gt 0 ]; then
  printf '%s\n' "${findings[@]}"
  echo "${#findings[@]} findings"
  exit 1
fi
echo "0 findings"
