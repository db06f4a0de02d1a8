#include "import/merge.h"

#include <yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace tw::import {

namespace {

/// One item of the existing supply_chain list.
struct Item {
  uint32_t first_line = 0, last_line = 0;  ///< 0-based, inclusive
  std::string id, bom;
};

/// What libyaml tells about the model's top-level `supply_chain:`.
struct Section {
  bool found = false;
  bool flow = false, null_value = false;
  uint32_t key_line = 0, key_col = 0;
  uint32_t end_line = 0;  ///< line of the token after the list (0-based)
  size_t flow_items = 0;
  std::vector<Item> items;
};

class Scanner {
 public:
  explicit Scanner(const std::string& text) : text_(text) {}

  /// Walks the event stream once; false with `error` set on a syntax error.
  bool run(Section& s, std::string& error, uint32_t& err_line, uint32_t max_depth) {
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text_.data()),
                                 text_.size());
    int depth = 0;
    bool root_key = true;  // next depth-1 scalar is a key
    bool in_section = false;
    int item_depth = 0;
    Item cur;
    bool item_key = true;
    std::string last_key;
    bool ok = true;
    for (;;) {
      yaml_event_t e;
      if (!yaml_parser_parse(&p, &e)) {
        error = p.problem ? p.problem : "YAML syntax error";
        err_line = static_cast<uint32_t>(p.problem_mark.line);
        ok = false;
        break;
      }
      yaml_event_type_t t = e.type;
      bool start = t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT;
      bool end = t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT;
      bool node = start || t == YAML_SCALAR_EVENT || t == YAML_ALIAS_EVENT;
      if (in_section) {
        if (depth == 2 && node) {  // an item begins
          cur = Item{};
          cur.first_line = static_cast<uint32_t>(e.start_mark.line);
          item_depth = start ? 3 : 0;
          item_key = true;
          ++s.flow_items;
          if (!start) {
            cur.last_line = static_cast<uint32_t>(e.end_mark.line);
            s.items.push_back(cur);
          }
        } else if (depth == 3 && item_depth == 3) {
          if (t == YAML_SCALAR_EVENT) {
            std::string v(reinterpret_cast<char*>(e.data.scalar.value), e.data.scalar.length);
            if (item_key) {
              last_key = v;
            } else if (last_key == "id") {
              cur.id = v;
            } else if (last_key == "x-cyclonedx-bom") {
              cur.bom = v;
            }
            item_key = !item_key;
          } else if (node) {
            item_key = true;  // a collection value
          }
        }
        if (depth == 3 && end && item_depth == 3) {
          cur.last_line = static_cast<uint32_t>(e.end_mark.line);
          s.items.push_back(cur);
          item_depth = 0;
        }
        if (depth == 2 && t == YAML_SEQUENCE_END_EVENT) {
          s.end_line = static_cast<uint32_t>(e.start_mark.line);
          in_section = false;
        }
      } else if (depth == 1 && (node || end)) {
        if (t == YAML_SCALAR_EVENT && root_key) {
          std::string k(reinterpret_cast<char*>(e.data.scalar.value), e.data.scalar.length);
          if (k == "supply_chain") {
            s.found = true;
            s.key_line = static_cast<uint32_t>(e.start_mark.line);
            s.key_col = static_cast<uint32_t>(e.start_mark.column);
            pending_ = true;
          }
          root_key = false;
        } else if (node) {
          if (pending_) {
            pending_ = false;
            if (t == YAML_SEQUENCE_START_EVENT) {
              in_section = true;
              s.flow = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
            } else if (t == YAML_SCALAR_EVENT && e.data.scalar.length == 0) {
              s.null_value = true;
            } else if (t == YAML_SCALAR_EVENT &&
                       std::string_view(reinterpret_cast<char*>(e.data.scalar.value),
                                        e.data.scalar.length) == std::string_view("null")) {
              s.null_value = true;
            } else {
              error = "supply_chain is not a list";
              err_line = static_cast<uint32_t>(e.start_mark.line);
              ok = false;
            }
          }
          root_key = true;
        }
      }
      if (start) {
        ++depth;
        if (static_cast<uint32_t>(depth) > max_depth) {
          error = "nesting too deep";
          err_line = static_cast<uint32_t>(e.start_mark.line);
          ok = false;
        }
      }
      if (end) --depth;
      bool done = t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT;
      yaml_event_delete(&e);
      if (done || !ok) break;
    }
    yaml_parser_delete(&p);
    return ok;
  }

 private:
  const std::string& text_;
  bool pending_ = false;
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start + (end < text.size() ? 1 : 0)));
    start = end + 1;
  }
  return out;
}

