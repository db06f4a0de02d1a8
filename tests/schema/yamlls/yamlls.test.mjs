// The YAML language server (npm yaml-language-server, what VS Code's YAML extension runs)
// reads docs/schema/threatwright.schema.json headless over stdio, named the way
// docs/model-format.md tells users to ("# yaml-language-server: $schema=..."), and:
//  - reports no schema problem on any example model, its included files (include schema) or
//    threatwright's own model;
//  - reports each broken model below, at the right line;
//  - completes keys and vocabulary values.
// Environment: TW_SOURCE_DIR (the repository). Run with tests/schema/yamlls/run.sh.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  CompletionRequest,
  ShutdownRequest,
  ExitNotification,
} from "vscode-languageserver-protocol/node.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.TW_SOURCE_DIR ?? path.resolve(here, "../../..");
const schemaUrl = (name) => pathToFileURL(path.join(root, "docs/schema", name)).href;
const modeline = (name) => `# yaml-language-server: $schema=${schemaUrl(name)}\n`;

let server, conn;
const diagnostics = new Map(); // uri -> {resolve, promise}
let version = 0;

function waitFor(uri) {
  if (!diagnostics.has(uri)) {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    diagnostics.set(uri, { resolve, promise });
  }
  return diagnostics.get(uri).promise;
}

// Opens `text` as a document named `name` and returns the diagnostics the server publishes.
async function diagnose(name, text) {
  const uri = pathToFileURL(path.join(root, ".yamlls-test", `${++version}-${name}`)).href;
  const p = waitFor(uri);
  await conn.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "yaml", version: 1, text },
  });
  const got = await Promise.race([
    p,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no diagnostics for ${name}`)), 20000)),
  ]);
  return { uri, diagnostics: got };
}

before(async () => {
  const bin = path.join(here, "node_modules/yaml-language-server/bin/yaml-language-server");
  server = spawn(process.execPath, [bin, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  conn = createProtocolConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    // The server publishes an empty list on open before validating; keep the last one after
    // a short settle.
    const entry = diagnostics.get(p.uri) ?? (waitFor(p.uri), diagnostics.get(p.uri));
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => entry.resolve(p.diagnostics), 500);
  });
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } },
    workspaceFolders: null,
  });
  await conn.sendNotification(InitializedNotification.type, {});
  await conn.sendNotification(DidChangeConfigurationNotification.type, {
    settings: {
      yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false } },
    },
  });
});

after(async () => {
  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
  conn.dispose();
  server.kill();
});

const schemaProblems = (d) => d.filter((x) => String(x.source ?? "").startsWith("yaml-schema"));
const read = (rel) => readFileSync(path.join(root, rel), "utf8");

describe("models in the repository validate", () => {
  const files = [
    ["examples/acme-shop/model.yaml", "threatwright.schema.json"],
    ["examples/acme-shop/flows/storefront.yaml", "threatwright-include.schema.json"],
    ["examples/fintech-api/model.yaml", "threatwright.schema.json"],
    ["examples/iot-fleet/model.yaml", "threatwright.schema.json"],
    ["examples/online-shop/model.yaml", "threatwright.schema.json"],
    ["examples/saas-cicd/model.yaml", "threatwright.schema.json"],
    ["examples/saas-platform/model.yaml", "threatwright.schema.json"],
    ["threat-model.yaml", "threatwright.schema.json"],
    ["threat-model/hardening-outputs.yaml", "threatwright-include.schema.json"],
  ];
  for (const [rel, schema] of files) {
    test(rel, async () => {
      const { diagnostics: d } = await diagnose(path.basename(rel), modeline(schema) + read(rel));
      assert.deepEqual(d.map((x) => `${x.range.start.line}: ${x.message}`), []);
    });
  }
});

const header = "threatwright: 1\nsystem: {name: S}\nassets:\n  - {id: a, name: A}\n";
describe("broken models are reported where they are broken", () => {
  const cases = [
    ["unknown key", "components:\n  - {id: web, type: process, autentication: none}\n", 6, /autentication/],
    ["bad enum value", "components:\n  - {id: web, type: proces}\n", 6, /process|allowed/i],
    ["quoted boolean", "components:\n  - {id: web, type: process, internet_facing: 'true'}\n", 6, /boolean/i],
    ["missing required key", "flows:\n  - {id: f, from: a}\n", 6, /to/],
    ["claimed is not a decision", "decisions:\n  - {threat: x, status: claimed}\n", 6, /not accepted.*not-applicable/],
    ["port out of range", "flows:\n  - {id: f, from: a, to: b, port: 70000}\n", 6, /65535|maximum|less/i],
    ["bad id", "components:\n  - {id: Web Server, type: process}\n", 6, /pattern|match/i],
    ["any and all together", "attack_trees:\n  - id: t\n    goal: g\n    root: {any: [{step: s}], all: [{step: s}]}\n", 8, /.+/],
  ];
  for (const [name, body, line, message] of cases) {
    test(name, async () => {
      const { diagnostics: d } = await diagnose("broken.yaml", modeline("threatwright.schema.json") + header + body);
      const problems = schemaProblems(d);
      assert.ok(problems.length > 0, `no problem reported for: ${body}`);
      assert.ok(
        problems.some((x) => x.range.start.line === line && message.test(x.message)),
        `expected a problem on line ${line} matching ${message}, got ${JSON.stringify(problems.map((x) => [x.range.start.line, x.message]))}`,
      );
    });
  }
  test("a root file without 'threatwright'", async () => {
    const { diagnostics: d } = await diagnose("noversion.yaml", modeline("threatwright.schema.json") + "system: {name: S}\n");
    assert.ok(schemaProblems(d).some((x) => /threatwright/.test(x.message)), JSON.stringify(d));
  });
  test("an included file needs no 'threatwright'", async () => {
    const { diagnostics: d } = await diagnose("include.yaml", modeline("threatwright-include.schema.json") + "flows:\n  - {id: f, from: a, to: b}\n");
    assert.deepEqual(d, []);
  });
});

describe("completion", () => {
  test("keys of a component", async () => {
    const text = modeline("threatwright.schema.json") + header + "components:\n  - id: web\n    type: process\n    \n";
    const { uri } = await diagnose("complete.yaml", text);
    const r = await conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 8, character: 4 },
    });
    const labels = (r.items ?? r).map((i) => i.label);
    for (const k of ["authentication", "internet_facing", "kind", "boundary"]) {
      assert.ok(labels.includes(k), `${k} not offered: ${labels.join(", ")}`);
    }
    assert.ok(!labels.includes("from"), "a flow key is offered for a component");
  });
  test("built-in kinds, with a free-text fallback", async () => {
    const text = modeline("threatwright.schema.json") + header + "components:\n  - id: web\n    type: process\n    kind: \n";
    const { uri, diagnostics: d } = await diagnose("kind.yaml", text);
    const r = await conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 8, character: 10 },
    });
    const labels = (r.items ?? r).map((i) => i.label);
    for (const k of ["web-app", "sql-database", "api-gateway"]) {
      assert.ok(labels.includes(k), `${k} not offered: ${labels.slice(0, 20).join(", ")}`);
    }
    const own = modeline("threatwright.schema.json") + header + "components:\n  - {id: web, type: process, kind: billing-engine}\n";
    assert.deepEqual(schemaProblems((await diagnose("ownkind.yaml", own)).diagnostics), []);
  });
});
