// The workbench (`threatwright serve`) in real headless Chromium: every view and every triage
// action, on a copy of the bundled example in a temporary git repository. After each triage
// action the model file on disk must be exactly the expected text. Any console error, page
// error, dialog or request to anything but the server fails the test. SCREENSHOT_DIR=dir also
// saves screenshots of the diagram and register views (docs/serve.md).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SOURCE_DIR, TW } from './lib.mjs';

const EXECUTABLE = process.env.CHROMIUM ?? '/usr/bin/chromium';
let context, profile, dir, server, url, origin, page;
const problems = [];

function git(...args) {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args],
    { cwd: dir, stdio: 'pipe' });
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-serve-'));
  fs.cpSync(path.join(SOURCE_DIR, 'examples/acme-shop'), dir, { recursive: true });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'model');
  server = spawn(TW, ['serve', 'model.yaml', '--port', '0', '--no-open'], {
    cwd: dir, env: { ...process.env, THREATWRIGHT_TODAY: '2026-11-26' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\/\?token=[0-9a-f]{64}/);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    setTimeout(() => reject(new Error(`no address printed: ${out}`)), 20000);
  });
  origin = new URL(url).origin;
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(origin + '/')) problems.push(`outside request: ${r.url()}`); });
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#diagram svg g[data-element="web"]');
});

after(async () => {
  await context?.close();
  server?.kill('SIGINT');
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const model = () => fs.readFileSync(path.join(dir, 'model.yaml'), 'utf8');
const original = fs.readFileSync(path.join(SOURCE_DIR, 'examples/acme-shop/model.yaml'), 'utf8');

async function shot(name) {
  const out = process.env.SCREENSHOT_DIR;
  if (!out) return;
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, name) });
}

/** Waits for the page to say the edit was written (or, racing it, that it reloaded). */
async function written() {
  await page.waitForFunction(() => document.querySelector('#message').className !== '');
  assert.equal(await page.getAttribute('#message', 'class'), 'ok', await page.textContent('#message'));
  await page.evaluate(() => { const m = document.querySelector('#message'); m.textContent = ''; m.className = ''; });
}

/** Opens a threat's explanation in the register (a click on an open row closes it). */
async function openRow(id) {
  if (!(await page.$(`#register [data-detail="${id}"]`))) await page.click(`tr[data-threat="${id}"]`);
}

const registerIds = () => page.$$eval('#register tbody tr.threat-row', (rows) => rows.map((r) => r.dataset.threat));

test('the token leaves the address bar and the page is the model', async () => {
  assert.equal(new URL(page.url()).search, '');
  assert.equal(await page.textContent('#title'), 'Acme Shop');
});

test('diagram: click an element, zoom, pan, filter', async () => {
  await shot('serve-diagram.png');
  const before = await page.getAttribute('#diagram svg', 'viewBox');
  await page.click('#zoom-in');
  assert.notEqual(await page.getAttribute('#diagram svg', 'viewBox'), before);
  await page.click('#zoom-reset');
  assert.equal(await page.getAttribute('#diagram svg', 'viewBox'), before);
  await page.click('#diagram g[data-element="orders-api"] a');
  assert.equal(await page.isVisible('#detail'), true);
  assert.match(await page.textContent('#detail h2'), /Orders API/);
  const detailThreats = await page.$$eval('#detail .threat', (ts) => ts.map((t) => t.dataset.detail));
  assert.ok(detailThreats.includes('sql-injection@orders-api') || detailThreats.length > 0);
  assert.ok(detailThreats.every((id) => id.endsWith('@orders-api')));
  assert.match(await page.textContent('#detail'), /param-queries/);  // its control and evidence
  // A flow opens its own facts.
  await page.click('#diagram g[data-element="checkout"] a');
  assert.match(await page.textContent('#detail .muted'), /^flow checkout/);
  // Filter by severity: elements without a matching threat are dimmed.
  await page.selectOption('#f-severity', 'high');
  const dimmed = await page.$$eval('#diagram g.dim', (gs) => gs.map((g) => g.dataset.element));
  assert.ok(dimmed.includes('customer'));
  assert.ok(!dimmed.includes('admin-console'));
  await page.selectOption('#f-severity', '');
});

