// Drives `threatwright mcp` with the official MCP TypeScript SDK client over stdio, on the
// bundled example model, and checks the answers of every tool, the resources and the prompt.
// A second part speaks raw JSON-RPC to the same binary to check framing and error handling.
//
// Environment: THREATWRIGHT_BIN (the binary), TW_MODEL (default: examples/acme-shop).
// Run with tests/mcp/run.sh, which installs the SDK from npm first.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const bin = process.env.THREATWRIGHT_BIN ?? path.join(root, "build/threatwright");
const model = process.env.TW_MODEL ?? path.join(root, "examples/acme-shop/model.yaml");

// A change adding an unauthenticated, unencrypted entry point from the internet.
const partnerFragment = `components:
  - id: partner
    name: Partner systems
    type: external-entity
    kind: user
    boundary: internet
  - id: partner-api
    name: Partner order import API
    type: process
    kind: api
    boundary: dmz
    internet_facing: true
    authentication: none
    authorization: none
    input_validation: false
    audit_log: false
flows:
  - id: partner-orders
    from: partner
    to: partner-api
    protocol: http
    data: [orders]
    encrypted: false
    authenticated: false
    port: 80
`;

const ids = (list) => list.map((x) => x.id);

describe("threatwright mcp with the official TypeScript SDK client", () => {
  let client;
  let stderr = "";

  before(async () => {
    assert.ok(existsSync(bin), `no threatwright binary at ${bin} (set THREATWRIGHT_BIN)`);
    const transport = new StdioClientTransport({
      command: bin,
      args: ["mcp", model],
      stderr: "pipe",
      env: { ...process.env, THREATWRIGHT_TODAY: "2026-11-26" },
    });
    transport.stderr?.on("data", (d) => (stderr += d));
    client = new Client({ name: "threatwright-sdk-test", version: "1.0.0" });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
  });

  test("connects and negotiates", async () => {
    const info = client.getServerVersion();
    assert.equal(info.name, "threatwright");
    const caps = client.getServerCapabilities();
    assert.ok(caps.tools && caps.resources && caps.prompts);
    assert.match(client.getInstructions() ?? "", /assess_change/);
    await client.ping();
    assert.match(stderr, /serving .*model\.yaml/);
  });

  test("lists the tools, each with a description and schemas", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [
      "assess_change",
      "assess_infrastructure_change",
      "check_controls",
      "explain_rule",
      "get_guidance",
      "get_threat_model",
      "list_threats",
    ]);
    for (const t of tools) {
      assert.ok(t.description.length > 40, t.name);
      assert.equal(t.inputSchema.type, "object");
      assert.equal(t.outputSchema?.type, "object");
      assert.equal(t.annotations?.readOnlyHint, true);
    }
  });

  test("get_threat_model", async () => {
    const r = await client.callTool({ name: "get_threat_model", arguments: {} });
    assert.equal(r.isError, false);
    assert.match(r.content[0].text, /# Acme Shop: threat model/);
    const s = r.structuredContent;
    assert.equal(s.system.name, "Acme Shop");
    assert.equal(s.components.length, 8);
    assert.ok(ids(s.flows).includes("login"));
    assert.ok(ids(s.assets).includes("card-data"));
    const web = s.components.find((c) => c.id === "web");
    assert.equal(web.internet_exposed, true);
    assert.equal(web.facts.authentication, "password+mfa");

    const scoped = await client.callTool({
      name: "get_threat_model",
      arguments: { component: "orders-db" },
    });
    assert.equal(scoped.structuredContent.scope, "orders-db");
    assert.ok(ids(scoped.structuredContent.components).includes("orders-api"));
    assert.ok(!ids(scoped.structuredContent.components).includes("customer"));
    for (const t of scoped.structuredContent.threats) {
      assert.ok(["orders-db", "orders-write", "admin-query"].includes(t.target), t.id);
    }
  });

  test("list_threats with filters", async () => {
    const all = await client.callTool({ name: "list_threats", arguments: {} });
    assert.ok(all.structuredContent.count > 5);
    const high = await client.callTool({
      name: "list_threats",
      arguments: { severity: "high", status: "open" },
    });
    assert.ok(high.structuredContent.count > 0);
    for (const t of high.structuredContent.threats) {
      assert.ok(["high", "critical"].includes(t.severity), t.id);
      assert.equal(t.status, "open");
    }
    const onLogin = await client.callTool({
      name: "list_threats",
      arguments: { target: "admin-access", stride: "information-disclosure" },
    });
    for (const t of onLogin.structuredContent.threats) {
      assert.equal(t.target, "admin-access");
      assert.ok(t.stride.includes("information-disclosure"));
    }
    const bad = await client.callTool({ name: "list_threats", arguments: { severity: "urgent" } });
    assert.equal(bad.isError, true);
    assert.match(bad.content[0].text, /unknown severity 'urgent'/);
  });

  test("assess_infrastructure_change: a proposed LoadBalancer for the database is new drift", async () => {
    const manifest = [
      "apiVersion: apps/v1",
      "kind: StatefulSet",
      "metadata: {name: orders-db}",
      "spec:",
      "  template:",
      "    metadata: {labels: {app: orders-db}}",
      "    spec: {containers: [{name: pg, image: 'postgres:16'}]}",
      "---",
      "apiVersion: v1",
      "kind: Service",
      "metadata: {name: orders-db}",
      "spec: {type: LoadBalancer, selector: {app: orders-db}, ports: [{port: 5432}]}",
      "",
    ].join("\n");
    const r = await client.callTool({
      name: "assess_infrastructure_change",
      arguments: { files: [{ path: "proposed-k8s/orders-db.yaml", content: manifest }] },
    });
    assert.equal(r.isError, false, r.content[0].text);
    const s = r.structuredContent;
    const found = s.introduced.find((f) => f.code === "exposure-not-in-model");
    assert.ok(found, r.content[0].text);
    assert.equal(found.observed.line, 12);
    assert.equal(found.model.id, "orders-db");
    assert.ok(s.surface.some((x) => x.change === "added" && x.what === "exposure"));
    const bad = await client.callTool({
      name: "assess_infrastructure_change",
      arguments: { files: [{ path: "../../etc/passwd", content: "x" }] },
    });
    assert.equal(bad.isError, true);
    assert.match(bad.content[0].text, /leaves the model's folder/);
  });

  test("assess_change names the new internet entry point and its threats", async () => {
    const r = await client.callTool({
      name: "assess_change",
      arguments: { change: partnerFragment },
    });
    assert.equal(r.isError, false, r.content[0].text);
    const s = r.structuredContent;
    assert.equal(s.ok, true);
    assert.deepEqual(s.added.component, ["partner", "partner-api"]);

    const entry = s.attack_surface.entry_points.find((e) => e.id === "partner-orders");
    assert.ok(entry, JSON.stringify(s.attack_surface));
    assert.equal(entry.encrypted, false);
    assert.equal(entry.authenticated, false);
    assert.equal(entry.from_zone, "internet");
    assert.equal(entry.from_trust, "untrusted");
    assert.equal(entry.to, "partner-api");
    assert.ok(ids(s.attack_surface.internet_facing).includes("partner-api"));

    const threats = ids(s.new_threats);
    for (const expected of [
      "missing-authentication@partner-api",
      "unauthenticated-entry-flow@partner-orders",
      "unencrypted-flow@partner-orders",
    ]) {
      assert.ok(threats.includes(expected), `${expected} not in ${threats}`);
      assert.ok(s.unmitigated.includes(expected), `${expected} should be unmitigated`);
    }
    const auth = s.new_threats.find((t) => t.id === "missing-authentication@partner-api");
    assert.ok(["high", "critical"].includes(auth.severity));
    assert.deepEqual(auth.stride, ["spoofing"]);

    const text = r.content[0].text;
    assert.match(text, /new entry point: flow partner-orders .*NOT encrypted, NOT authenticated/);
    assert.match(text, /new internet-facing process partner-api/);
    assert.match(text, /\[(HIGH|CRITICAL)\] missing-authentication@partner-api/);
    assert.match(text, /Nothing was written/);
  });

  test("assess_change reports fragment errors with line and column", async () => {
    const r = await client.callTool({
      name: "assess_change",
      arguments: { change: "flows:\n  - id: x\n    from: customer\n    to: wbe\n" },
    });
    assert.equal(r.isError, true);
    const err = r.structuredContent.errors.find((e) => e.code === "unknown-id");
    assert.ok(err, JSON.stringify(r.structuredContent));
    assert.equal(err.line, 4);
    assert.equal(err.column, 9);
    assert.match(err.message, /did you mean 'web'/);
    assert.match(r.content[0].text, /change:4:9/);

    const broken = await client.callTool({
      name: "assess_change",
      arguments: { change: "components: [ {id: a" },
    });
    assert.equal(broken.isError, true);
    assert.match(broken.content[0].text, /change:\d+:\d+: YAML syntax error/);
  });

  test("check_controls", async () => {
    const open = await client.callTool({
      name: "list_threats",
      arguments: { target: "admin-access", status: "open" },
    });
    const named = open.structuredContent.threats[0].id;
    const r = await client.callTool({
      name: "check_controls",
      arguments: {
        control: {
          name: "TLS for the back office",
          mechanism: "Serve the admin console over HTTPS only; plain HTTP is refused.",
          targets: ["admin-access"],
          threats: [named],
        },
      },
    });
    assert.equal(r.isError, false, r.content[0].text);
    assert.deepEqual(ids(r.structuredContent.addresses), [named]);
    for (const t of r.structuredContent.remain_open) assert.equal(t.target, "admin-access");
    assert.match(r.structuredContent.yaml, /mitigates: \[/);
  });

  test("explain_rule", async () => {
    const r = await client.callTool({
      name: "explain_rule",
      arguments: { rule_id: "missing-authentication" },
    });
    assert.equal(r.isError, false);
    assert.equal(r.structuredContent.rule.id, "missing-authentication");
    assert.ok(r.structuredContent.rule.cwe.includes(306));
    assert.ok(r.structuredContent.rule.mitigation.length > 20);
    const list = await client.callTool({ name: "explain_rule", arguments: {} });
    assert.ok(list.structuredContent.rules.length > 10);
  });

  test("get_guidance", async () => {
    const r = await client.callTool({ name: "get_guidance", arguments: { kind: "api" } });
    assert.equal(r.isError, false);
    assert.equal(r.structuredContent.applies_to, "process");
    assert.ok(ids(r.structuredContent.checklist).includes("authenticate-callers"));
    const e = await client.callTool({
      name: "get_guidance",
      arguments: { element: "session-cache" },
    });
    const auth = e.structuredContent.checklist.find((i) => i.id === "authenticate-connections");
    assert.equal(auth.state, "missing");
  });

  test("get_guidance for a change: password reset, upload, webhook, IAM role", async () => {
    const want = {
      "password-reset": ["token-entropy", "password-reset-abuse"],
      "file-upload": ["allow-list-types", "unrestricted-file-upload"],
      webhook: ["verify-signature", "webhook-signature-missing"],
      "iam-role": ["least-privilege", "iam-wildcard-permission"],
    };
    for (const [kind, [item, rule]] of Object.entries(want)) {
      const r = await client.callTool({ name: "get_guidance", arguments: { kind } });
      assert.equal(r.isError, false, r.content[0].text);
      const items = ids(r.structuredContent.checklist);
      assert.ok(items.includes(item), `${kind}: ${items}`);
      assert.ok(!items.includes("authenticate-callers"), `${kind} has generic items: ${items}`);
      assert.ok(ids(r.structuredContent.rules).includes(rule), kind);
    }
  });

  test("assess_change with a new IAM role answers with its IAM threats", async () => {
    const change = [
      "iam:",
      "  principals:",
      "    - id: reports-role",
      "      kind: role",
      "      permissions:",
      '        - {actions: ["*"], resources: ["*"]}',
      "components:",
      "  - {id: orders-api, runs_as: reports-role}",
      "",
    ].join("\n");
    const r = await client.callTool({ name: "assess_change", arguments: { change } });
    assert.equal(r.isError, false, r.content[0].text);
    const s = r.structuredContent;
    assert.deepEqual(s.added.principal, ["reports-role"]);
    const p = s.principals.find((x) => x.id === "reports-role");
    assert.deepEqual(p.held_by, ["orders-api"]);
    assert.ok(p.threats.includes("iam-wildcard-permission@orders-api"), JSON.stringify(p));
    assert.match(r.content[0].text, /principal reports-role \(new\): held by orders-api/);
  });

  test("an unknown tool is a protocol error", async () => {
    await assert.rejects(client.callTool({ name: "write_model", arguments: {} }), (e) => {
      assert.equal(e.code, -32602);
      return true;
    });
  });

  test("resources: the rendered threat model document", async () => {
    const { resources } = await client.listResources();
    const doc = resources.find((r) => r.mimeType === "text/markdown");
    assert.ok(doc);
    const r = await client.readResource({ uri: doc.uri });
    assert.equal(r.contents[0].mimeType, "text/markdown");
    assert.match(r.contents[0].text, /Acme Shop/);
    await assert.rejects(client.readResource({ uri: "threatwright://nope" }), (e) => {
      assert.equal(e.code, -32002);
      return true;
    });
  });

  test("prompt: before implementing a security-affecting change", async () => {
    const { prompts } = await client.listPrompts();
    assert.deepEqual(prompts.map((p) => p.name), ["before-security-change"]);
    const r = await client.getPrompt({
      name: "before-security-change",
      arguments: { change: "Add a partner order import API", elements: "orders-api" },
    });
    assert.equal(r.messages[0].role, "user");
    assert.match(r.messages[0].content.text, /Add a partner order import API/);
    assert.match(r.messages[0].content.text, /assess_change/);
  });
});

// ---------------------------------------------------------------------------------------------
// Raw JSON-RPC over the binary's stdio.

function rawSession(args = []) {
  const child = spawn(bin, ["mcp", model, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let buf = "";
  const waiting = [];
  const lines = [];
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const next = () =>
    new Promise((resolve, reject) => {
      if (lines.length) return resolve(lines.shift());
      const timer = setTimeout(() => reject(new Error("no reply within 10 s")), 10000);
      waiting.push((l) => {
        clearTimeout(timer);
        resolve(l);
      });
    });
  const send = async (text) => {
    child.stdin.write(text + "\n");
    return JSON.parse(await next());
  };
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, send, next, exited };
}

describe("threatwright mcp raw JSON-RPC over stdio", () => {
  test("errors for malformed, invalid and unknown messages; the server keeps serving", async () => {
    const s = rawSession();
    let r = await s.send("{not json");
    assert.equal(r.error.code, -32700);
    assert.equal(r.id, null);
    r = await s.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "no/such/method" }));
    assert.equal(r.error.code, -32601);
    assert.equal(r.id, 1);
    r = await s.send(JSON.stringify({ id: 2, method: "ping" }));
    assert.equal(r.error.code, -32600);
    r = await s.send(JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/call", params: {} }));
    assert.equal(r.error.code, -32602);
    r = await s.send(
      JSON.stringify({
        jsonrpc: "2.0",
        id: 4,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
      }),
    );
    assert.equal(r.result.protocolVersion, "2025-06-18");
    s.child.stdin.write(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) + "\n");
    r = await s.send(JSON.stringify({ jsonrpc: "2.0", id: 5, method: "ping" }));
    assert.deepEqual(r, { jsonrpc: "2.0", id: 5, result: {} });
    s.child.stdin.end();
    assert.equal(await s.exited, 0);
  });

  test("an oversized message gets an error and memory stays bounded", async () => {
    const s = rawSession(["--max-message-size", "65536"]);
    const huge = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "assess_change", arguments: { change: "x".repeat(1 << 20) } },
    });
    let r = await s.send(huge);
    assert.equal(r.error.code, -32600);
    assert.match(r.error.message, /too large/);
    r = await s.send(JSON.stringify({ jsonrpc: "2.0", id: 2, method: "ping" }));
    assert.equal(r.id, 2);
    s.child.stdin.end();
    assert.equal(await s.exited, 0);
  });

  test("a broken fragment is a tool error, not a crash", async () => {
    const s = rawSession();
    for (const change of ["", "[", "a: *nope", "components: 5", "\u0000\u0001"]) {
      const r = await s.send(
        JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "tools/call",
          params: { name: "assess_change", arguments: { change } },
        }),
      );
      assert.equal(r.result.isError, true, JSON.stringify(r));
    }
    s.child.stdin.end();
    assert.equal(await s.exited, 0);
  });
});
