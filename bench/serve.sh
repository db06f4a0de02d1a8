#!/usr/bin/env bash
# bench/serve.sh [BUILD_DIR] [ELEMENTS]: how long the workbench (`threatwright serve`) takes on
# a generated model of ELEMENTS elements (default 2000: half components, half flows), in
# headless Chromium (Debian's, driven by tests/browser's playwright-core): from the page
# request to the rendered register and diagram, and from a filter change to the re-rendered
# register. The issue asks for under a second for both. Prints figures; never fails on speed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
elements=${2:-2000}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
[ -f "$root/tests/browser/node_modules/playwright-core/package.json" ] ||
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund >/dev/null)

# The model: components spread over 8 boundaries, each with a flow to the next one.
python3 - "$work/model.yaml" "$elements" <<'P'
import sys
path, n = sys.argv[1], int(sys.argv[2])
comps = n // 2
kinds = ["web-app", "api", "sql-database", "queue", "worker", "cache"]
out = ["threatwright: 1", "system: {name: Generated workbench benchmark}",
       "assets:", "  - {id: records, name: Customer records, value: high, impact: Leak of every record.}",
       "boundaries:"]
for b in range(8):
    out.append(f"  - {{id: zone-{b}, name: Zone {b}, trust: {'untrusted' if b == 0 else 'trusted'}}}")
out.append("components:")
for i in range(comps):
    kind = kinds[i % len(kinds)]
    typ = "data-store" if kind in ("sql-database", "queue", "cache") else "process"
    out.append(f"  - id: c{i}\n    name: Component {i}\n    type: {typ}\n    kind: {kind}\n"
               f"    boundary: zone-{i % 8}\n    authentication: {'none' if i % 5 == 0 else 'password'}")
out.append("flows:")
for i in range(n - comps):
    a, b = i % comps, (i * 7 + 1) % comps
    if a == b:
        b = (b + 1) % comps
    out.append(f"  - {{id: f{i}, from: c{a}, to: c{b}, protocol: {'http' if i % 3 == 0 else 'https'}}}")
open(path, "w").write("\n".join(out) + "\n")
P

"$build/threatwright" serve "$work/model.yaml" --no-open >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 100); do grep -q token= "$work/out" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/out")
ELEMENTS="$elements" ROOT="$root" URL="$url" node --input-type=module <<'JS'
import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(path.join(process.env.ROOT, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') console.error(`console error: ${m.text()}`); });
const best = (xs) => Math.min(...xs).toFixed(0);
const open = [], filter = [];
for (let run = 0; run < 5; run++) {
  const t0 = Date.now();
  await page.goto(process.env.URL, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelectorAll('#register tbody tr').length > 0 &&
    document.querySelector('#diagram svg'), null, { timeout: 60000 });
  open.push(Date.now() - t0);
  const total = await page.$$eval('#register tbody tr', (r) => r.length);
  await page.click('#tabs button[data-view="register"]');
  const t1 = Date.now();
  await page.selectOption('#f-severity', 'high');
  await page.waitForFunction((n) => document.querySelectorAll('#register tbody tr').length !== n, total);
  filter.push(Date.now() - t1);
  if (run === 0) {
    const threats = await page.textContent('#f-count');
    console.log(`model: ${process.env.ELEMENTS} elements; severity filter 'high': ${threats}`);
  }
}
console.log(`request to rendered page: best ${best(open)} ms of ${open.length} (all: ${open.join(', ')})`);
console.log(`filter to re-rendered register: best ${best(filter)} ms (all: ${filter.join(', ')})`);
await browser.close();
JS
