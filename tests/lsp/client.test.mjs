// Drives `threatwright lsp` with VS Code's own LSP client library (vscode-languageserver-protocol
// over stdio) through an editing session on a model in a temporary workspace: initialize,
// didOpen of a broken model, publishDiagnostics, hover, completion, definition, references, a
// quick fix, didChange, shutdown and exit. A second part writes raw bytes to the same binary:
// garbage framing, a huge Content-Length and invalid JSON get JSON-RPC errors, never a crash.
//
// Environment: THREATWRIGHT_BIN (the binary). Run with tests/lsp/run.sh, which installs the
// library from npm first.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  CompletionRequest,
  DefinitionRequest,
  ReferencesRequest,
  CodeActionRequest,
  ShutdownRequest,
  ExitNotification,
} from "vscode-languageserver-protocol/node.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const bin = process.env.THREATWRIGHT_BIN ?? path.join(root, "build/threatwright");

// Line 27 holds a dangling reference, "dbx", after a non-ASCII name: U+1D11E takes two UTF-16
// units, so "dbx" (code point 40) starts at character 41.
const broken = `threatwright: 1
system:
  name: Shop
assets:
  - id: orders
    name: Orders
    value: high
    impact: all orders leak
boundaries:
  - id: dmz
    name: DMZ
    trust: semi-trusted
components:
  - id: user
    type: external-entity
  - id: api
    type: process
    boundary: dmz
  - id: db
    type: data-store
    boundary: dmz
    stores: [orders]
flows:
  - id: f1
    from: user
    to: api
    data: [orders]
  - {id: f2, name: "\u{1D11E}\u00e9", from: api, to: dbx}
`;
const fixed = broken.replace("to: dbx", "to: db");

describe("threatwright lsp driven by vscode-languageserver-protocol", () => {
  let dir, uri, file, proc, conn;
  let stderr = "";
  const published = []; // every publishDiagnostics for our file, in order
  let waiters = [];

  const nextDiagnostics = () =>
    new Promise((resolve) => {
      waiters.push(resolve);
    });

  before(async () => {
    assert.ok(existsSync(bin), `no threatwright binary at ${bin} (set THREATWRIGHT_BIN)`);
    dir = mkdtempSync(path.join(os.tmpdir(), "tw-lsp-"));
    file = path.join(dir, "model.yaml");
    writeFileSync(file, "threatwright: 1\n"); // the editor's text differs from the disk's
    uri = pathToFileURL(file).href;
    proc = spawn(bin, ["lsp"], { stdio: ["pipe", "pipe", "pipe"] });
    proc.stderr.on("data", (d) => (stderr += d));
    conn = createProtocolConnection(
      new StreamMessageReader(proc.stdout),
      new StreamMessageWriter(proc.stdin),
    );
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri !== uri) return;
      published.push(p);
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve(p);
    });
    conn.listen();
  });

  after(() => {
    conn?.dispose();
    proc?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("initialize announces the features", async () => {
    const r = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "ws" }],
      capabilities: {},
    });
    assert.equal(r.serverInfo.name, "threatwright");
    const c = r.capabilities;
    assert.equal(c.hoverProvider, true);
    assert.equal(c.definitionProvider, true);
    assert.equal(c.referencesProvider, true);
    assert.ok(c.completionProvider);
    assert.deepEqual(c.codeActionProvider.codeActionKinds, ["quickfix"]);
    await conn.sendNotification(InitializedNotification.type, {});
  });

  let unknown;
  test("didOpen of a broken model publishes the dangling reference with its range", async () => {
    const got = nextDiagnostics();
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "yaml", version: 1, text: broken },
    });
    const p = await got;
    unknown = p.diagnostics.find((d) => d.code === "unknown-id");
    assert.ok(unknown, JSON.stringify(p.diagnostics, null, 1));
    assert.deepEqual(unknown.range, {
      start: { line: 27, character: 41 },
      end: { line: 27, character: 44 },
    });
    assert.equal(unknown.severity, 1);
    assert.equal(unknown.source, "threatwright");
    assert.match(unknown.message, /flow destination 'dbx' does not exist; did you mean 'db'\?/);
  });

  test("codeAction offers the suggestion as a quick fix", async () => {
    const actions = await conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, "quickfix");
    const edits = actions[0].edit.changes[uri];
    assert.deepEqual(edits, [{ range: unknown.range, newText: "db" }]);
  });

  test("didChange fixing it clears the error; what is left is exactly what `check` prints", async () => {
    const got = nextDiagnostics();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    const p = await got;
    assert.ok(!p.diagnostics.some((d) => d.code === "unknown-id"));
    // The same diagnostics as `threatwright check` on the same text, at the same places.
    writeFileSync(file, fixed);
    const check = spawnSync(bin, ["check", file, "--format", "json"], { encoding: "utf8" });
    const want = JSON.parse(check.stdout).diagnostics
      .map((d) => `${d.code}@${d.line - 1}`)
      .sort();
    const have = p.diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();
    assert.deepEqual(have, want);
  });

  test("hover on a component id tells what it is and its threats", async () => {
    const h = await conn.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 25, character: 9 }, // "    to: api"
    });
    assert.equal(h.contents.kind, "markdown");
    assert.match(h.contents.value, /\*\*component\*\* `api`/);
    assert.match(h.contents.value, /threat\(s\)/);
  });

  test("hover on a threat id gives its severity and the rule's mitigation", async () => {
    const h = await conn.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 25, character: 9 },
    });
    const threat = /`([a-z0-9-]+@api)`/.exec(h.contents.value)[1];
    const text = fixed + `controls:\n  - id: c1\n    mitigates: [${threat}]\n`;
    const got = nextDiagnostics();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text }],
    });
    await got;
    const t = await conn.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 30, character: 17 },
    });
    assert.match(t.contents.value, /\*\*threat\*\*/);
    assert.match(t.contents.value, /severity \*\*(info|low|medium|high|critical)\*\*/);
    assert.match(t.contents.value, /\*Mitigation:\*/);
  });

  test("completion offers the ids a reference field accepts, and enum values", async () => {
    const text = fixed + "  - id: f3\n    from: \n    type: \ncomponents2: x\n";
    const got = nextDiagnostics();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 4 },
      contentChanges: [{ text }],
    });
    await got;
    const c = await conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 29, character: 10 },
    });
    const labels = (c.items ?? c).map((i) => i.label);
    assert.deepEqual(labels, ["api", "db", "user"]);
    const k = await conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 29, character: 4 },
    });
    assert.ok((k.items ?? k).some((i) => i.label === "authenticated"));
  });

  test("definition and references of an id", async () => {
    const got = nextDiagnostics();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 5 },
      contentChanges: [{ text: fixed }],
    });
    await got;
    const d = await conn.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line: 25, character: 9 },
    });
    assert.equal(d.uri, uri);
    assert.deepEqual(d.range, { start: { line: 15, character: 8 }, end: { line: 15, character: 11 } });
    const refs = await conn.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: { line: 15, character: 9 },
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((r) => r.range.start.line).sort((a, b) => a - b),
      [15, 25, 27],
    );
  });

  test("shutdown and exit end the server with status 0", async () => {
    const exited = new Promise((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal })));
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    const { code, signal } = await exited;
    assert.equal(signal, null, stderr);
    assert.equal(code, 0, stderr);
  });
});

