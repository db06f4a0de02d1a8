#!/usr/bin/env bash
# threatwright import: exit codes, hostile input, --merge in place (docs/interop.md). The
# interchange samples are read in place from ../shared when present.
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"
ulimit -v 4000000
S="$SRC/../shared/interop/samples"

# Usage errors.
tw import nosuchformat x.json
expect_rc 2 "unknown format"
tw import threat-dragon missing.json
expect_rc 2 "missing file"; expect_err "cannot read 'missing.json'"

# XML (a TM7 entity bomb) is refused unread, whatever the format asked for.
cat >bomb.tm7 <<'XML'
<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<lolz>&lol9;</lolz>
XML
tw import otm bomb.tm7
expect_rc 2 "xml"; expect_err "bomb.tm7:1:1: error: this is XML"; expect_err "StartLeft"

# An alias bomb in YAML input hits the loader's limit.
{
  echo 'otmVersion: 0.2.0'
  echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  prev=a
  for n in b c d e f g h i; do
    printf '%s: &%s [' "$n" "$n"
    for k in 1 2 3 4 5 6 7 8 9; do printf '*%s,' "$prev"; done
    printf '*%s]\n' "$prev"
    prev=$n
  done
} >bomb.yaml
tw import otm bomb.yaml
expect_rc 2 "alias bomb"; expect_err "[limit-aliases]"

# Deep nesting.
python3 -c 'print("{\"a\":" + "[" * 100000)' >deep.json
tw import threat-dragon deep.json
expect_rc 2 "deep"; expect_err "[limit-depth]"

# A minimal Threat Dragon model: imports, writes the model, which loads.
cat >td.json <<'JSON'
{"version": "2.3.0", "summary": {"title": "Mini"}, "detail": {"diagrams": [{"cells": [
  {"shape": "actor", "id": "u", "data": {"name": "User"}},
  {"shape": "process", "id": "p", "data": {"name": "Api", "threats": [
    {"title": "Spoofed user", "type": "Spoofing", "status": "Open", "severity": "High"}]}},
  {"shape": "flow", "id": "f", "source": {"cell": "u"}, "target": {"cell": "p"},
   "data": {"name": "call", "protocol": "HTTPS", "isEncrypted": false}},
  {"shape": "flow", "id": "g", "source": {"cell": "u"}, "target": {"cell": "nowhere"},
   "data": {"name": "lost"}}]}]}}
JSON
tw import threat-dragon td.json -o td.yaml
expect_rc 2 "dangling"; expect_err "td.json:7:3: error: flow 'lost' points at cell 'nowhere'"
[ ! -e td.yaml ] || fail "nothing is written on error"
tw import threat-dragon td.json --skip-broken -o td.yaml
expect_rc 0 "skip-broken"; expect_err "left out (--skip-broken)"
tw check td.yaml
[ "$rc" -le 1 ] || fail "imported model does not load"
tw import threat-dragon td.json --skip-broken --diagnostics-format json
expect_rc 0; expect_err '"code":"import-dangling"'; expect_out "threatwright: 1"

# --update: re-import an updated Threat Dragon file over the imported model. Ids stay (the
# renamed process keeps 'api'), a person's edits stay, the source's changes and removals come
# through, and the summary says so.
cat >up1.json <<'JSON'
{"version": "2.3.0", "summary": {"title": "Up"}, "detail": {"diagrams": [{"cells": [
  {"shape": "actor", "id": "u", "data": {"name": "User"}},
  {"shape": "process", "id": "p", "data": {"name": "Api"}},
  {"shape": "store", "id": "s", "data": {"name": "Db"}},
  {"shape": "flow", "id": "f", "source": {"cell": "u"}, "target": {"cell": "p"},
   "data": {"name": "call", "protocol": "HTTP"}},
  {"shape": "flow", "id": "g", "source": {"cell": "p"}, "target": {"cell": "s"},
   "data": {"name": "query"}}]}]}}
JSON
sed -e 's/"name": "Api"/"name": "Orders API"/' -e 's/"HTTP"/"HTTPS"/' up1.json |
  python3 -c 'import json,sys; d=json.load(sys.stdin); c=d["detail"]["diagrams"][0]["cells"]; d["detail"]["diagrams"][0]["cells"]=[x for x in c if x["id"] not in ("s","g")]; print(json.dumps(d))' >up2.json
