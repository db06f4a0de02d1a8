// The threatwright workbench. Every string from the model is put into the page as text
// (textContent, attribute values set one by one), never as HTML: the model may be hostile.
"use strict";

(function () {
  // The token comes in the address once; it is kept in memory and taken out of the address
  // bar (and of the history), and it is only ever sent in a header.
  const token = new URLSearchParams(location.search).get("token") || "";
  history.replaceState(null, "", "/");

  const STRIDE = ["spoofing", "tampering", "repudiation", "information-disclosure",
    "denial-of-service", "elevation-of-privilege"];
  const SEVERITIES = ["critical", "high", "medium", "low", "info"];
  const $ = (id) => document.getElementById(id);

  const state = {
    version: 0, hash: "", report: null, check: null, svg: null,
    selected: null, view: "diagram", sort: { key: "score", dir: -1 }, open: new Set(),
  };

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function message(text, kind) {
    const m = $("message");
    m.textContent = text || "";
    m.className = kind || "";
  }

  async function api(path, options) {
    const o = Object.assign({ headers: {} }, options || {});
    o.headers["X-Threatwright-Token"] = token;
    o.credentials = "omit";
    o.cache = "no-store";
    return fetch(path, o);
  }

  // ---- loading and live update ------------------------------------------------------------

  async function load() {
    const r = await api("/api/model");
    if (!r.ok) { message("The server refused: " + r.status, "error"); return; }
    const data = await r.json();
    state.version = data.version;
    state.hash = data.hash;
    state.report = data.report;
    const errors = $("errors");
    errors.hidden = data.ok;
    errors.textContent = data.ok ? "" : data.errors;
    if (data.ok) {
      const [check, svg] = await Promise.all([
        api("/api/check").then((x) => x.json()),
        api("/api/diagram").then((x) => (x.ok ? x.text() : "")),
      ]);
      state.check = check;
      state.svg = svg;
    }
    render();
  }

  async function follow() {
    for (;;) {
      try {
        const r = await api("/api/events?since=" + state.version);
        if (!r.ok) throw new Error(String(r.status));
        const { version } = await r.json();
        $("live").className = "";
        if (version !== state.version) {
          await load();
          message("Reloaded: the model changed on disk (version " + version + ").", "ok");
        }
      } catch (e) {
        $("live").className = "stale";
        await new Promise((res) => setTimeout(res, 2000));
      }
    }
  }

  // ---- filters ------------------------------------------------------------------------------

  function fillSelect(id, values) {
    const s = $(id);
    const keep = s.value;
    while (s.options.length > 1) s.remove(1);
    for (const v of values) s.append(el("option", { value: v }, v));
    if (values.includes(keep)) s.value = keep;
  }

  function filters() {
    return {
      q: $("f-search").value.trim().toLowerCase(),
      stride: $("f-stride").value, severity: $("f-severity").value,
      status: $("f-status").value, adversary: $("f-adversary").value,
    };
  }

  function matches(t, f) {
    if (f.stride && !t.stride.includes(f.stride)) return false;
    if (f.severity && t.severity !== f.severity) return false;
    if (f.status && t.status !== f.status) return false;
    if (f.adversary && !(t.adversaries || []).includes(f.adversary)) return false;
    if (f.q) {
      const hay = (t.id + " " + t.title + " " + t.target + " " + (t.description || "")).toLowerCase();
      if (!hay.includes(f.q)) return false;
    }
    return true;
  }

  function visibleThreats() {
    const f = filters();
    return state.report.threats.filter((t) => matches(t, f));
  }

  // ---- rendering ----------------------------------------------------------------------------

  function render() {
    const rep = state.report;
    if (!rep) return;
    $("title").textContent = rep.model.name || "threatwright";
    $("summary").textContent = rep.summary.total + " threats, " + rep.summary.open + " open";
    fillSelect("f-stride", STRIDE);
    fillSelect("f-severity", SEVERITIES);
    fillSelect("f-status", [...new Set(rep.threats.map((t) => t.status))].sort());
    fillSelect("f-adversary", (rep.sections.adversaries || []).map((a) => a.id));
    renderDiagram();
    renderRegister();
    renderCheck();
    if (state.selected) showDetail(state.selected);
  }

  function sevBadge(s) {
    return el("span", { class: "sev sev-" + (s || "none") }, s || "none");
  }

  function threatsOf(id) {
    return state.report.threats.filter((t) => t.target === id);
  }

  // Diagram: Graphviz's SVG (made by the server from the model) parsed as XML, with anything
  // active dropped, then made interactive. Elements and flows link to "#el-<id>".
  let view = null;
  function renderDiagram() {
    const box = $("diagram");
    box.replaceChildren();
    if (!state.svg) return;
    const doc = new DOMParser().parseFromString(state.svg, "image/svg+xml");
    const svg = doc.documentElement;
    if (svg.nodeName !== "svg") return;
    for (const bad of svg.querySelectorAll("script, foreignObject, iframe, image")) bad.remove();
    for (const n of svg.querySelectorAll("*")) {
      for (const a of [...n.attributes]) {
        if (a.name.toLowerCase().startsWith("on")) n.removeAttribute(a.name);
        if (/href$/i.test(a.name) && !a.value.startsWith("#")) n.removeAttribute(a.name);
      }
    }
    const node = document.importNode(svg, true);
    node.removeAttribute("width");
    node.removeAttribute("height");
    const vb = (node.getAttribute("viewBox") || "0 0 100 100").split(/[ ,]+/).map(Number);
    if (!view || view.base.join() !== vb.join()) view = { base: vb, box: vb.slice() };
    node.setAttribute("viewBox", view.box.join(" "));
    box.append(node);
    const f = filters();
    const filtering = f.q || f.stride || f.severity || f.status || f.adversary;
    const hit = new Set(visibleThreats().map((t) => t.target));
    for (const a of node.querySelectorAll("a")) {
      const href = a.getAttribute("xlink:href") || a.getAttribute("href") || "";
      if (!href.startsWith("#el-")) continue;
      const id = href.slice(4);
      const g = a.closest("g.node, g.edge");
      if (g) {
        g.dataset.element = id;
        const textHit = f.q && id.toLowerCase().includes(f.q);
        g.classList.toggle("dim", !!filtering && !hit.has(id) && !textHit);
        g.classList.toggle("selected", state.selected === id);
      }
      a.addEventListener("click", (ev) => { ev.preventDefault(); select(id); });
    }
  }

  function setViewBox() {
    const svg = $("diagram").querySelector("svg");
    if (svg && view) svg.setAttribute("viewBox", view.box.join(" "));
  }

  function zoom(factor, cx, cy) {
    if (!view) return;
    const [x, y, w, h] = view.box;
    const px = cx === undefined ? x + w / 2 : cx, py = cy === undefined ? y + h / 2 : cy;
    const nw = w * factor, nh = h * factor;
    view.box = [px - (px - x) * factor, py - (py - y) * factor, nw, nh];
    setViewBox();
  }

  function wireDiagram() {
    const box = $("diagram");
    $("zoom-in").addEventListener("click", () => zoom(0.8));
    $("zoom-out").addEventListener("click", () => zoom(1.25));
    $("zoom-reset").addEventListener("click", () => { if (view) { view.box = view.base.slice(); setViewBox(); } });
    box.addEventListener("wheel", (ev) => {
      const svg = box.querySelector("svg");
      if (!svg || !view) return;
      ev.preventDefault();
      const r = svg.getBoundingClientRect();
      const [x, y, w, h] = view.box;
      const cx = x + ((ev.clientX - r.left) / r.width) * w, cy = y + ((ev.clientY - r.top) / r.height) * h;
      zoom(ev.deltaY < 0 ? 0.9 : 1.1, cx, cy);
    }, { passive: false });
    let drag = null;
    box.addEventListener("pointerdown", (ev) => {
      if (!view || ev.target.closest("a")) return;
      drag = { x: ev.clientX, y: ev.clientY, box: view.box.slice() };
      box.setPointerCapture(ev.pointerId);
    });
    box.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const svg = box.querySelector("svg");
      const r = svg.getBoundingClientRect();
      const scale = Math.max(drag.box[2] / r.width, drag.box[3] / r.height);
      view.box = [drag.box[0] - (ev.clientX - drag.x) * scale, drag.box[1] - (ev.clientY - drag.y) * scale,
        drag.box[2], drag.box[3]];
      setViewBox();
    });
    box.addEventListener("pointerup", () => { drag = null; });
  }

  // Register: every threat, sortable and filtered; a row opens its explanation and triage.
  function renderRegister() {
    const body = $("register").querySelector("tbody");
    const rows = visibleThreats();
    const { key, dir } = state.sort;
    rows.sort((a, b) => {
      const va = key === "stride" ? a.stride.join() : a[key], vb = key === "stride" ? b.stride.join() : b[key];
      return (va < vb ? -1 : va > vb ? 1 : 0) * dir || (a.id < b.id ? -1 : 1);
    });
    for (const th of $("register").querySelectorAll("th")) {
      th.className = th.dataset.sort === key ? (dir > 0 ? "sorted-asc" : "sorted-desc") : "";
    }
    const out = [];
    for (const t of rows) {
      out.push(el("tr", { class: "threat-row", "data-threat": t.id, onclick: () => {
        if (state.open.has(t.id)) state.open.delete(t.id); else state.open.add(t.id);
        renderRegister();
      } },
      el("td", {}, t.id), el("td", {}, t.title), el("td", {}, t.target), el("td", {}, t.stride.join(", ")),
      el("td", {}, sevBadge(t.severity), " ", String(t.score)), el("td", { class: "status" }, t.status)));
      if (state.open.has(t.id)) {
        out.push(el("tr", { class: "explain" }, el("td", { colspan: 6 }, threatDetail(t))));
      }
    }
    body.replaceChildren(...out);
    $("f-count").textContent = rows.length + " of " + state.report.threats.length + " threats";
  }

  function controlsFor(threatId) {
    return (state.report.sections.controls || []).filter((c) => (c.mitigates || []).includes(threatId));
  }

  function threatDetail(t) {
    const ctrls = controlsFor(t.id);
    return el("div", { class: "threat", "data-detail": t.id },
      el("div", {}, el("strong", {}, t.title), " ", sevBadge(t.severity),
        " likelihood " + t.likelihood + " × impact " + t.impact + " = " + t.score,
        " ", el("span", { class: "status" }, t.status)),
      t.status_reason ? el("div", { class: "muted" }, t.status_reason) : null,
      t.description ? el("p", {}, t.description) : null,
      t.reach ? el("div", {}, "Reach: ", t.reach) : null,
      t.mitigation ? el("p", {}, el("em", {}, "Mitigation: "), t.mitigation) : null,
      t.location ? el("div", { class: "loc" }, t.location.file + ":" + t.location.line + ":" + t.location.col) : null,
      ctrls.length ? el("div", {}, "Controls: ", ...ctrls.map((c) => el("span", { class: "control" },
        c.id + " (" + c.status + ", " + (c.evidence ? c.evidence.summary : "no evidence") + ") "))) : null,
      triageButtons(t));
  }

  // ---- triage ---------------------------------------------------------------------------------

  function triageButtons(t) {
    const slot = el("div", { class: "form-slot" });
    const open = (kind) => (ev) => { ev.stopPropagation(); slot.replaceChildren(triageForm(kind, t)); };
    return el("div", { class: "actions", onclick: (ev) => ev.stopPropagation() },
      el("button", { type: "button", "data-action": "accept", onclick: open("accept") }, "Accept risk"),
      el("button", { type: "button", "data-action": "false-positive", onclick: open("false-positive") }, "False positive"),
      el("button", { type: "button", "data-action": "link", onclick: open("link") }, "Link control"),
      slot);
  }

  function field(label, input) { return el("label", {}, label, input); }

  function triageForm(kind, t) {
    const f = el("form", { class: "triage", "data-form": kind });
    const inputs = {};
    const add = (name, label, input) => { inputs[name] = input; f.append(field(label, input)); };
    if (kind === "accept") {
      add("owner", "Owner", el("input", { name: "owner", required: true }));
      add("rationale", "Rationale", el("input", { name: "rationale", required: true }));
      const d = new Date(Date.now() + 90 * 864e5).toISOString().slice(0, 10);
      add("review_by", "Review by", el("input", { name: "review_by", type: "date", required: true, value: d }));
    } else if (kind === "false-positive") {
      add("rationale", "Rationale", el("input", { name: "rationale", required: true }));
      add("owner", "Owner (optional)", el("input", { name: "owner" }));
    } else if (kind === "link") {
      const s = el("select", { name: "control", required: true });
      for (const c of state.report.sections.controls || []) s.append(el("option", { value: c.id }, c.id + " — " + (c.name || "")));
      add("control", "Control that mitigates it", s);
    }
    f.append(el("button", { type: "submit" }, "Write to the model"));
    f.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const body = { action: kind, threat: t.id };
      for (const [k, i] of Object.entries(inputs)) body[k] = i.value;
      triage(body);
    });
    return f;
  }

  function notApplicableForm(target) {
    const f = el("form", { class: "triage", "data-form": "not-applicable" });
    const boxes = STRIDE.map((s) => el("input", { type: "checkbox", value: s, name: "stride" }));
    f.append(el("div", {}, "Categories that do not apply: ",
      ...STRIDE.map((s, i) => el("label", { class: "inline" }, boxes[i], s))));
    const because = el("input", { name: "because", required: true });
    f.append(field("Because", because), el("button", { type: "submit" }, "Write to the model"));
    f.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const stride = boxes.filter((b) => b.checked).map((b) => b.value);
      if (!stride.length) { message("Choose at least one STRIDE category.", "error"); return; }
      triage({ action: "not-applicable", target, stride, because: because.value });
    });
    return f;
  }

  async function triage(body) {
    body.base = state.hash;
    const r = await api("/api/triage", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const data = await r.json().catch(() => ({ error: "HTTP " + r.status }));
    if (r.ok) {
      message("Written to " + state.report.model.file + ".", "ok");
      await load();
    } else {
      message((data.error || "refused") + (data.detail ? ": " + data.detail : ""), "error");
      if (r.status === 409) await load();
    }
  }

  // ---- element detail -------------------------------------------------------------------------

  function select(id) {
    state.selected = id;
    for (const g of $("diagram").querySelectorAll("g[data-element]")) {
      g.classList.toggle("selected", g.dataset.element === id);
    }
    showDetail(id);
  }

  function showDetail(id) {
    const s = state.report.sections;
    const comp = (s.components || []).find((c) => c.id === id);
    const flow = (s.flows || []).find((c) => c.id === id);
    const e = comp || flow;
    const box = $("detail-body");
    if (!e) { $("detail").hidden = true; return; }
    const facts = el("dl", { class: "facts" });
    const fact = (k, v) => { if (v !== null && v !== undefined && v !== "") facts.append(el("dt", {}, k), el("dd", {}, String(v))); };
    if (comp) {
      fact("kind", comp.kind); fact("type", comp.type); fact("boundary", comp.boundary); fact("trust", comp.trust);
      fact("technology", comp.technology); fact("internet exposed", comp.internet_exposed);
      for (const [k, v] of Object.entries(comp.facts || {})) fact(k.replace(/_/g, " "), v);
    } else {
      fact("from", flow.from); fact("to", flow.to); fact("protocol", flow.protocol);
      fact("data", (flow.data || []).join(", ")); fact("crossing", flow.crossing);
      for (const k of ["encrypted", "authenticated", "mutual_tls", "authorization", "signed"]) fact(k.replace(/_/g, " "), flow[k]);
    }
    const f = filters();
    const threats = threatsOf(id).filter((t) => matches(t, f));
    box.replaceChildren(
      el("h2", {}, (e.name || e.id) + " "), el("div", { class: "muted" }, (comp ? "component " : "flow ") + id + ", worst open: " + (e.worst_open_severity || "none")),
      facts,
      el("h3", {}, threats.length + " threats"),
      ...threats.map(threatDetail),
      el("h3", {}, "Not applicable"),
      notApplicableForm(id));
    $("detail").hidden = false;
  }

  // ---- check and diff ---------------------------------------------------------------------------

  function renderCheck() {
    const c = state.check;
    if (!c) return;
    const card = c.report_card;
    $("card-title").textContent = "Report card: " + card.met + " of " + card.applicable + " criteria met";
    $("card").replaceChildren(...card.criteria.filter((x) => x.applicable).map((x) =>
      el("li", { class: x.met ? "met" : "unmet" }, (x.met ? "✓ " : "✗ ") + x.title,
        x.met ? "" : " (" + x.errors + " errors, " + x.warnings + " warnings)")));
    $("findings").replaceChildren(...c.diagnostics.map((d) =>
      el("li", {}, el("span", { class: "loc" }, d.file + ":" + d.line + ":" + d.col), " ",
        d.severity + ": " + d.message + " [" + d.code + "]", d.hint ? el("div", { class: "muted" }, "hint: " + d.hint) : null)));
  }

  async function runDiff(ev) {
    ev.preventDefault();
    const rev = $("diff-rev").value.trim();
    const r = await api("/api/diff?rev=" + encodeURIComponent(rev));
    const d = await r.json();
    if (!r.ok) {
      $("diff-summary").textContent = (d.error || "refused") + (d.detail ? ": " + d.detail : "");
      $("diff-list").replaceChildren();
      return;
    }
    $("diff-summary").textContent = d.before + " → " + d.after + ": " + d.summary_text;
    const items = [];
    for (const w of d.weakened || []) items.push(el("li", {}, "weakened: " + w.element + " " + w.id + ": " + w.detail));
    for (const a of d.attack_surface || []) items.push(el("li", {}, "attack surface: " + JSON.stringify(a)));
    for (const t of d.threats || []) {
      const sev = t.severity && typeof t.severity === "object" ? t.severity.before + " → " + t.severity.after : t.severity;
      items.push(el("li", { "data-change": t.change }, t.change + ": " + t.id + " (" + sev + ")"));
    }
    $("diff-list").replaceChildren(...items);
  }

  // ---- wiring -------------------------------------------------------------------------------------

  function showView(name) {
    state.view = name;
    for (const b of $("tabs").querySelectorAll("button")) b.classList.toggle("active", b.dataset.view === name);
    for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== "view-" + name;
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const b of $("tabs").querySelectorAll("button")) b.addEventListener("click", () => showView(b.dataset.view));
    for (const id of ["f-search", "f-stride", "f-severity", "f-status", "f-adversary"]) {
      $(id).addEventListener("input", () => { renderDiagram(); renderRegister(); if (state.selected) showDetail(state.selected); });
    }
    for (const th of $("register").querySelectorAll("th")) {
      th.addEventListener("click", () => {
        const k = th.dataset.sort;
        state.sort = { key: k, dir: state.sort.key === k ? -state.sort.dir : (k === "score" ? -1 : 1) };
        renderRegister();
      });
    }
    $("detail-close").addEventListener("click", () => { state.selected = null; $("detail").hidden = true; renderDiagram(); });
    $("diff-form").addEventListener("submit", runDiff);
    wireDiagram();
    load().then(follow);
  });
})();
