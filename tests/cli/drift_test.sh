#!/usr/bin/env bash
# `threatwright drift` and `threatwright discover` on the real binary: outputs, the --fail-on
# gate, --map, exit codes, and hostile infrastructure files that must end cleanly.
. "$(dirname "$0")/lib.sh"
set -e
cd "$WORK"
mkdir -p infra/k8s infra/.github/workflows
cat >model.yaml <<'Y'
threatwright: 1
system: {name: Shop, methodology: stride}
assets:
  - {id: orders, name: Orders, value: high, impact: leak}
components:
  - {id: shop-web, name: Storefront, type: process, kind: web-app, internet_facing: false}
Y
cat >infra/k8s/web.yaml <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: w, image: shop/web:1}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 443}]}
Y
cat >infra/.github/workflows/ci.yml <<'Y'
on: push
permissions: {}
jobs:
  b:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
Y

tw drift model.yaml infra
expect_rc 0 "no gate"
expect_out "infra/k8s/web.yaml:3:18: info: web (service, Deployment) exists in the infrastructure but not in the model [component-not-in-model]"

# --map ties the workload to the model's element: now the exposure contradicts it.
printf 'map:\n  web: shop-web\n' >map.yaml
tw drift model.yaml infra --map map.yaml --fail-on high
expect_rc 1 "a high finding fails the gate"
expect_out "infra/k8s/web.yaml:13:14: high: web is reachable from the internet"
expect_out "  model: model.yaml:6:10: shop-web (internet_facing: false)"
tw drift model.yaml infra --map map.yaml --fail-on critical
expect_rc 0 "below the gate"

for fmt in json sarif; do
  tw drift model.yaml infra --map map.yaml --format $fmt
  expect_rc 0
  printf '%s' "$out" | python3 -c 'import json,sys; json.load(sys.stdin)' || fail "$fmt is not JSON"
done
tw drift model.yaml infra --map map.yaml --format markdown -o comment.md
expect_rc 0
grep -qF '| high | `infra/k8s/web.yaml:13:14` | `model.yaml:6:10` |' comment.md || fail "markdown row"

# Usage errors: exit 2 with a message.
tw drift model.yaml infra --fail-on severe
expect_rc 2
expect_err "--fail-on: unknown severity 'severe'"
printf 'map: [1]\n' >badmap.yaml
tw drift model.yaml infra --map badmap.yaml
expect_rc 2
expect_err "badmap.yaml: expected a mapping"
tw drift model.yaml no-such-dir
expect_rc 2
expect_err "no-such-dir: no such file or folder"
tw discover empty-dir-that-is-missing
expect_rc 2

# discover: a draft that loads, with its sources cited.
tw discover infra -o draft.yaml --name Shop
expect_rc 0
expect_err "wrote a draft model from 2 infrastructure files to draft.yaml"
grep -qF "internet_facing: true  # inferred: infra/k8s/web.yaml:13:14" draft.yaml ||
  fail "draft lacks the cited exposure"
tw analyze draft.yaml
expect_rc 0 "the draft loads and analyses"

# Hostile infrastructure: deep nesting, a billion-laughs alias bomb, broken HCL, binary junk,
# a huge single line. Each ends cleanly (a warning), never a crash or hang.
mkdir -p hostile
python3 - <<'P'
open("hostile/deep.yaml", "w").write("a: " + "[" * 100000 + "\n")
bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
for i in range(1, 10):
    bomb += f"a{i}: &a{i} [" + ", ".join([f"*a{i-1 if i > 1 else ''}"] * 9) + "]\n"
bomb = bomb.replace("*a0", "*a")
open("hostile/bomb.yaml", "w").write("apiVersion: v1\nkind: List\n" + bomb)
open("hostile/broken.tf", "w").write('resource "a" "b" {\n  x = "unterminated\n' + "{" * 50000)
open("hostile/junk.json", "wb").write(bytes(range(256)) * 64)
open("hostile/poetry.lock", "w").write("[[package]]\nname = \"a\"\nfiles = " + "[" * 100000 + "\n")
open("hostile/Cargo.lock", "w").write("[[package]]\n" * 200000 + "name = \"unterminated\n")
open("hostile/requirements.txt", "w").write("a==1 \\\n" * 100000 + "x" * 1000000 + "\n")
open("hostile/go.sum", "wb").write(bytes(range(256)) * 64)
open("hostile/package-lock.json", "w").write('{"lockfileVersion": 1, "dependencies": ' +
    '{"a": {"dependencies": ' * 5000 + "{}" + "}}" * 5000 + "}")
