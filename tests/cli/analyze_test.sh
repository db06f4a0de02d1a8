#!/usr/bin/env bash
# `threatwright analyze` and `threatwright rules` on the real binary: output, filters, JSON,
# the --fail-on gate, stable ids, and exit codes.
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"
example="$SRC/examples/acme-shop/model.yaml"

tw analyze "$example"
expect_rc 0 "analyze without a gate"
expect_out "SEVERITY  SCORE  STRIDE  STATUS"
expect_out "unauthenticated-entry-flow@login"
expect_out "threats shown; open by severity:"

# The documented JSON, and ids stable across runs (byte-identical output).
tw analyze "$example" --format json
expect_rc 0
cp "$WORK/.out" first.json
tw analyze "$example" --format json
cmp -s first.json "$WORK/.out" || fail "two runs give different JSON"
# -o FILE writes the same bytes to the file, and nothing to stdout; with --fail-on the gate
# still decides the exit code; a file that cannot be written is exit 3; -o - is stdout.
tw analyze "$example" --format json -o written.json
expect_rc 0 "analyze -o"
expect_eq "$out" ""
cmp -s first.json written.json || fail "analyze -o wrote other bytes than stdout"
tw analyze "$example" --format json -o gated.json --fail-on low
expect_rc 1 "analyze -o with a failing gate"
cmp -s first.json gated.json || fail "analyze -o with --fail-on wrote other bytes"
tw analyze "$example" --summary --output summary.txt
expect_rc 0
grep -q "worst open threats:" summary.txt || fail "analyze --summary -o lacks the summary"
tw analyze "$example" --format json -o no-such-dir/out.json
expect_rc 3 "analyze -o into a missing folder"
expect_err "threatwright: error: no-such-dir/out.json"
tw analyze "$example" --format json -o -
expect_rc 0
cmp -s first.json "$WORK/.out" || fail "analyze -o - is not stdout"
python3 - first.json <<'P' || fail "analyze JSON lacks documented fields"
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("threatwright_version", "model", "summary", "threats"):
    assert k in d, k
fields = ("id", "rule", "title", "stride", "target", "target_kind", "likelihood", "impact",
          "score", "severity", "status", "controls", "assets", "adversaries", "cwe", "capec",
          "description", "mitigation", "location")
ids = [t["id"] for t in d["threats"]]
assert ids == sorted(ids), "threats sorted by id"
for t in d["threats"]:
    for f in fields:
        assert f in t, (t["id"], f)
    assert t["score"] == t["likelihood"] * t["impact"]
    if t["rule"]:
        assert t["id"] == t["rule"] + "@" + t["target"]
    assert set(t["stride"]) <= {"spoofing", "tampering", "repudiation", "information-disclosure",
                                "denial-of-service", "elevation-of-privilege"}
    assert t["location"]["line"] > 0
P

# Filters.
tw analyze "$example" --format json --severity high
python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["threats"] and all(t["severity"] in ("high","critical") for t in d["threats"])' "$WORK/.out" ||
  fail "--severity high shows lower severities"
tw analyze "$example" --format json --stride spoofing --target web
python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert all("spoofing" in t["stride"] and t["target"]=="web" for t in d["threats"])' "$WORK/.out" ||
  fail "--stride/--target filters"
tw analyze "$example" --stride spoofng
expect_rc 2 "bad STRIDE value is a usage error"

# The gate.
tw analyze "$example" --fail-on high
expect_rc 1 "open high threats fail the gate"
cat >safe.yaml <<'Y'
threatwright: 1
system: {name: S, methodology: stride}
assets:
  - {id: a, name: A, value: low, impact: x}
components:
  - {id: ext, type: external-entity, kind: user}
Y
tw analyze safe.yaml --fail-on critical
expect_rc 0 "nothing critical: the gate passes"

# Broken model: exit 2 with positions.
printf 'threatwright: 1\nsystem: {name: x}\nassets: [{id: a, value: hgh}]\n' >bad.yaml
tw analyze bad.yaml
expect_rc 2; expect_err "bad.yaml:3:"

# A decision naming a threat id that no rule produces: exit 2 with a suggestion.
cat >dangling.yaml <<'Y'
threatwright: 1
system: {name: D, methodology: stride}
assets:
  - {id: a, name: A, value: high, impact: x}
components:
  - {id: db, type: data-store, stores: [a], encrypted_at_rest: false}
decisions:
  - {threat: unencrypted-data-at-rst@db, status: accepted, owner: me, rationale: r, review_by: 2030-01-01}
Y
tw analyze dangling.yaml
expect_rc 2; expect_err "[unknown-threat]"; expect_err "did you mean 'unencrypted-data-at-rest@db'"

# Evidence: an unreadable evidence file is refused, unless evidence is switched off.
echo 'not json' >broken-evidence.json
tw analyze "$example" --evidence broken-evidence.json
expect_rc 2 "unreadable evidence"; expect_err "broken-evidence.json"
tw analyze "$example" --evidence broken-evidence.json --no-evidence --summary
expect_rc 0 "--no-evidence reads none"; expect_out "threats"

# The rule library.
tw rules
expect_rc 0; expect_out "sql-injection"
tw rules --format json
expect_rc 0
python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
rules=d["rules"]
assert len(rules) >= 60, len(rules)
for r in rules:
    for f in ("id","title","stride","applies_to","cwe","capec","mitigation"):
        assert r.get(f), (r.get("id"), f)
for cat in ("spoofing","tampering","repudiation","information-disclosure","denial-of-service","elevation-of-privilege"):
    assert sum(cat in r["stride"] for r in rules) >= 6, cat' "$WORK/.out" || fail "rules JSON"
tw rules show sql-injection
expect_rc 0; expect_out "CWE-89"
tw rules show sql-injectoin
expect_rc 2; expect_err "sql-injection"

finish