test('register: sort, filter, search, explanation', async () => {
  await page.click('#tabs button[data-view="register"]');
  const all = await registerIds();
  assert.ok(all.length > 40);
  await page.selectOption('#f-stride', 'spoofing');
  const spoofing = await registerIds();
  assert.ok(spoofing.length > 0 && spoofing.length < all.length);
  await page.selectOption('#f-stride', '');
  await page.selectOption('#f-status', 'open');
  const statuses = await page.$$eval('#register tbody tr.threat-row td.status', (ts) => ts.map((t) => t.textContent));
  assert.ok(statuses.every((s) => s === 'open'));
  await page.selectOption('#f-status', '');
  await page.selectOption('#f-adversary', 'compromised-dependency');
  const reached = await registerIds();
  assert.ok(reached.length > 0 && reached.length < all.length);
  await page.selectOption('#f-adversary', '');
  await page.fill('#f-search', 'cross-site-request');
  assert.deepEqual(await registerIds(),
    ['cross-site-request-forgery@admin-console', 'cross-site-request-forgery@web']);
  await page.fill('#f-search', '');
  await page.click('#register th[data-sort="id"]');
  const sorted = await registerIds();
  assert.deepEqual(sorted, [...sorted].sort());
  await page.click('#register th[data-sort="id"]');
  assert.deepEqual(await registerIds(), [...sorted].reverse());
  await page.fill('#f-search', 'orders-api');
  await page.click('tr[data-threat="sql-injection@orders-api"]');
  assert.match(await page.textContent('#register [data-detail="sql-injection@orders-api"]'), /model\.yaml:\d+:\d+/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('serve-register.png');
  await page.click('tr[data-threat="sql-injection@orders-api"]');
  await page.fill('#f-search', '');
});

test('triage: accept a risk', async () => {
  await page.fill('#f-search', 'cross-site-request-forgery@web');
  await openRow('cross-site-request-forgery@web');
  await page.click('#register [data-detail="cross-site-request-forgery@web"] button[data-action="accept"]');
  const form = page.locator('#register form[data-form="accept"]');
  await form.locator('input[name="owner"]').fill('web-team');
  await form.locator('input[name="rationale"]').fill('SameSite=Lax cookies; CSRF tokens planned for Q2');
  await form.locator('input[name="review_by"]').fill('2027-03-31');
  await form.locator('button[type="submit"]').click();
  await written();
  const want = original.replace('    review_by: 2026-09-30\n',
    '    review_by: 2026-09-30\n' +
    '  - threat: cross-site-request-forgery@web\n' +
    '    status: accepted\n' +
    '    rationale: SameSite=Lax cookies; CSRF tokens planned for Q2\n' +
    '    owner: web-team\n' +
    '    review_by: 2027-03-31\n');
  assert.equal(model(), want);
  await page.waitForFunction(() => document.querySelector('tr[data-threat="cross-site-request-forgery@web"] td.status')?.textContent === 'accepted');
  await page.fill('#f-search', '');
});

test('triage: mark a false positive', async () => {
  const start = model();
  await page.fill('#f-search', 'data-store-without-audit@orders-db');
  await openRow('data-store-without-audit@orders-db');
  await page.click('#register [data-detail="data-store-without-audit@orders-db"] button[data-action="false-positive"]');
  const form = page.locator('#register form[data-form="false-positive"]');
  await form.locator('input[name="rationale"]').fill('pgaudit is on: every statement is logged');
  await form.locator('button[type="submit"]').click();
  await written();
  assert.equal(model(), start.replace('    review_by: 2027-03-31\n',
    '    review_by: 2027-03-31\n' +
    '  - threat: data-store-without-audit@orders-db\n' +
    '    status: false-positive\n' +
    '    rationale: "pgaudit is on: every statement is logged"\n'));
  await page.fill('#f-search', '');
});

test('triage: link a threat to a control', async () => {
  const start = model();
  await page.fill('#f-search', 'cross-site-request-forgery@admin-console');
  await openRow('cross-site-request-forgery@admin-console');
  await page.click('#register [data-detail="cross-site-request-forgery@admin-console"] button[data-action="link"]');
  const form = page.locator('#register form[data-form="link"]');
  await form.locator('select[name="control"]').selectOption('waf');
  await form.locator('button[type="submit"]').click();
  await written();
  assert.equal(model(), start.replace('    mitigates: [missing-input-validation@orders-api]\n',
    '    mitigates: [missing-input-validation@orders-api, cross-site-request-forgery@admin-console]\n'));
  await page.fill('#f-search', '');
});

test('triage: a STRIDE category that does not apply', async () => {
  const start = model();
  await page.click('#tabs button[data-view="diagram"]');
  await page.click('#diagram g[data-element="session-cache"] a');
  const form = page.locator('#detail form[data-form="not-applicable"]');
  await form.locator('input[value="repudiation"]').check();
  await form.locator('input[name="because"]').fill('Holds only session ids; actions are logged by the API');
  await form.locator('button[type="submit"]').click();
  await written();
  assert.equal(model(), start.replace('not_applicable: []\n',
    'not_applicable:\n' +
    '  - target: session-cache\n' +
    '    stride: repudiation\n' +
    '    because: Holds only session ids; actions are logged by the API\n'));
});

test('a refused edit leaves the file as it was and says why', async () => {
  const start = model();
  await page.click('#tabs button[data-view="register"]');
  await page.fill('#f-search', 'cross-site-request-forgery@web');
  await openRow('cross-site-request-forgery@web');
  await page.click('#register [data-detail="cross-site-request-forgery@web"] button[data-action="false-positive"]');
  const form = page.locator('#register form[data-form="false-positive"]');
  await form.locator('input[name="rationale"]').fill('again');
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelector('#message').className === 'error');
  await page.evaluate(() => { document.querySelector('#message').className = ''; });
  assert.match(await page.textContent('#message'), /already has a decision/);
  assert.equal(model(), start);
  // The refusal (422) is the one failed request the browser reports.
  const refused = problems.filter((p) => p.includes('status of 422'));
  assert.equal(refused.length, 1);
  problems.splice(problems.indexOf(refused[0]), 1);
  await page.fill('#f-search', '');
});

