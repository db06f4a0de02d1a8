// The HTML report in real headless Chromium (Debian's, driven by playwright-core): the threat
// table sorts and filters; hostile names stay text; the page makes no network request and logs
// no console error. SCREENSHOT_DIR=dir also saves screenshots of the report and the SVG.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { render, tw } from './lib.mjs';

const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';
let context;
let profile;

before(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-chromium-'));
  // A fresh, empty profile (--user-data-dir) every run.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

/** Opens a file in a fresh page; records console errors, page errors, requests and dialogs. */
async function open(file) {
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url) problems.push(`network request: ${r.url()}`); });
  page.on('dialog', async (d) => { problems.push(`dialog (script ran): ${d.message()}`); await d.dismiss(); });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

const visibleRows = (page) => page.$$eval('#threat-table tbody tr', (rows) =>
  rows.filter((r) => !r.hidden).map((r) => ({
    id: r.cells[0].textContent.trim(),
    severity: r.getAttribute('data-severity'),
    status: r.getAttribute('data-status'),
    score: Number(r.cells[5].textContent),
    text: r.textContent,
  })));

async function screenshot(page, name, fullPage = true) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name), fullPage });
}

test('acme-shop: the threat table sorts and filters', async () => {
  const model = 'examples/acme-shop/model.yaml';
  const analysis = JSON.parse(tw('report', model, '--format', 'json'));
  const threats = analysis.threats;
  const file = render('report', model, 'html', 'acme-shop');
  const { page, problems } = await open(file);

  let rows = await visibleRows(page);
  assert.equal(rows.length, threats.length);
  // The register lists the highest score first; ties in id order.
  const initial = [...threats].sort((a, b) => b.score - a.score);
  assert.deepEqual(rows.map((r) => r.id), initial.map((t) => t.id));
  assert.equal(await page.textContent('#threat-count'), `${threats.length} of ${threats.length} threats shown`);

  // Sort by score: ascending, then descending; ties keep the id order.
  const scoreHeader = page.locator('#threat-table thead th button', { hasText: 'Score' });
  await scoreHeader.click();
  rows = await visibleRows(page);
  const byScore = [...threats].sort((a, b) => a.score - b.score);
  assert.deepEqual(rows.map((r) => r.id), byScore.map((t) => t.id));
  assert.equal(await page.getAttribute('#threat-table thead th:nth-child(6)', 'aria-sort'), 'ascending');
  await scoreHeader.click();
  rows = await visibleRows(page);
  const desc = [...threats].sort((a, b) => b.score - a.score);
  assert.deepEqual(rows.map((r) => r.score), desc.map((t) => t.score));
  assert.equal(rows[0].score, Math.max(...threats.map((t) => t.score)));

  // Sort by severity (by rank, not alphabetically): critical first when descending.
  const sevHeader = page.locator('#threat-table thead th button', { hasText: 'Severity' });
  await sevHeader.click();
  await sevHeader.click();
  rows = await visibleRows(page);
  const rank = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
  for (let i = 1; i < rows.length; i++) {
    assert.ok(rank[rows[i - 1].severity] >= rank[rows[i].severity], 'severity descending');
  }

  // Filter by severity.
  await page.selectOption('#severity-filter', 'high');
  rows = await visibleRows(page);
  const high = threats.filter((t) => t.severity === 'high');
  assert.ok(high.length > 0);
  assert.deepEqual(rows.map((r) => r.id).sort(), high.map((t) => t.id).sort());
  assert.equal(await page.textContent('#threat-count'), `${high.length} of ${threats.length} threats shown`);

  // Text filter on top of it.
  await page.fill('#threat-filter', 'cleartext');
  rows = await visibleRows(page);
  const clear = high.filter((t) => t.title.toLowerCase().includes('cleartext'));
  assert.ok(clear.length > 0);
  assert.deepEqual(rows.map((r) => r.id).sort(), clear.map((t) => t.id).sort());

  // Status filter; then clearing everything shows all rows again.
  await page.fill('#threat-filter', '');
  await page.selectOption('#severity-filter', '');
  await page.selectOption('#status-filter', 'open');
  rows = await visibleRows(page);
  assert.equal(rows.length, threats.filter((t) => t.status === 'open').length);
  await page.selectOption('#status-filter', 'claimed');
  const claimed = threats.filter((t) => t.status === 'claimed').length;
  assert.ok(claimed > 0);
  assert.equal((await visibleRows(page)).length, claimed);
  await page.selectOption('#status-filter', '');
  assert.equal((await visibleRows(page)).length, threats.length);

  // The inline SVG diagram is there, with one node per component, linking to its section.
  const nodes = await page.$$eval('#diagram svg g.node', (g) => g.length);
  assert.equal(nodes, analysis.sections.components.length);
  await page.click('#diagram svg g.node a');
  assert.match(page.url(), /#el-/);

  await page.goto(pathToFileURL(file).href);
  await screenshot(page, 'acme-shop-report.png');
  assert.deepEqual(problems, []);
  await page.close();
});

test('hostile names render as text and run nothing', async () => {
  const file = render('report', 'tests/golden/report/hostile/model.yaml', 'html', 'hostile');
  const { page, problems } = await open(file);
  assert.equal(await page.$$eval('script', (s) => s.length), 1);  // only the report's own
  assert.equal(await page.$$eval('img, iframe, object, embed, style:not(head style)', (e) => e.length), 0);
  assert.equal(await page.$$eval('a[href^="javascript:"]', (e) => e.length), 0);
  assert.equal(await page.textContent('h1'), 'Threat model: <script>alert(1)</script> & "Shop"');
  const names = await page.$$eval('#threat-table tbody tr', (rows) => rows.map((r) => r.cells[1].textContent));
  assert.ok(names.includes('Stored XSS via <img src=x onerror=alert(6)>'));
  const svgText = await page.$$eval('#diagram svg text', (t) => t.map((x) => x.textContent).join('\n'));
  assert.ok(svgText.includes('<script>alert(1)</script>'));
  await page.waitForTimeout(200);
  await screenshot(page, 'hostile-report.png');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the SVG diagram renders on its own without errors', async () => {
  const file = render('diagram', 'examples/acme-shop/model.yaml', 'svg', 'acme-shop');
  const { page, problems } = await open(file);
  assert.ok(await page.$$eval('svg g.cluster', (c) => c.length) >= 5);
  // A bare SVG document has no scrollable page to capture whole: size the viewport to it.
  const box = await page.$eval('svg', (s) => s.getBoundingClientRect().toJSON());
  await page.setViewportSize({ width: Math.ceil(box.width), height: Math.ceil(box.height) });
  await screenshot(page, 'acme-shop-diagram.png', false);
  assert.deepEqual(problems, []);
  await page.close();
});
