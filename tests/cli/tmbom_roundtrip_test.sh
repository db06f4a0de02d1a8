#!/usr/bin/env bash
# TW -> TM-BOM -> TW is lossless (issue 14): every example exported to TM-BOM and imported back
# analyses to the same threats (ids, statuses, ratings) and exports to the same TM-BOM again.
# Runs once `threatwright import tm-bom` exists (the import half of the issue); until then it
# is skipped (exit 77) saying so. The exporter's own lossless check, which needs no importer,
# is tests/browser/export.test.mjs ("round-trips losslessly").
. "$(dirname "$0")/lib.sh"
cd "$SRC"
tw help import
if [ "$rc" -ne 0 ] || ! grep -q "tm-bom" <<<"$out$err"; then
  echo "SKIP: threatwright has no 'import tm-bom' yet (the import half of issue 14)"
  exit 77
fi
strip='import json,sys
d=json.load(sys.stdin)
for t in d["threats"]: t.pop("location", None)
print(json.dumps(d["threats"], sort_keys=True))'
for model in examples/*/model.yaml tests/golden/export/small/model.yaml; do
  name=$(basename "$(dirname "$model")")
  tw export tm-bom "$model" -o "$WORK/$name.tmbom.json"
  expect_rc 0 "export $model"
  tw import tm-bom "$WORK/$name.tmbom.json" -o "$WORK/$name.yaml"
  expect_rc 0 "import $name"
  tw analyze "$model" --format json --no-evidence
  before=$(printf '%s' "$out" | python3 -c "$strip")
  tw analyze "$WORK/$name.yaml" --format json --no-evidence
  expect_rc 0 "analyze the imported $name"
  after=$(printf '%s' "$out" | python3 -c "$strip")
  expect_eq "$after" "$before"
  tw export tm-bom "$WORK/$name.yaml" -o "$WORK/$name.again.json"
  expect_eq "$(cat "$WORK/$name.again.json")" "$(cat "$WORK/$name.tmbom.json")"
done
finish