test('live: a change on disk shows without a reload', async () => {
  fs.writeFileSync(path.join(dir, 'model.yaml'), model().replace('name: Acme Shop\n', 'name: Acme Shop (live)\n'));
  await page.waitForFunction(() => document.querySelector('#title').textContent === 'Acme Shop (live)', null, { timeout: 15000 });
  // An included file counts too.
  const flows = path.join(dir, 'flows/storefront.yaml');
  fs.appendFileSync(flows, '# touched\n');
  await page.waitForFunction(() => document.querySelector('#message').textContent.startsWith('Reloaded'), null, { timeout: 15000 });
});

test('check: the report card with file:line', async () => {
  await page.click('#tabs button[data-view="check"]');
  assert.match(await page.textContent('#card-title'), /^Report card: \d+ of \d+ criteria met$/);
  const locs = await page.$$eval('#findings .loc', (ls) => ls.map((l) => l.textContent));
  assert.ok(locs.length > 0);
  assert.ok(locs.every((l) => /^[^:]+\.yaml:\d+:\d+$/.test(l)), locs.join(' '));
});

test('diff: against the committed model', async () => {
  await page.click('#tabs button[data-view="diff"]');
  await page.fill('#diff-rev', 'HEAD');
  await page.click('#diff-form button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('#diff-summary').textContent !== '');
  assert.match(await page.textContent('#diff-summary'), /^HEAD \([0-9a-f]{12}\) → working tree: /);
  const changes = await page.$$eval('#diff-list li', (ls) => ls.map((l) => l.textContent));
  assert.ok(changes.some((c) => c.includes('cross-site-request-forgery@web')), changes.join('\n'));
});

test('hostile model text stays text in every view', async () => {
  const hostileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-serve-hostile-'));
  fs.copyFileSync(path.join(SOURCE_DIR, 'tests/golden/report/hostile/model.yaml'), path.join(hostileDir, 'model.yaml'));
  const second = spawn(TW, ['serve', 'model.yaml', '--no-open'], { cwd: hostileDir, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const hostileUrl = await new Promise((resolve, reject) => {
      let out = '';
      second.stdout.on('data', (d) => { out += d; const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/); if (m) resolve(m[0]); });
      setTimeout(() => reject(new Error(`no address printed: ${out}`)), 20000);
    });
    const hostileOrigin = new URL(hostileUrl).origin;
    const p2 = await context.newPage();
    const seen = [];
    p2.on('console', (m) => { if (m.type() === 'error') seen.push(`console error: ${m.text()}`); });
    p2.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
    p2.on('dialog', async (d) => { seen.push(`dialog (script ran): ${d.message()}`); await d.dismiss(); });
    p2.on('request', (r) => { if (!r.url().startsWith(hostileOrigin + '/')) seen.push(`outside request: ${r.url()}`); });
    await p2.goto(hostileUrl, { waitUntil: 'load' });
    await p2.waitForFunction(() => document.querySelector('#title').textContent !== 'threatwright');
    assert.equal(await p2.textContent('#title'), '<script>alert(1)</script> & "Shop"');
    assert.equal(await p2.$$eval('script', (ss) => ss.length), 1);  // app.js only
    for (const view of ['register', 'check', 'diagram']) await p2.click(`#tabs button[data-view="${view}"]`);
    const first = await p2.$('#diagram g[data-element] a');
    if (first) await first.click();
    await p2.click('#tabs button[data-view="register"]');
    const ids = await p2.$$eval('#register tr.threat-row', (rows) => rows.slice(0, 5).map((r) => r.dataset.threat));
    assert.ok(ids.length > 0);
    for (const id of ids) await p2.locator('#register tr.threat-row').filter({ has: p2.locator(`td:text-is("${id}")`) }).first().click();
    assert.equal(await p2.$$eval('#register tr.explain', (rs) => rs.length), ids.length);
    assert.equal(await p2.$$eval('#detail script, #register script, #diagram script', (ss) => ss.length), 0);
    assert.deepEqual(seen, []);
    await p2.close();
  } finally {
    second.kill('SIGINT');
    fs.rmSync(hostileDir, { recursive: true, force: true });
  }
});

test('no console error, no outside request', () => {
  assert.deepEqual(problems, []);
});
