#!/usr/bin/env bash
# Threat Dragon's demo model (OWASP's sample, read in place from ../shared): imported with
# `threatwright import threat-dragon` and analysed. Every threat its authors wrote is looked up
# among the generated threats: found when a rule raises a threat on the same element in the
# same STRIDE category; settled when, with the authors' threats taken out, a rule evaluated
# that category there on known facts and cleared it (e.g. a flow already on HTTPS); missing
# otherwise. Prints each threat and the figure; fails on a missing threat or below the floor.
# Skipped (77) when ../shared is absent.
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"
demo="$SRC/../shared/interop/samples/threat-dragon/ThreatDragonModels/demo-threat-model.json"
if [ ! -f "$demo" ]; then
  echo "skipped: ../shared/interop/samples is absent (this test reads Threat Dragon's demo model)"
  exit 77
fi
# Authored threats the rules must find themselves; raise it when a rule starts finding more.
floor=8

tw import threat-dragon "$demo" -o demo.yaml
expect_rc 0 "import"
tw analyze demo.yaml --format json -o demo.json
expect_rc 0 "analyze"
# The same model without the authors' threats and decisions: what the rules see on their own.
python3 - <<'PY'
out, skip = [], False
for line in open("demo.yaml"):
    if line[:1] not in (" ", "#", "\n", "-"):
        skip = line.startswith(("threats:", "decisions:"))
    if not skip:
        out.append(line)
open("bare.yaml", "w").write("".join(out))
PY
tw report bare.yaml --format json -o bare.json
expect_rc 0 "report of the bare model"
figure=$(python3 - <<'PY'
import json, sys
authored = [t for t in json.load(open("demo.json"))["threats"] if t["rule"] is None]
bare = json.load(open("bare.json"))
sec = bare["sections"]
cells = {e["id"]: e["stride"] for e in sec["components"] + sec["flows"]}
generated = [t for t in bare["threats"] if t["rule"] is not None]
found = settled = 0
for a in sorted(authored, key=lambda t: (t["target"], t["id"])):
    hits = sorted({g["rule"] for g in generated
                   if g["target"] == a["target"] and set(g["stride"]) & set(a["stride"])})
    cleared = [s for s in a["stride"] if cells.get(a["target"], {}).get(s, {}).get("status") == "considered"]
    state = "found" if hits else "settled" if cleared else "MISSING"
    found += state == "found"
    settled += state == "settled"
    why = ", ".join(hits) if hits else "cleared on known facts" if cleared else ""
    print(f"{state:8} {a['target']} / {','.join(a['stride'])} '{a['title']}'" +
          (f": {why}" if why else ""), file=sys.stderr)
print(f"Threat Dragon demo: {found}/{len(authored)} authored threats found by the rules, "
      f"{settled} settled by the model's facts", file=sys.stderr)
print(found, settled, len(authored))
PY
)
read -r found settled total <<<"$figure"
checks=$((checks + 1))
[ "$total" -ge 14 ] || fail "expected the demo's 14 authored threats, read $total"
checks=$((checks + 1))
[ $((found + settled)) -eq "$total" ] || fail "$((total - found - settled)) authored threats missing"
checks=$((checks + 1))
[ "$found" -ge "$floor" ] || fail "found $found of $total authored threats, below the floor of $floor"
finish
