#!/usr/bin/env bash
# Round trips through the other tools (issue 14): threatwright -> FORMAT -> threatwright for
# Threat Dragon, Threat Composer and OTM, on every example and the small export model.
# - Ids survive: every hand-written threat keeps its id in all three; through Threat Dragon
#   and OTM every component, flow and boundary keeps its id, so the generated threats the
#   rules raise again have the same ids (those whose facts did not travel are listed below).
# - What is lost is listed exactly: tests/golden/roundtrip/<model>.<format>.txt holds the
#   elements and threats (id and status) that differ after the round trip; the test fails when
#   more, or less, is lost. UPDATE_GOLDEN=1 rewrites them (then read the diff). Why each
#   is lost: docs/interop.md, "Round trips".
. "$(dirname "$0")/lib.sh"
cd "$SRC"
golden=tests/golden/roundtrip

# The facts of a model, one per line, from `report --format json`: elements by section and
# id, threats by id with their status.
facts='import json, sys
d = json.load(sys.stdin)
m = d["sections"]
out = set()
for sec in ("components", "flows", "boundaries", "assets", "adversaries", "controls", "supply_chain"):
    for e in m.get(sec, []):
        out.add(sec + " " + e["id"])
for t in d["threats"]:
    out.add("threat " + t["id"] + " " + t["status"])
    if not t["rule"]:
        out.add("hand-written " + t["id"])
print("\n".join(sorted(out)))'

for model in examples/*/model.yaml tests/golden/export/small/model.yaml; do
  name=$(basename "$(dirname "$model")")
  tw report "$model" --format json --no-evidence
  expect_rc 0 "report $model"
  printf '%s' "$out" | python3 -c "$facts" >"$WORK/$name.before"
  for format in threat-dragon threat-composer otm; do
    tw export "$format" "$model" -o "$WORK/$name.$format.json"
    expect_rc 0 "export $format $model"
    tw import "$format" "$WORK/$name.$format.json" -o "$WORK/$name.$format.yaml"
    expect_rc 0 "import $format $name"
    tw report "$WORK/$name.$format.yaml" --format json --no-evidence
    expect_rc 0 "report the $format import of $name"
    printf '%s' "$out" | python3 -c "$facts" >"$WORK/$name.$format.after"
    lost=$(comm -23 "$WORK/$name.before" "$WORK/$name.$format.after")
    gained=$(comm -13 "$WORK/$name.before" "$WORK/$name.$format.after")
    checks=$((checks + 1))
    if grep -q '^hand-written ' <<<"$lost"; then
      fail "$name via $format: hand-written threat ids lost: $(grep '^hand-written ' <<<"$lost" | tr '\n' ' ')"
    fi
    if [ "$format" != threat-composer ]; then
      checks=$((checks + 1))
      if grep -qE '^(components|flows|boundaries) ' <<<"$lost"; then
        fail "$name via $format: element ids lost: $(grep -E '^(components|flows|boundaries) ' <<<"$lost" | tr '\n' ' ')"
      fi
    fi
    report=$(printf 'lost:\n%s\ngained:\n%s\n' "$lost" "$gained" | sed '/^$/d')
    if [ -n "${UPDATE_GOLDEN:-}" ]; then
      mkdir -p "$golden"
      printf '%s\n' "$report" >"$golden/$name.$format.txt"
    fi
    expect_eq "$report" "$(cat "$golden/$name.$format.txt" 2>/dev/null)"
  done
done
finish