open("hostile/long.json", "w").write('{"openapi": "3.0.0", "paths": {' +
    ",".join(f'"/p{i}": {{"get": {{}}}}' for i in range(20000)) + "}}")
P
tw drift model.yaml hostile
expect_rc 0 "hostile input ends cleanly"
expect_out "hostile/deep.yaml:1:"
expect_out "GET /p19999 requires no authentication"
expect_out "hostile/poetry.lock:3:73: warning: arrays nested too deeply (the packages before it were read)"
expect_out "hostile/Cargo.lock:200001:21: warning: unterminated string"
expect_out "hostile/go.sum:4:1: warning: more lines that are not go.sum lines; the rest of the file was not read"
tw discover hostile -o /dev/null
[ "$rc" -le 2 ] || fail "discover on hostile input: exit $rc"

# A symbolic link out of the scanned folder is not followed.
mkdir -p linked outside
printf 'services:\n  leak:\n    image: secret/value:1\n' >outside/compose.yaml
ln -s ../outside/compose.yaml linked/compose.yaml
tw drift model.yaml linked
expect_rc 0
expect_out "symbolic link to a file outside the scanned folder; not read"
tw discover linked -o /dev/null
expect_rc 2 "nothing readable"
# --- drift --base: what an infrastructure change does --------------------------------------
if command -v git >/dev/null; then
  mkdir -p change/infra
  cat >change/model.yaml <<'Y'
threatwright: 1
system: {name: Shop, methodology: stride}
assets:
  - {id: orders, name: Orders, value: high, impact: leak}
components:
  - {id: web, name: Storefront, type: process, kind: web-app, internet_facing: false}
Y
  cat >change/infra/web.yaml <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: w, image: shop/web:1}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: ClusterIP, selector: {app: web}, ports: [{port: 443}]}
Y
  (cd change && git init -q && git add -A &&
    git -c user.name=t -c user.email=t@example.com commit -qm base)
  cd change
  tw drift model.yaml infra --base HEAD
  expect_rc 0
  expect_out "0 new drift findings, 0 settled findings"
  sed -i 's/type: ClusterIP/type: LoadBalancer/' infra/web.yaml
  tw drift model.yaml infra --base HEAD --fail-on high
  expect_rc 1 "the change exposes web"
  expect_out "new: infra/web.yaml:13:14: high: web is reachable from the internet"
  expect_out "touches web (model.yaml:6:10)"
  tw drift model.yaml infra --base HEAD --format json
  expect_rc 0
  expect_eq "$(python3 -c 'import json,sys; j=json.load(sys.stdin); print(len(j["introduced"]), j["introduced"][0]["model"]["id"], j["files"]["before"], j["files"]["after"])' <<<"$out")" "1 web 1 1"
  tw drift model.yaml infra --base HEAD --format markdown
  expect_out "| new | high | \`infra/web.yaml:13:14\` | \`web\` |"
  # The same change, proposed through the MCP tool's command-line mirror, before it is written.
  git checkout -q infra/web.yaml
  sed 's/type: ClusterIP/type: LoadBalancer/' infra/web.yaml >../proposed.yaml
  tw assess-infrastructure-change model.yaml --write infra/web.yaml=../proposed.yaml --fail-on high
  expect_rc 1 "the proposed file exposes web"
  expect_out "high: web is reachable from the internet"
  grep -q "type: ClusterIP" infra/web.yaml || fail "assess-infrastructure-change wrote the file"
  tw assess-infrastructure-change model.yaml --write ../x.yaml=../proposed.yaml
  expect_rc 2
  expect_err "leaves the model's folder"
  tw drift model.yaml infra --base no-such-revision
  expect_rc 2
  expect_err "--base no-such-revision"
  cd ..
fi
finish
