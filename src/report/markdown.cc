// THREAT_MODEL.md: the document rendered as GitHub-flavoured Markdown, with the architecture
// as a Mermaid flowchart.

#include <sstream>
#include <string>

#include "base/escape.h"
#include "base/output.h"
#include "report/diagram.h"
#include "report/document.h"
#include "report/report.h"

namespace tw::report {

namespace {

using doc::Block;
using doc::Inline;
using doc::Span;

/// `line_start`: the text starts a line, so a first text span must not open a block.
std::string render_inline(const Inline& in, bool in_table, bool line_start = false) {
  std::string out;
  for (const Span& s : in) {
    switch (s.kind) {
      case Span::Kind::Text:
        out += base::md_escape(s.text, {in_table, line_start && out.empty()});
        break;
      case Span::Kind::Code:
        out += base::md_code(s.text, in_table);
        break;
      case Span::Kind::Strong:
        out += "**" + base::md_escape(s.text, in_table) + "**";
        break;
      case Span::Kind::Emph:
        out += "_" + base::md_escape(s.text, in_table) + "_";
        break;
      case Span::Kind::Link:
        out += "[" + base::md_escape(s.text, in_table) + "](#" + s.target + ")";
        break;
      case Span::Kind::Badge:
        // Severe labels stand out; the others read as plain words.
        if (s.target == "sev-critical" || s.target == "sev-high") {
          out += "**" + base::md_escape(s.text, in_table) + "**";
        } else {
          out += base::md_escape(s.text, in_table);
        }
        break;
    }
  }
  return out;
}

void render_table(const doc::Table& t, base::Output& out) {
  out += "|";
  for (const std::string& h : t.head) out += " " + base::md_escape(h, true) + " |";
  out += "\n|";
  for (size_t i = 0; i < t.head.size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const Inline& cell : row) {
      std::string c = render_inline(cell, true);
      out += " " + (c.empty() ? std::string(" ") : c) + " |";
    }
    out += "\n";
  }
}

}  // namespace

void write_markdown(const model::Model& m,
                    const engine::Analysis& a,
                    const Options& o,
                    std::ostream& os) {
  View v(m, a, o);
  base::Output out(os);
  // Each block is written as soon as it is built, and let go.
  doc::build(v, [&](Block&& b) {
    if (!out.empty()) out += "\n";
    switch (b.kind) {
      case Block::Kind::Heading:
        out += std::string(static_cast<size_t>(b.level), '#') + " " + render_inline(b.text, false);
        if (!b.anchor.empty() && b.level > 1) out += " <a id=\"" + b.anchor + "\"></a>";
        out += "\n";
        break;
      case Block::Kind::Paragraph:
        out += render_inline(b.text, false, true) + "\n";
        break;
      case Block::Kind::List:
        for (const doc::ListItem& it : b.items) {
          out += std::string(static_cast<size_t>(it.depth) * 2, ' ') + "- ";
          if (!it.anchor.empty()) out += "<a id=\"" + it.anchor + "\"></a>";
          out += render_inline(it.text, false) + "\n";
        }
        break;
      case Block::Kind::Table:
        render_table(b.table, out);
        break;
      case Block::Kind::Diagram: {
        std::string graph = mermaid_graph(v);
        if (draws_overview(m, o)) out += overview_note(m) + "\n\n";
        out += "```mermaid\n" + graph + "```\n";
        break;
      }
    }
  });
}

std::string write_markdown(const model::Model& m, const engine::Analysis& a, const Options& o) {
  std::ostringstream out;
  write_markdown(m, a, o, out);
  return std::move(out).str();
}

}  // namespace tw::report
