// The HTML report: one self-contained page (inline CSS, inline SVG, a small inline script
// allowed by its hash in the Content-Security-Policy, no network fetches). Every user string is
// escaped; the script only reorders and hides table rows.

#include <sstream>
#include <string>

#include "base/escape.h"
#include "base/output.h"
#include "report/diagram.h"
#include "report/document.h"
#include "report/report.h"
#include "report/sha256.h"

namespace tw::report {

namespace {

using doc::Block;
using doc::Inline;
using doc::Span;

constexpr const char* kCss = R"css(
:root { --fg: #1d2329; --muted: #5b6770; --line: #d5dbe0; --bg: #ffffff; --head: #f3f5f7;
  --accent: #1f5fbf; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg);
  font: 14px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
h4 { font-size: 14px; margin: 20px 0 6px; padding: 4px 8px; background: var(--head);
  border-left: 3px solid var(--accent); }
p { margin: 6px 0 10px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #eef1f4; padding: 1px 4px; border-radius: 3px; word-break: break-word; }
nav.toc { margin: 12px 0 8px; padding: 8px 12px; background: var(--head); border-radius: 6px;
  display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav.toc a { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
tbody tr:nth-child(even) { background: #fafbfc; }
ul { margin: 6px 0 12px; padding-left: 22px; }
li { margin: 2px 0; }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px;
  font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.sev-critical { background: #b71c1c; color: #fff; }
.sev-high { background: #ff9e80; color: #3e0d00; }
.sev-medium { background: #ffd699; color: #3d2600; }
.sev-low { background: #fff4b3; color: #3b3300; }
.sev-info { background: #e3ecf5; color: #17324d; }
.st-open { border-color: #b71c1c; color: #b71c1c; }
.st-mitigated { border-color: #2e7d32; color: #2e7d32; }
.st-accepted, .st-transferred { border-color: #8d6e00; color: #6d5500; }
.st-false-positive, .st-not-applicable { border-color: #78909c; color: #546e7a; }
.st-claimed { border-color: #e65100; color: #bf360c; border-style: dashed; }
.ctl-implemented { color: #2e7d32; border-color: #2e7d32; }
.ctl-planned, .ctl-not { color: #8d6e00; border-color: #8d6e00; }
.ev-passing { background: #e8f5e9; color: #1b5e20; }
.ev-failing { background: #b71c1c; color: #fff; }
.ev-stale { background: #fff4b3; color: #3b3300; }
.ev-manual { background: #e3ecf5; color: #17324d; }
.ev-none { background: #eceff1; color: #455a64; }
.val-critical { background: #b71c1c; color: #fff; }
.val-high { background: #ff9e80; color: #3e0d00; }
.val-medium { background: #ffd699; color: #3d2600; }
.val-low { background: #fff4b3; color: #3b3300; }
figure.diagram { margin: 8px 0 16px; border: 1px solid var(--line); border-radius: 6px; }
.diagram-scroll { overflow: auto; max-height: 80vh; padding: 8px; }
.diagram-scroll svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figure.diagram.actual .diagram-scroll svg { max-width: none; }
figure.diagram figcaption { padding: 6px 10px; border-top: 1px solid var(--line);
  color: var(--muted); font-size: 12px; display: flex; gap: 12px; align-items: center; }
.table-tools { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 8px 0; }
.table-tools input, .table-tools select, figcaption button { font: inherit; padding: 3px 6px;
  border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.table-tools input { min-width: 260px; }
.table-tools output { color: var(--muted); }
th button { all: unset; cursor: pointer; display: block; width: 100%; white-space: nowrap; }
th button::after { content: " \2195"; color: #9aa5ad; font-weight: 400; }
th[aria-sort=ascending] button::after { content: " \25B2"; color: var(--accent); }
th[aria-sort=descending] button::after { content: " \25BC"; color: var(--accent); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.toc, .table-tools, figcaption button { display: none; }
  a { color: inherit; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  tr, li, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  tr[hidden] { display: table-row; }
  .diagram-scroll { overflow: visible; max-height: none; }
  .diagram-scroll svg { max-width: 100% !important; }
  .badge { border: 1px solid #888; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure.diagram, .diagram-scroll svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

constexpr const char* kScript = R"js(
(function () {
  'use strict';
  var fig = document.getElementById('diagram');
  var fit = document.getElementById('diagram-size');
  if (fig && fit) {
    fit.addEventListener('click', function () {
      var actual = fig.classList.toggle('actual');
      fit.textContent = actual ? 'Fit to width' : 'Actual size';
    });
  }
  var table = document.getElementById('threat-table');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById('threat-filter');
  var sev = document.getElementById('severity-filter');
  var status = document.getElementById('status-filter');
  var count = document.getElementById('threat-count');
  var numeric = /^-?\d+(\.\d+)?$/;
  function key(row, col) {
    var cell = row.cells[col];
    var k = cell.getAttribute('data-sort');
    return k !== null ? k : cell.textContent.trim().toLowerCase();
  }
  function apply() {
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) &&
        (!sev.value || r.getAttribute('data-severity') === sev.value) &&
        (!status.value || r.getAttribute('data-status') === status.value);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' threats shown';
  }
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir);
      var sign = dir === 'ascending' ? 1 : -1;
      rows.sort(function (a, b) {
        var x = key(a, col), y = key(b, col), c;
        if (numeric.test(x) && numeric.test(y)) c = parseFloat(x) - parseFloat(y);
        else c = x < y ? -1 : x > y ? 1 : 0;
        if (c === 0) return Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
        return sign * c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  text.addEventListener('input', apply);
  sev.addEventListener('change', apply);
  status.addEventListener('change', apply);
  apply();
})();
)js";

std::string render_inline(const Inline& in) {
  std::string out;
  for (const Span& s : in) {
    switch (s.kind) {
      case Span::Kind::Text:
        out += base::html_escape(s.text);
        break;
      case Span::Kind::Code:
        out += "<code>" + base::html_escape(s.text) + "</code>";
        break;
      case Span::Kind::Strong:
        out += "<strong>" + base::html_escape(s.text) + "</strong>";
        break;
      case Span::Kind::Emph:
        out += "<em>" + base::html_escape(s.text) + "</em>";
        break;
      case Span::Kind::Link:
        out += "<a href=\"#" + base::html_escape(s.target) + "\">" + base::html_escape(s.text) +
               "</a>";
        break;
      case Span::Kind::Badge:
        out += "<span class=\"badge " + base::html_escape(s.target) + "\">" +
               base::html_escape(s.text) + "</span>";
        break;
    }
  }
  return out;
}

std::string inline_text(const Inline& in) {
  std::string out;
  for (const Span& s : in) out += s.text;
  return out;
}

void render_list(const std::vector<doc::ListItem>& items, base::Output& out) {
  out += "<ul>\n";
  int level = 0;
  bool first = true;
  for (const doc::ListItem& it : items) {
    int d = std::min(it.depth, level + 1);
    if (first) {
      d = 0;
    } else if (d > level) {
      out += "\n<ul>\n";
      level = d;
    } else {
      out += "</li>\n";
      while (level > d) {
        out += "</ul></li>\n";
        --level;
      }
    }
    first = false;
    out += "<li";
    if (!it.anchor.empty()) out += " id=\"" + base::html_escape(it.anchor) + "\"";
    out += ">" + render_inline(it.text);
  }
  if (!first) out += "</li>\n";
  while (level > 0) {
    out += "</ul></li>\n";
    --level;
  }
  out += "</ul>\n";
}

void render_table(const doc::Table& t, base::Output& out) {
  if (t.interactive) {
    out +=
        "<div class=\"table-tools\">\n"
        "<input id=\"threat-filter\" type=\"search\" placeholder=\"Filter threats by any text\" "
        "aria-label=\"Filter threats\">\n"
        "<select id=\"severity-filter\" aria-label=\"Severity\"><option value=\"\">All "
        "severities</option><option>critical</option><option>high</option><option>medium</"
        "option><option>low</option><option>info</option></select>\n"
        "<select id=\"status-filter\" aria-label=\"Status\"><option value=\"\">All "
        "statuses</option><option>open</option><option>claimed</option><option>mitigated</"
        "option><option>accepted</option><option>transferred</option><option>false-positive</"
        "option><option>not-applicable</option></select>\n"
        "<output id=\"threat-count\"></output>\n"
        "</div>\n";
  }
  out += "<table";
  if (!t.id.empty()) out += " id=\"" + base::html_escape(t.id) + "\"";
  out += ">\n<thead><tr>";
  for (const std::string& h : t.head) {
    if (t.interactive) {
      out += "<th scope=\"col\"><button type=\"button\">" + base::html_escape(h) + "</button></th>";
    } else {
      out += "<th scope=\"col\">" + base::html_escape(h) + "</th>";
    }
  }
  out += "</tr></thead>\n<tbody>\n";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    out += "<tr";
    if (t.interactive) {
      // Severity and status are columns 4 and 6 of the threat register.
      out += " data-index=\"" + std::to_string(r) + "\"";
      if (row.size() > 6) {
        out += " data-severity=\"" + base::html_escape(inline_text(row[4])) + "\" data-status=\"" +
               base::html_escape(inline_text(row[6])) + "\"";
      }
    }
    out += ">";
    for (size_t c = 0; c < row.size(); ++c) {
      out += "<td";
      if (r < t.sort_keys.size() && c < t.sort_keys[r].size() && !t.sort_keys[r][c].empty()) {
        out += " data-sort=\"" + base::html_escape(t.sort_keys[r][c]) + "\"";
      }
      out += ">" + render_inline(row[c]) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

base::Result<bool> write_html(const model::Model& m,
                              const engine::Analysis& a,
                              const Options& o,
                              std::ostream& os) {
  View v(m, a, o);
  auto svg = render_svg(dot_graph(v, DotOptions{.links = true}));
  if (!svg.ok()) return svg.error();

  std::string toc;
  for (const doc::SectionHead& h : doc::sections(m, a.infrastructure != nullptr)) {
    toc +=
        "<a href=\"#" + base::html_escape(h.anchor) + "\">" + base::html_escape(h.title) + "</a>";
  }

  std::array<uint8_t, 32> hash = sha256(kScript);
  std::string csp =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src "
      "'sha256-" +
      base64(hash.data(), hash.size()) + "'; base-uri 'none'; form-action 'none'";
  base::Output out(os);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"threatwright " + base::html_escape(o.tool_version) +
         "\">\n";
  out += "<title>" + base::html_escape(doc::title(m)) + "</title>\n";
  out += "<style>" + std::string(kCss) + "</style>\n</head>\n<body>\n<main>\n";
  // Each block is written as soon as it is built, and let go.
  doc::build(v, [&](Block&& b) {
    switch (b.kind) {
      case Block::Kind::Heading: {
        std::string tag = "h" + std::to_string(b.level);
        out += "<" + tag;
        if (!b.anchor.empty()) out += " id=\"" + base::html_escape(b.anchor) + "\"";
        out += ">" + render_inline(b.text) + "</" + tag + ">\n";
        if (b.level == 1) out += "<nav class=\"toc\" aria-label=\"Contents\">" + toc + "</nav>\n";
        break;
      }
      case Block::Kind::Paragraph:
        out += "<p>" + render_inline(b.text) + "</p>\n";
        break;
      case Block::Kind::List:
        render_list(b.items, out);
        break;
      case Block::Kind::Table:
        render_table(b.table, out);
        break;
      case Block::Kind::Diagram:
        out += "<figure class=\"diagram\" id=\"diagram\">\n<div class=\"diagram-scroll\">\n";
        out += *svg;
        out +=
            "</div>\n<figcaption><button type=\"button\" id=\"diagram-size\">Actual "
            "size</button><span>";
        if (draws_overview(m, o)) {
          out += "<strong>Overview.</strong> " + base::html_escape(overview_note(m)) +
                 " Hover for details.";
        } else {
          out += "Click an element or flow to jump to its threats. Hover for details.";
        }
        out += "</span></figcaption>\n</figure>\n";
        break;
    }
  });
  out += "<footer>Generated by threatwright " + base::html_escape(o.tool_version) +
         ". Self-contained: this page loads nothing from the network.</footer>\n";
  out += "</main>\n<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return true;
}

base::Result<std::string> write_html(const model::Model& m,
                                     const engine::Analysis& a,
                                     const Options& o) {
  std::ostringstream out;
  auto written = write_html(m, a, o, out);
  if (!written) return written.error();
  return std::move(out).str();
}

}  // namespace tw::report