tw import threat-dragon up1.json -o up.yaml
expect_rc 0 "import for update"
grep -q '^x-import:' up.yaml || fail "an import ends with its x-import block"
sed -i 's/^    name: Api$/    name: Api\n    authentication: token/' up.yaml
cp up.yaml up.before.yaml
tw import threat-dragon up2.json --update up.yaml --keep-removed -o up.kept.yaml
expect_rc 0 "update keeping removed"; expect_err "0 removed, 2 kept though removed"
grep -q -- '- id: db' up.kept.yaml || fail "--keep-removed keeps the removed store"
tw import threat-dragon up2.json --update up.yaml
expect_rc 0 "update"
expect_err "0 added, 2 updated, 2 removed"
expect_err "removed: components/db flows/query"
expect_err "up.yaml:"; expect_err "[import-update-removed]"
grep -q '^  - id: api$' up.yaml || fail "the renamed process keeps its id"
grep -q '^    name: Orders API$' up.yaml || fail "the new name comes through"
grep -q '^    authentication: token$' up.yaml || fail "the fact a person added stays"
grep -q 'protocol: https' up.yaml || fail "the new protocol comes through"
! grep -q -- '- id: db' up.yaml || fail "the removed store is gone"
tw check up.yaml
[ "$rc" -le 1 ] || fail "the updated model does not load"
cp up.yaml up.once.yaml
tw import threat-dragon up2.json --update up.yaml
expect_rc 0 "update again"; expect_err "0 added, 0 updated, 0 removed"
cmp -s up.once.yaml up.yaml || fail "a second update from the same file changes the model"
echo '{"otmVersion": "0.2.0", "project": {"name": "x", "id": "x"}}' >up.otm.json
tw import otm up.otm.json --update up.yaml
expect_rc 2 "update with another format"
expect_err "this model was imported from threat-dragon, not otm"
cmp -s up.once.yaml up.yaml || fail "a refused update changed the model"
tw import threat-dragon up2.json --keep-removed
expect_rc 2 "--keep-removed without --update"; expect_err "works with --update only"

if [ ! -d "$S" ]; then
  echo "skipped the sample part: ../shared/interop/samples is absent"
  finish
  exit $?
fi

tw import otm "$S/mtmt/TMFileParser/TMFileParserTest/Sample/BillionLaughs.tm7"
expect_rc 2 "billion laughs"; expect_err "XML is never parsed"

# --merge: the SBOM's supply chain goes into an existing model; what a person wrote stays.
cp "$SRC/examples/acme-shop/model.yaml" model.yaml
cp -r "$SRC/examples/acme-shop/"* . 2>/dev/null || true
cp "$SRC/examples/acme-shop/model.yaml" before.yaml
tw import cyclonedx "$S/cyclonedx/SBOM/juice-shop/via_npm/flat/bom.1.4.json" --merge model.yaml --used-by web
expect_rc 0 "merge"; expect_err "2 added, 0 removed"
diff before.yaml model.yaml >d.txt || true
expect_eq "$(grep -c '^<' d.txt)" "0"  # only additions
tw check model.yaml
[ "$rc" -le 1 ] || fail "merged model does not load"
cp model.yaml once.yaml
tw import cyclonedx "$S/cyclonedx/SBOM/juice-shop/via_npm/flat/bom.1.4.json" --merge model.yaml --used-by web
expect_rc 0 "merge again"; expect_err "2 replaced, 0 added"
cmp -s once.yaml model.yaml || fail "a second merge of the same SBOM changes the model"
tw import cyclonedx "$S/cyclonedx/SBOM/juice-shop/via_npm/flat/bom.1.4.json" --merge model.yaml --used-by nosuch
expect_rc 2 "merge that would not load"; expect_err "the model was not changed"
cmp -s once.yaml model.yaml || fail "a refused merge changed the model"
tw import otm "$S/otm/EXAMPLE.yaml" --merge model.yaml
expect_rc 2 "merge with another format"
finish
