#pragma once
// The reviewer's document as structured blocks, built once from the model and its analysis and
// rendered by the Markdown and HTML writers, so both hold the same content.

#include <functional>
#include <string>
#include <vector>

#include "report/view.h"

namespace tw::report::doc {

/// A run of inline text. All text is plain user or tool text: renderers escape it.
struct Span {
  enum class Kind { Text, Code, Strong, Emph, Link, Badge };
  Kind kind = Kind::Text;
  std::string text;
  std::string target;  ///< Link: anchor id (without '#'); Badge: css class suffix
};
using Inline = std::vector<Span>;

Span text(std::string s);
Span code(std::string s);
Span strong(std::string s);
Span emph(std::string s);
Span link(std::string s, std::string anchor);
/// A severity/status label: `cls` is e.g. "sev-high" or "st-open".
Span badge(std::string s, std::string cls);

struct Table {
  std::vector<std::string> head;
  std::vector<std::vector<Inline>> rows;
  /// Per row, per column: a value to sort by (HTML); empty to sort by the text.
  std::vector<std::vector<std::string>> sort_keys;
  /// HTML: sortable and filterable (the threat register).
  bool interactive = false;
  std::string id;
};

struct ListItem {
  ListItem(int d, Inline t, std::string a = {})
      : depth(d), text(std::move(t)), anchor(std::move(a)) {}
  int depth = 0;
  Inline text;
  std::string anchor;  ///< optional anchor id on the item
};

struct Block {
  enum class Kind { Heading, Paragraph, List, Table, Diagram };
  Kind kind = Kind::Paragraph;
  int level = 0;       ///< Heading: 1..4
  std::string anchor;  ///< Heading: explicit anchor id (optional)
  Inline text;         ///< Heading, Paragraph
  std::vector<ListItem> items;
  Table table;
};

struct Document {
  std::string title;
  std::vector<Block> blocks;
};

/// The document's title ("Threat model: NAME").
std::string title(const model::Model& m);
/// A level-2 section of the document: its heading and anchor.
struct SectionHead {
  std::string title, anchor;
};
/// The level-2 sections the document of this model has, in order (for a table of contents
/// written before them).
/// With `infrastructure` (the analysis read --infra), "Infrastructure evidence" comes before
/// "Open items".
std::vector<SectionHead> sections(const model::Model& m, bool infrastructure = false);
/// The document block by block, each handed to `emit` as soon as it is built, so a writer can
/// write it and let it go.
void build(const View& v, const std::function<void(Block&&)>& emit);
/// The whole threat model document.
Document build(const View& v);

/// Anchor id of an element or flow section ("el-" + id).
std::string anchor_for(const std::string& id);

}  // namespace tw::report::doc
