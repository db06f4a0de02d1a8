// SARIF output validates against the official SARIF 2.1.0 schema (../shared/schemas) and has
// what GitHub code scanning needs: relative locations, fingerprints, rule help, suppressions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { SOURCE_DIR, models, render } from './lib.mjs';

const schemaPath = process.env.TW_SARIF_SCHEMA ??
  path.join(SOURCE_DIR, '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function check(sarif, label) {
  const ok = validate(sarif);
  assert.ok(ok, `${label} is not valid SARIF 2.1.0:\n` + JSON.stringify(validate.errors, null, 1).slice(0, 4000));
  const run = sarif.runs[0];
  const rules = run.tool.driver.rules;
  for (const rule of rules) {
    assert.ok(rule.help?.text && rule.help?.markdown, `${label}: rule ${rule.id} has help`);
    assert.ok(rule.properties.tags.some((t) => t.startsWith('stride/')), `${label}: rule ${rule.id} has a STRIDE tag`);
    assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
  }
  const ids = new Set();
  for (const r of run.results) {
    assert.equal(rules[r.ruleIndex].id, r.ruleId, `${label}: ruleIndex points at ruleId`);
    const id = r.partialFingerprints['threatId/v1'];
    assert.ok(id && !ids.has(id), `${label}: one result per threat id`);
    ids.add(id);
    const uri = r.locations[0].physicalLocation.artifactLocation.uri;
    assert.ok(!uri.startsWith('/') && !/^[a-z]+:/.test(uri), `${label}: relative uri ${uri}`);
    assert.ok(r.locations[0].physicalLocation.region.startLine >= 1);
    // Open and claimed threats are results to act on; every other status is suppressed.
    const actionable = r.properties.status === 'open' || r.properties.status === 'claimed';
    assert.equal(!r.suppressions, actionable, `${label}: ${id} suppressed exactly when decided`);
  }
}

for (const { name, model } of models()) {
  test(`SARIF for ${model} is valid`, () => {
    const file = render('report', model, 'sarif', name);
    check(JSON.parse(fs.readFileSync(file, 'utf8')), model);
  });
}

test('golden SARIF files are valid', () => {
  const dir = path.join(SOURCE_DIR, 'tests', 'golden', 'report');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sarif'));
  assert.ok(files.length > 0);
  for (const f of files) check(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), f);
});

test('the validator rejects broken SARIF', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ results: [] }] }), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
});
