// `threatwright export`: every bundled example (and the hostile-text fixture) in every format
// validates against the format's own schema from ../shared/interop/samples, and reads back with
// the counts and facts of the model (docs/interop.md, "Export"). TM-BOM is the lossless
// target: the model carried in its extension loads to the same model and the same analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv07 from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SOURCE_DIR, WORK_DIR, models, tw } from './lib.mjs';

const SAMPLES = process.env.TW_INTEROP_SAMPLES ?? path.join(SOURCE_DIR, '..', 'shared', 'interop', 'samples');
const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const sample = (p) => readJson(path.join(SAMPLES, p));

function compile(Ajv, schema, extra = []) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const s of extra) ajv.addSchema(s);
  return ajv.compile(schema);
}
const validators = {
  'tm-bom': compile(Ajv2020, sample('tm-library/threat-model.schema.json')),
  'threat-dragon': compile(Ajv07, sample('threat-dragon/td.vue/src/assets/schema/threat-dragon-v2.schema.json')),
  otm: compile(Ajv07, sample('otm/otm_schema.json')),
  'threat-composer': compile(Ajv2020, sample('threat-composer/schemas/threat-composer-v1.schema.json')),
  cyclonedx: compile(Ajv07, sample('cyclonedx/schema/bom-1.6.schema.json'),
    [sample('cyclonedx/schema/spdx.schema.json'), sample('cyclonedx/schema/jsf-0.82.schema.json')]),
};

function valid(format, doc, label) {
  const v = validators[format];
  assert.ok(v(doc), `${label}: not valid ${format}:\n` + JSON.stringify(v.errors, null, 1).slice(0, 4000));
}

/** Exports MODEL as FORMAT into WORK_DIR; returns the parsed document. */
function exported(format, model, name) {
  const out = path.join(WORK_DIR, `export-${name}.${format}.json`);
  tw('export', format, model, '--no-evidence', '-o', out);
  return readJson(out);
}
/** The analysis and the loader's view of the model (report --format json sections). */
function truth(model) {
  const r = JSON.parse(tw('report', model, '--format', 'json', '--no-evidence'));
  return { threats: r.threats, sections: r.sections, counts: r.model };
}
const strip = (threats) => threats.map(({ location, ...t }) => t);

