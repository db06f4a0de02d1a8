#!/usr/bin/env bash
# `--infra DIR` on analyze, check and report: infrastructure files as evidence in the normal
# analysis (docs/drift.md, "In the analysis"): drift findings in the quality gate and the
# reports, observed facts in place of the model's claims.
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"
mkdir -p infra
cat >model.yaml <<'Y'
threatwright: 1
system: {name: Shop, methodology: stride}
assets:
  - {id: orders, name: Orders, value: high, impact: leak}
components:
  - {id: web, name: Web, type: process, kind: web-app, internet_facing: true}
  - {id: db, name: Orders DB, type: data-store, kind: sql-database, stores: [orders],
     internet_facing: false, encrypted_at_rest: true}
flows:
  - {id: web-db, from: web, to: db, protocol: sql, encrypted: true}
Y
cat >infra/main.tf <<'T'
resource "aws_db_instance" "db" {
  publicly_accessible = true
  storage_encrypted   = false
}
T
printf 'map:\n  aws_db_instance.db: db\n' >map.yaml

# Without --infra, the gate sees only the model (3 quality errors of its own); with it, the two
# drift findings join as errors, each at the infrastructure file with a note at the model.
tw check model.yaml --no-warnings
expect_rc 1
expect_out "quality gate: failed (3 errors, 0 warnings)"
expect_no_err "drift-"
tw check model.yaml --no-warnings --infra infra --map map.yaml
expect_rc 1
expect_out "quality gate: failed (5 errors, 0 warnings)"
expect_err "infra/main.tf:2:25: error: database aws_db_instance.db is publicly accessible; the model's db says internet_facing: false [drift-public-database]"
expect_err "model.yaml:7:10: note: the model's db says internet_facing: false"
expect_err "infra/main.tf:3:25: error: database aws_db_instance.db is not encrypted at rest"
expect_out "infrastructure: 2 drift findings (1 note), 2 facts from 1 file"
tw check model.yaml --infra infra --map map.yaml --format json
expect_rc 1
expect_eq "$(python3 -c 'import json,sys; j=json.load(sys.stdin); print(sorted(d["code"] for d in j["diagnostics"] if d["code"].startswith("drift-")))' <<<"$out")" "['drift-public-database', 'drift-unencrypted-database']"

# analyze: the deployed facts replace the claims, the findings are listed, --fail-on gates them.
tw analyze model.yaml --infra infra --map map.yaml
expect_rc 0
expect_out "infrastructure: 3 drift findings (1 critical, 1 high, 1 info), 2 facts (2 contradicted) from 1 file"
expect_out "model.yaml:6:10: info: the model's web matches nothing in the infrastructure files read [component-not-observed]"
expect_out "infra/main.tf:3:25: contradicted: db encrypted_at_rest: false (the model says true)"
tw analyze model.yaml --infra infra --map map.yaml --fail-on critical
expect_rc 1 "the critical drift finding trips --fail-on"
tw analyze model.yaml --infra infra --map map.yaml --format json
expect_rc 0
expect_eq "$(python3 -c '
import json,sys
j=json.load(sys.stdin); i=j["infrastructure"]
print(i["files"], len(i["findings"]), i["findings"][0]["code"], i["findings"][0]["observed"]["line"],
      i["findings"][0]["model"]["id"], [(f["element"], f["fact"], f["effect"]) for f in i["facts"]])' <<<"$out")" \
  "1 3 public-database 2 db [('db', 'encrypted_at_rest', 'contradicted'), ('db', 'internet_facing', 'contradicted')]"
tw analyze model.yaml --format json
expect_eq "$(python3 -c 'import json,sys; print("infrastructure" in json.load(sys.stdin))' <<<"$out")" "False"

# The reports carry both.
tw report model.yaml --format md --infra infra --map map.yaml
expect_rc 0
expect_out "## Infrastructure evidence"
expect_out '| **critical** | `infra/main.tf:2:25` | `model.yaml:7:10` |'
expect_out '`encrypted_at_rest` | false | true | `infra/main.tf:3:25` | contradicted: the analysis uses the deployed value |'
tw report model.yaml --format sarif --infra infra --map map.yaml
expect_rc 0
expect_eq "$(python3 -c '
import json,sys
r=[x for x in json.load(sys.stdin)["runs"][0]["results"] if x["ruleId"].startswith("drift/")]
print(len(r), r[0]["ruleId"], r[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
      r[0]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"])' <<<"$out")" \
  "3 drift/public-database infra/main.tf 7"
expect_eq "$(python3 -c '
import json,sys
rules=json.load(sys.stdin)["runs"][0]["tool"]["driver"]["rules"]
d=[r for r in rules if r["id"]=="drift/public-database"][0]
print(d["defaultConfiguration"]["level"], "infrastructure-drift" in d["properties"]["tags"],
      bool(d["help"]["markdown"]), float(d["properties"]["security-severity"]) >= 9.0)' <<<"$out")" \
  "error True True True"
tw report model.yaml --format html --infra infra --map map.yaml
expect_rc 0
expect_out 'href="#infrastructure"'
tw report model.yaml --format md
expect_rc 0
! grep -qF "Infrastructure evidence" <<<"$out" || fail "no --infra, no section"

# Usage errors.
tw check model.yaml --infra no-such-dir
expect_rc 2
expect_err "--infra no-such-dir: no such file or folder"
tw analyze model.yaml --map map.yaml
expect_rc 2
expect_err "--map needs --infra DIR"
finish