bool blank_or_comment(const std::string& line) {
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '#';
  }
  return true;
}

/// An overlay over the disk: the root model file reads as the merged text.
class OverlaySource : public load::DiskSource {
 public:
  OverlaySource(std::string path, const std::string& text) : path_(std::move(path)), text_(text) {}
  base::Result<std::string> read(const std::string& path,
                                 uint64_t max_bytes,
                                 const std::string& within) override {
    if (path == path_) return text_;
    return DiskSource::read(path, max_bytes, within);
  }

 private:
  std::string path_;
  const std::string& text_;
};

std::string render_items(const std::vector<const Yaml*>& ys, int indent) {
  Yaml seq = Yaml::seq();
  for (const Yaml* y : ys) seq.add(*y);
  return seq.emit(indent);
}

}  // namespace

Merged merge_supply_chain(const std::string& model_path,
                          std::string model_text,
                          const Yaml& entries,
                          const std::string& bom_key,
                          const load::Limits& limits) {
  Merged out;
  out.source = std::make_unique<base::SourceFile>(model_path, std::move(model_text));
  const std::string& text = out.source->text();
  Section s;
  std::string error;
  uint32_t err_line = 0;
  if (!Scanner(text).run(s, error, err_line, limits.max_depth)) {
    out.diagnostics.error("import-merge", base::Loc{out.source.get(), err_line + 1, 1, 1},
                          "cannot merge into this model: " + error);
    return out;
  }
  std::vector<std::string> lines = split_lines(text);
  // New entries by id.
  std::map<std::string, const Yaml*> fresh;
  std::vector<std::string> order;
  for (const auto& [k, y] : entries.entries()) {
    const Yaml* id = const_cast<Yaml&>(y).find("id");
    if (!id) continue;
    fresh[id->text()] = &y;
    order.push_back(id->text());
  }
  std::set<std::string> placed;
  auto loc = [&](uint32_t line0) { return base::Loc{out.source.get(), line0 + 1, 1, 1}; };
  // Edits as (first line, last line inclusive, replacement); applied back to front.
  struct Edit {
    uint32_t first, last;
    std::string text;
    bool insert = false;  // insert before `first` instead of replacing
  };
  std::vector<Edit> edits;
  int indent = static_cast<int>(s.key_col) + 2;
  if (s.found && !s.flow && !s.items.empty()) {
    const std::string& l = lines[s.items.front().first_line];
    indent = static_cast<int>(l.find_first_not_of(' '));
    if (indent < 0) indent = static_cast<int>(s.key_col) + 2;
  }
  if (s.found && s.flow && s.flow_items > 0) {
    out.diagnostics
        .error("import-merge", loc(s.key_line),
               "supply_chain is written in flow style ([...]); merging edits block lists only")
        .hint = "write supply_chain as a block list (one '- id: ...' per entry) and merge again";
    return out;
  }
  uint32_t append_after = 0;  // the line after which new entries go (0-based, inclusive)
  for (size_t i = 0; i < s.items.size(); ++i) {
    Item& it = s.items[i];
    // An item ends at its last content line: blank lines and comments before the next item
    // belong to what follows.
    uint32_t limit = i + 1 < s.items.size()       ? s.items[i + 1].first_line - 1
                     : s.end_line > it.first_line ? s.end_line - 1
                                                  : it.last_line;
    if (limit >= lines.size()) limit = static_cast<uint32_t>(lines.size()) - 1;
    uint32_t last =
        std::max(it.first_line, std::min(limit, static_cast<uint32_t>(lines.size() - 1)));
    while (last > it.first_line && blank_or_comment(lines[last])) --last;
    it.last_line = last;
    append_after = last;
    bool ours = it.bom == bom_key;
    auto f = fresh.find(it.id);
    if (ours && f != fresh.end()) {
      edits.push_back({it.first_line, it.last_line, render_items({f->second}, indent)});
      placed.insert(it.id);
      ++out.replaced;
    } else if (ours) {
      edits.push_back({it.first_line, it.last_line, ""});
      out.diagnostics.warning("import-merge-removed", loc(it.first_line),
                              "removed supply-chain entry '" + it.id +
                                  "': an earlier import of this SBOM wrote it and the SBOM no "
                                  "longer has it");
      ++out.removed;
    } else if (f != fresh.end()) {
      placed.insert(it.id);
      ++out.kept;
      out.diagnostics
          .warning("import-merge-kept", loc(it.first_line),
                   "kept supply-chain entry '" + it.id +
                       "' as written: it has no 'x-cyclonedx-bom: " + bom_key +
                       "', so a person wrote it; the SBOM's entry of that id was not merged")
          .hint = "delete the entry (or give it 'x-cyclonedx-bom: " + bom_key +
                  "') to let the import manage it";
    }
  }
  std::vector<const Yaml*> added;
  for (const std::string& id : order) {
    if (!placed.count(id)) added.push_back(fresh[id]);
  }
  out.added = static_cast<int>(added.size());
  if (!added.empty()) {
    std::string block = render_items(added, indent);
    if (!s.found) {
      std::string tail = text.empty() || text.back() == '\n' ? "" : "\n";
      edits.push_back({static_cast<uint32_t>(lines.size()), 0,
                       tail +
                           "\n# Written by `threatwright import cyclonedx --merge`.\n"
                           "supply_chain:\n" +
                           block,
                       true});
    } else if (s.flow || s.null_value) {
      // `supply_chain: []` or `supply_chain:` alone: the key line becomes a block list.
      const std::string& l = lines[s.key_line];
      size_t hash = l.find(" #");
      std::string comment = hash == std::string::npos ? "" : l.substr(hash);
      if (!comment.empty() && comment.back() == '\n') comment.pop_back();
      edits.push_back({s.key_line, s.key_line,
                       std::string(s.key_col, ' ') + "supply_chain:" + comment + "\n" + block});
    } else {
      edits.push_back({append_after + 1, 0, block, true});
    }
  }
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.first > b.first; });
  for (const Edit& e : edits) {
    if (e.insert) {
      if (e.first >= lines.size()) {
        if (!lines.empty() && lines.back().back() != '\n') lines.back() += "\n";
        lines.push_back(e.text);
      } else {
        lines.insert(lines.begin() + e.first, e.text);
      }
    } else {
      lines.erase(lines.begin() + e.first, lines.begin() + e.last + 1);
      lines.insert(lines.begin() + e.first, e.text);
    }
  }
  std::string merged;
  for (const std::string& l : lines) merged += l;
  // The result must load: errors are reported and nothing is returned.
  OverlaySource files(model_path, merged);
  load::LoadOptions lo;
  lo.limits = limits;
  lo.warnings = false;
  load::LoadResult r = load::load_model(model_path, files, lo);
  if (!r.ok()) {
    for (const base::Diagnostic& d : r.diagnostics.items()) {
      if (d.severity != base::Severity::Error) continue;
      out.diagnostics.error("import-merge", base::Loc{out.source.get(), 0, 0, 0},
                            "the merged model would not load (" + d.loc.path() + ":" +
                                std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) +
                                ": " + d.message + "); the model was not changed");
    }
    if (!out.diagnostics.has_errors()) {
      out.diagnostics.error("import-merge", base::Loc{}, "the merged model would not load");
    }
    return out;
  }
  out.text = std::move(merged);
  return out;
}

}  // namespace tw::import
