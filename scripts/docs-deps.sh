#!/usr/bin/env bash
# scripts/docs-deps.sh --check|--write: the package lists quoted in README.md and docs/ci.md
# between <!-- deps:PURPOSE --> and <!-- /deps:PURPOSE --> are those of scripts/deps.sh
# (the one list). --check fails on any difference (the docs.deps test); --write rewrites them.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
[ "$mode" = --check ] || [ "$mode" = --write ] || { echo "usage: docs-deps.sh --check|--write" >&2; exit 2; }
lists=$(for p in build runtime package test; do echo "$p=$(bash scripts/deps.sh --list "$p")"; done)
python3 - "$mode" "$lists" README.md docs/ci.md <<'P'
import re, sys
mode, lists, files = sys.argv[1], dict(l.split("=", 1) for l in sys.argv[2].splitlines()), sys.argv[3:]
block = re.compile(r"<!-- deps:(\w+) -->(.*?)<!-- /deps:\1 -->", re.S)
bad, seen = [], 0
for path in files:
    text = open(path, encoding="utf-8").read()
    def fix(m):
        global seen
        seen += 1
        purpose, body = m.group(1), m.group(2)
        if purpose not in lists:
            bad.append(f"{path}: unknown list deps:{purpose}")
            return m.group(0)
        want = "`" + lists[purpose] + "`"
        if body != want:
            bad.append(f"{path}: deps:{purpose} says {body.strip()!r}, scripts/deps.sh says {want!r}")
        return f"<!-- deps:{purpose} -->{want}<!-- /deps:{purpose} -->"
    new = block.sub(fix, text)
    if mode == "--write" and new != text:
        open(path, "w", encoding="utf-8").write(new)
if seen == 0:
    sys.exit("docs-deps: no deps blocks found")
if bad and mode == "--check":
    print("\n".join(bad) + "\nrun scripts/docs-deps.sh --write", file=sys.stderr)
    sys.exit(1)
print(f"docs-deps: {seen} lists {'match' if mode == '--check' else 'written'}")
P
