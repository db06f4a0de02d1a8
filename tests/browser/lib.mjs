// Shared helpers: run the threatwright binary, list the models the tests cover.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const TW = process.env.TW;
export const SOURCE_DIR = process.env.TW_SOURCE_DIR ?? path.resolve(import.meta.dirname, '../..');
export const WORK_DIR = process.env.TW_WORK_DIR ?? path.join(SOURCE_DIR, 'build', 'report-node');

if (!TW) throw new Error('set TW to the threatwright binary (CTest does)');
fs.mkdirSync(WORK_DIR, { recursive: true });

/** Models under test, relative to the source tree: every bundled example and the hostile fixture. */
export function models() {
  const out = [];
  const examples = path.join(SOURCE_DIR, 'examples');
  for (const name of fs.readdirSync(examples).sort()) {
    const m = path.join('examples', name, 'model.yaml');
    if (fs.existsSync(path.join(SOURCE_DIR, m))) out.push({ name, model: m });
  }
  out.push({ name: 'hostile', model: 'tests/golden/report/hostile/model.yaml' });
  return out;
}

/** Runs `threatwright <args>` in the source tree; returns stdout. Throws on a non-zero exit. */
export function tw(...args) {
  return execFileSync(TW, args, {
    cwd: SOURCE_DIR,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, THREATWRIGHT_TODAY: process.env.THREATWRIGHT_TODAY ?? '2026-11-26', NO_COLOR: '1' },
  });
}

/** Writes `threatwright report|diagram MODEL --format F` to WORK_DIR and returns the path. */
export function render(kind, model, format, name) {
  const out = path.join(WORK_DIR, `${name}.${format}`);
  tw(kind, model, '--format', format, '-o', out);
  return out;
}