for (const { name, model } of models()) {
  const t = truth(model);
  const nThreats = t.threats.length;

  test(`tm-bom: ${model} validates, carries every element, and round-trips losslessly`, () => {
    const d = exported('tm-bom', model, name);
    valid('tm-bom', d, model);
    const ids = d.extensions['threatwright.dev/ids'];
    const orig = (sym) => ids[sym] ?? sym;
    const comps = [...d.actors, ...d.components, ...d.data_stores].map((x) => orig(x.symbolic_name));
    assert.deepEqual(comps.sort(), t.sections.components.map((c) => c.id).sort());
    assert.deepEqual(d.data_flows.map((f) => orig(f.symbolic_name)).sort(), t.sections.flows.map((f) => f.id).sort());
    assert.deepEqual(d.data_sets.map((x) => orig(x.symbolic_name)).sort(), t.sections.assets.map((x) => x.id).sort());
    assert.equal((d.threats ?? []).length, nThreats);
    assert.equal((d.risks ?? []).length, nThreats);
    assert.deepEqual((d.threats ?? []).map((x) => orig(x.symbolic_name)).sort(), t.threats.map((x) => x.id).sort());
    assert.equal((d.controls ?? []).length, t.sections.controls.length);
    // References resolve: affected components, personas, zones, flow ends, risks' threats.
    const names = (xs) => new Set((xs ?? []).map((x) => x.symbolic_name));
    const elements = names([...d.actors, ...d.components, ...d.data_stores]);
    const personas = names(d.threat_personas), zones = names(d.trust_zones), threatNames = names(d.threats);
    for (const x of d.threats ?? []) {
      for (const c of x.components_affected ?? []) assert.ok(elements.has(c), `${x.symbolic_name} affects ${c}`);
      assert.ok(personas.has(x.threat_persona), `${x.symbolic_name}: persona ${x.threat_persona}`);
    }
    for (const e of [...d.actors, ...d.components, ...d.data_stores]) assert.ok(zones.has(e.trust_zone));
    for (const f of d.data_flows) assert.ok(elements.has(f.source.object) && elements.has(f.destination.object));
    for (const r of d.risks ?? []) for (const x of r.threats) assert.ok(threatNames.has(x));
    for (const a of t.sections.adversaries) {
      assert.ok(d.threat_personas.some((p) => orig(p.symbolic_name) === a.id), `persona ${a.id}`);
    }
    // Every risk is the threat's rating.
    for (const r of d.risks ?? []) {
      const th = t.threats.find((x) => x.id === orig(r.threats[0]));
      assert.equal(r.score, th.score, `risk score of ${th.id}`);
    }
    // Facts: the carried model states exactly the facts the loader read (report sections are an
    // independent view of the same model).
    const doc = d.extensions['threatwright.dev/model'];
    const byId = (xs) => Object.fromEntries((xs ?? []).map((x) => [x.id, x]));
    const dc = byId(doc.components);
    for (const c of t.sections.components) {
      const e = dc[c.id];
      assert.ok(e, `component ${c.id} carried`);
      assert.equal(e.type, c.type);
      assert.equal(e.kind ?? '', c.kind ?? '');
      assert.equal(e.boundary ?? null, c.boundary ?? null);
      for (const [k, v] of Object.entries(c.facts)) assert.deepEqual(e[k] ?? null, v, `${c.id}.${k}`);
      assert.deepEqual((e.stores ?? []).slice().sort(), c.stores.slice().sort(), `${c.id}.stores`);
    }
    const df = byId(doc.flows);
    for (const f of t.sections.flows) {
      const e = df[f.id];
      for (const k of ['from', 'to', 'protocol', 'encrypted', 'authenticated', 'mutual_tls', 'port']) {
        assert.deepEqual(e[k] ?? (k === 'protocol' ? '' : null), f[k] ?? (k === 'protocol' ? '' : null), `${f.id}.${k}`);
      }
      assert.deepEqual(e.data ?? [], f.data ?? [], `${f.id}.data`);
    }
    const da = byId(doc.assets);
    for (const a of t.sections.assets) {
      for (const k of ['value', 'impact']) assert.deepEqual(da[a.id][k] ?? null, a[k] ?? null, `${a.id}.${k}`);
      assert.deepEqual(da[a.id].cia ?? {}, Object.fromEntries(Object.entries(a.cia ?? {}).filter(([, v]) => v != null)));
    }
    const dctl = byId(doc.controls);
    for (const c of t.sections.controls) {
      assert.equal(dctl[c.id].status ?? null, c.status ?? null);
      assert.deepEqual(dctl[c.id].mitigates ?? [], c.mitigates);
    }
    assert.equal((doc.decisions ?? []).length, t.sections.decisions.length);
    assert.equal((doc.failure_modes ?? []).length, t.sections.failure_modes.length);
    assert.equal((doc.supply_chain ?? []).length, t.sections.supply_chain.length);
    // Lossless: the carried model loads to the same analysis, and exports to the same document.
    const again = path.join(WORK_DIR, `export-${name}.roundtrip.json`);
    fs.writeFileSync(again, JSON.stringify(doc));
    assert.deepEqual(strip(JSON.parse(tw('analyze', again, '--format', 'json', '--no-evidence')).threats), strip(t.threats));
    const d2 = exported('tm-bom', again, `${name}.roundtrip`);
    assert.deepEqual(d2.extensions['threatwright.dev/model'], doc);
    assert.deepEqual(d2.threats, d.threats);
  });

  test(`threat-dragon: ${model} validates, reads back, and draws boundaries around their members`, () => {
    const d = exported('threat-dragon', model, name);
    valid('threat-dragon', d, model);
    const cells = d.detail.diagrams[0].cells;
    const of = (...shapes) => cells.filter((c) => shapes.includes(c.shape));
    assert.equal(of('actor', 'process', 'store').length, t.sections.components.length);
    assert.equal(of('flow').length, t.sections.flows.length);
    assert.equal(of('trust-boundary-box').length, t.sections.boundaries.length);
    const threats = cells.flatMap((c) => c.data.threats ?? []);
    const placed = t.threats.filter((x) => x.target_kind !== 'supply_chain' ||
      (t.sections.supply_chain.find((s) => s.id === x.target)?.used_by ?? []).length > 0);
    assert.equal(threats.length, placed.length);
    assert.equal(d.detail.threatTop, nThreats);
    assert.equal(new Set(threats.map((x) => x.id)).size, threats.length, 'threat ids are unique');
    for (const x of threats) assert.match(x.description, /threatwright id: \S+$/);
    const statusOf = Object.fromEntries(threats.map((x) => [x.description.match(/threatwright id: (\S+)$/)[1], x.status]));
    for (const x of placed) {
      const want = { open: 'Open', claimed: 'Open', mitigated: 'Mitigated', accepted: 'Accepted', transferred: 'Transferred' }[x.status] ?? 'NotApplicable';
      assert.equal(statusOf[x.id], want, `status of ${x.id}`);
    }
    // Geometry: each component inside its boundary's box and the boxes of its ancestors only.
    const ids = new Set(cells.map((c) => c.id));
    for (const f of of('flow')) assert.ok(ids.has(f.source.cell) && ids.has(f.target.cell), 'flow ends exist');
    const boxes = of('trust-boundary-box');
    const bbox = (c) => [c.position.x, c.position.y, c.position.x + c.size.width, c.position.y + c.size.height];
    const inside = (a, b) => a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];
    const boxOf = Object.fromEntries(t.sections.boundaries.map((b, i) => [b.id, bbox(boxes[i])]));
    const parent = Object.fromEntries(t.sections.boundaries.map((b) => [b.id, b.parent]));
    const chain = (b) => { const out = new Set(); for (let x = b; x; x = parent[x]) out.add(x); return out; };
    const nodes = of('actor', 'process', 'store');
    t.sections.components.forEach((c, i) => {
      const mine = c.boundary ? chain(c.boundary) : new Set();
      for (const b of Object.keys(boxOf)) {
        assert.equal(inside(bbox(nodes[i]), boxOf[b]), mine.has(b), `${c.id} inside ${b}: ${mine.has(b)}`);
      }
    });
    for (const b of t.sections.boundaries) {
      if (b.parent) assert.ok(inside(boxOf[b.id], boxOf[b.parent]), `${b.id} inside ${b.parent}`);
    }
  });
  test(`otm: ${model} validates and carries every element and threat`, () => {
    const d = exported('otm', model, name);
    valid('otm', d, model);
    assert.equal(d.otmVersion, '0.2.0');
    assert.deepEqual(d.components.map((c) => c.id), t.sections.components.map((c) => c.id));
    assert.deepEqual(d.dataflows.map((f) => [f.id, f.source, f.destination]),
      t.sections.flows.map((f) => [f.id, f.from, f.to]));
    assert.deepEqual(d.assets.map((x) => x.id), t.sections.assets.map((x) => x.id));
    assert.deepEqual(d.threats.map((x) => x.id), t.threats.map((x) => x.id), 'threat ids survive');
    assert.deepEqual(d.mitigations.map((x) => x.id), t.sections.controls.map((x) => x.id));
    const zones = new Set(d.trustZones.map((z) => z.id));
    for (const b of t.sections.boundaries) assert.ok(zones.has(b.id), `zone ${b.id}`);
    for (const z of d.trustZones) if (z.parent) assert.ok(zones.has(z.parent.trustZone));
    for (const c of d.components) assert.ok(zones.has(c.parent.trustZone), `${c.id} in a zone`);
    const states = { open: 'exposed', claimed: 'exposed', mitigated: 'mitigated', accepted: 'accepted', transferred: 'transferred' };
    const inst = [...d.components, ...d.dataflows].flatMap((e) => e.threats.map((i) => [i.threat, i.state]));
    const placed = t.threats.filter((x) => x.target_kind !== 'supply_chain' ||
      (t.sections.supply_chain.find((s) => s.id === x.target)?.used_by ?? []).length > 0);
    assert.equal(inst.length, placed.length, 'one instance per placed threat');
    const lib = new Set(d.threats.map((x) => x.id));
    for (const [id, state] of inst) {
      assert.ok(lib.has(id));
      assert.equal(state, states[t.threats.find((x) => x.id === id).status] ?? 'not-applicable', `state of ${id}`);
    }
    for (const x of d.threats) {
      const th = t.threats.find((y) => y.id === x.id);
      assert.equal(x.risk.likelihood, [10, 30, 50, 75, 95][th.likelihood - 1]);
      assert.equal(x.risk.impact, [10, 30, 50, 75, 95][th.impact - 1]);
    }
  });

  test(`threat-composer: ${model} validates and reads back every threat and control`, () => {
    const d = exported('threat-composer', model, name);
    valid('threat-composer', d, model);
    assert.equal(d.threats.length, nThreats);
    const meta = (x, k) => x.metadata.find((m) => m.key === k)?.value;
    assert.deepEqual(d.threats.map((x) => meta(x, 'custom:threatwright-id')), t.threats.map((x) => x.id), 'threat ids survive');
    assert.equal(new Set(d.threats.map((x) => x.id)).size, nThreats);
    for (const x of d.threats) {
      const th = t.threats.find((y) => y.id === meta(x, 'custom:threatwright-id'));
      assert.deepEqual(meta(x, 'STRIDE'), th.stride.map((s) => ({ spoofing: 'S', tampering: 'T', repudiation: 'R',
        'information-disclosure': 'I', 'denial-of-service': 'D', 'elevation-of-privilege': 'E' })[s]));
      assert.equal(x.status, th.status === 'mitigated' ? 'threatResolved'
        : ['false-positive', 'not-applicable'].includes(th.status) ? 'threatResolvedNotUseful' : 'threatIdentified');
    }
    assert.equal(d.mitigations.length, t.sections.controls.length);
    const threatIds = new Set(d.threats.map((x) => x.id));
    const mitIds = new Set(d.mitigations.map((x) => x.id));
    for (const l of d.mitigationLinks) assert.ok(threatIds.has(l.linkedId) && mitIds.has(l.mitigationId));
    const links = t.sections.controls.flatMap((c) => c.mitigates.filter((id) => t.threats.some((x) => x.id === id)));
    assert.equal(d.mitigationLinks.length, links.length);
    for (const c of t.sections.components) assert.ok(d.architecture.description.includes(c.id.replace(/[`]/g, '')), `${c.id} in the architecture table`);
  });

  test(`cyclonedx: ${model} validates and lists the supply chain`, () => {
    const d = exported('cyclonedx', model, name);
    valid('cyclonedx', d, model);
    const entries = [...(d.components ?? []), ...(d.services ?? [])];
    assert.deepEqual(entries.map((e) => e['bom-ref']).sort(), t.sections.supply_chain.map((s) => s.id).sort());
    const prop = (e, k) => e.properties.find((p) => p.name === `threatwright:${k}`)?.value;
    for (const s of t.sections.supply_chain) {
      const e = entries.find((x) => x['bom-ref'] === s.id);
      assert.equal(prop(e, 'kind'), s.kind);
      for (const k of ['pinned', 'integrity_checked']) assert.equal(prop(e, k), s[k] == null ? undefined : String(s[k]), `${s.id}.${k}`);
      assert.equal(prop(e, 'ecosystem'), s.ecosystem || undefined);
      assert.equal(e.type === undefined, ['saas', 'cloud-api'].includes(s.kind), `${s.id} is a service exactly when SaaS or a cloud API`);
    }
    assert.deepEqual(d.dependencies[0].dependsOn.slice().sort(), t.sections.supply_chain.map((s) => s.id).sort());
    assert.equal(d.metadata.component.name, t.sections.system.name);
  });
}

test('the validators reject broken documents', () => {
  assert.equal(validators['tm-bom']({ version: '1' }), false);
  assert.equal(validators['threat-dragon']({ summary: {} }), false);
  assert.equal(validators.otm({ otmVersion: '0.2.0' }), false);
  assert.equal(validators['threat-composer']({ schema: 1, threats: [{ id: 1 }] }), false);
  assert.equal(validators.cyclonedx({ bomFormat: 'SPDX', specVersion: '1.6' }), false);
});