// Raw bytes: what a broken or hostile client could send.
function rawSession(input) {
  const r = spawnSync(bin, ["lsp", "--max-message-size", "4096"], { input, timeout: 20000 });
  const out = r.stdout.toString("utf8");
  const messages = [];
  let rest = out;
  for (;;) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(rest);
    if (!m) break;
    const n = Number(m[1]);
    const body = Buffer.from(rest.slice(m[0].length), "utf8").subarray(0, n).toString("utf8");
    messages.push(JSON.parse(body));
    rest = rest.slice(m[0].length + body.length);
  }
  return { status: r.status, signal: r.signal, messages, rest, stderr: r.stderr.toString() };
}

const framed = (s) => `Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`;

describe("threatwright lsp on bad input", () => {
  test("invalid JSON, garbage headers and a huge Content-Length get errors, never a crash", () => {
    const input =
      framed("{not json") +
      "Garbage-Without-Length: 1\r\n\r\n" +
      "Content-Length: 5000\r\n\r\n" + "x".repeat(5000) + // over --max-message-size: skipped
      framed('{"jsonrpc":"2.0","id":7,"method":"initialize","params":{}}') +
      framed('[1,2,3]') +
      framed('{"jsonrpc":"2.0","id":8,"method":"shutdown"}') +
      framed('{"jsonrpc":"2.0","method":"exit"}');
    const r = rawSession(input);
    assert.equal(r.signal, null, r.stderr);
    assert.equal(r.status, 0, r.stderr);
    const codes = r.messages.filter((m) => m.error).map((m) => m.error.code);
    assert.ok(codes.includes(-32700), JSON.stringify(r.messages)); // parse error
    assert.ok(codes.filter((c) => c === -32600).length >= 3, JSON.stringify(r.messages));
    assert.ok(r.messages.some((m) => m.id === 7 && m.result?.capabilities));
    assert.ok(r.messages.some((m) => m.id === 8 && m.result === null));
  });

  test("input that ends without exit: status 1, no crash", () => {
    for (const input of ["Content-Length: 10\r\n\r\n{", "Content-Length: 99999999999999\r\n\r\n{}"]) {
      const r = rawSession(input);
      assert.equal(r.signal, null);
      assert.equal(r.status, 1);
    }
  });
});
