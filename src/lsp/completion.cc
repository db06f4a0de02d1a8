#include "lsp/completion.h"

#include <algorithm>

#include "load/format.h"
#include "lsp/position.h"
#include "model/vocabulary.h"

namespace tw::lsp {

namespace {

using model::Kind;

// The mapping at `path` (keys from the top; list items by their section's key), from the
// format's own tables (load/format.h), which the loader reads its keys from: completion offers
// exactly what the loader accepts. Attack-tree nodes nest without end through any/all.
const load::MapSpec* spec_at(const std::vector<std::string>& path) {
  const load::MapSpec* s = &load::format::model_file;
  for (const std::string& key : path) {
    const load::FieldSpec* f = s->field(key);
    if (!f || !f->item) return nullptr;
    s = f->item;
  }
  return s;
}

std::vector<std::string_view> ids_of(const std::vector<model::KindInfo>& v) {
  std::vector<std::string_view> out;
  for (const auto& k : v) out.push_back(k.id);
  return out;
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == '@';
}

// A line's shape: its indent, the column of its key after any "- " markers, the key (if the
// line is "key:" or "key: value") and whether it opens list items.
struct Shape {
  size_t indent = 0, key_col = 0;
  bool dash = false, blank = true;
  std::string key;
  std::string_view after;  ///< the text after "key:"
};

Shape shape(std::string_view line) {
  Shape s;
  size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || line[i] == '#') return s;
  s.blank = false;
  s.indent = i;
  while (i < line.size() && line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ')) {
    s.dash = true;
    i = line.find_first_not_of(' ', i + 1);
    if (i == std::string_view::npos) {
      i = line.size();
      break;
    }
  }
  s.key_col = i;
  size_t j = i;
  if (j < line.size() && (line[j] == '"' || line[j] == '\'')) {
    char q = line[j];
    size_t e = line.find(q, j + 1);
    if (e != std::string_view::npos && e + 1 < line.size() + 1 && line.substr(e + 1, 1) == ":") {
      s.key = std::string(line.substr(j + 1, e - j - 1));
      s.after = line.substr(e + 2);
    }
    return s;
  }
  while (j < line.size() && line[j] != ':' && line[j] != ' ' && line[j] != '#') ++j;
  if (j < line.size() && line[j] == ':' && (j + 1 == line.size() || line[j + 1] == ' ')) {
    s.key = std::string(line.substr(i, j - i));
    s.after = line.substr(j + 1);
  }
  return s;
}

bool empty_value(std::string_view after) {
  size_t i = after.find_first_not_of(' ');
  return i == std::string_view::npos || after[i] == '#';
}

}  // namespace

CompletionContext completion_context(std::string_view text, uint32_t line_no, size_t byte) {
  CompletionContext ctx;
  std::string_view line = line_at(text, line_no);
  std::string_view before = line.substr(0, std::min(byte, line.size()));
  // The word being typed.
  size_t w = before.size();
  while (w > 0 && is_key_char(before[w - 1])) --w;
  ctx.prefix = std::string(before.substr(w));

  Shape cur = shape(before);
  size_t limit;  // parents are less indented than this
  bool value = false;
  std::string value_key;
  if (cur.blank) {
    // An empty line: a key of the mapping at the cursor's column.
    limit = before.size();
  } else if (!cur.key.empty()) {
    value = true;  // "key: partial" (or "key: [a, partial")
    value_key = cur.key;
    limit = cur.key_col;
  } else {
    limit = cur.key_col;
    // "- partial" under a list key, or "[a, partial" continuing a flow list: a value.
    if (before.find_first_of("[,") != std::string_view::npos) value = true;
  }
  std::vector<std::string> parents;
  bool list_item = cur.dash && cur.key.empty();
  for (uint32_t l = line_no; l-- > 0 && limit > 0;) {
    Shape s = shape(line_at(text, l));
    if (s.blank) continue;
    if (s.indent >= limit) continue;
    if (s.key_col < limit && !s.key.empty()) {
      if (!empty_value(s.after) && parents.empty() && !value && !list_item) {
        // "key: value" less indented than us: we are under a finished key; nothing sensible.
        limit = s.indent;
        continue;
      }
      parents.push_back(s.key);
    }
    limit = s.indent;
  }
  std::reverse(parents.begin(), parents.end());
  if (value) {
    if (!value_key.empty()) parents.push_back(value_key);
    ctx.what = CompletionContext::What::Value;
  } else if (list_item && !parents.empty() && !keys_at(parents).empty() &&
             parents.back() != "any" && parents.back() != "all") {
    // "- " starting an item of a section whose items are mappings: a key of the item.
    ctx.what = CompletionContext::What::Key;
  } else if (list_item && !parents.empty()) {
    ctx.what = CompletionContext::What::Value;
  } else {
    ctx.what = CompletionContext::What::Key;
  }
  if (list_item && (parents.empty() || parents.back() == "any" || parents.back() == "all")) {
    ctx.what = CompletionContext::What::Key;
  }
  ctx.path = std::move(parents);
  return ctx;
}

std::vector<std::string_view> keys_at(const std::vector<std::string>& path) {
  std::vector<std::string_view> keys;
  if (const load::MapSpec* s = spec_at(path)) {
    for (const load::FieldSpec& f : s->fields) keys.push_back(f.key);
  }
  return keys;
}

ValueSpec values_at(const std::vector<std::string>& path) {
  ValueSpec v;
  if (path.empty()) return v;
  const std::string& key = path.back();
  const load::MapSpec* parent = spec_at({path.begin(), path.end() - 1});
  const load::FieldSpec* f = parent ? parent->field(key) : nullptr;
  if (f) {  // the value's type, from the format's tables
    static const std::vector<std::string_view> kBool = {"true", "false"};
    static const std::vector<std::string_view> kKinds = ids_of(model::builtin_kinds());
    static const std::vector<std::string_view> kProtocols = [] {
      std::vector<std::string_view> out;
      for (const auto& p : model::builtin_protocols()) out.push_back(p.id);
      return out;
    }();
    if (f->type == load::FieldType::Bool) {
      v.words = kBool;
    } else if (f->type == load::FieldType::Strides) {
      v.words = model::names<model::Stride>();
    } else if ((f->type == load::FieldType::Enum || f->type == load::FieldType::Enums) &&
               f->values) {
      for (std::string_view n : f->values()) {
        // A decision states accepted or mitigated risk; not-applicable has its own section.
        bool decision = parent == &load::format::decision;
        if (n == f->except || (decision && (n == "not-applicable" || n == "not_applicable"))) {
          continue;
        }
        v.words.push_back(n);
      }
    } else if (f->vocab == load::Vocab::Kind) {
      v.words = kKinds;
    } else if (f->vocab == load::Vocab::Protocol) {
      v.words = kProtocols;
    } else if (f->vocab == load::Vocab::Ecosystem) {
      v.words = model::builtin_ecosystems();
    } else if (f->vocab == load::Vocab::Source) {
      v.words = model::builtin_sources();
    }
    if (!v.words.empty()) return v;
  }
  // References: which elements an id names (the tables say only that it is an id).
  if (key == "from" || key == "to" || key == "used_by" || key == "component") {
    v.kinds = {Kind::Component};
  } else if (key == "target" || key == "relevant_to") {
    v.kinds = {Kind::Component, Kind::Flow};
  } else if (key == "boundary" || key == "parent") {
    v.kinds = {Kind::Boundary};
  } else if (key == "stores" || key == "data" || key == "returns" || key == "assets") {
    v.kinds = {Kind::Asset};
  } else if (key == "adversary" || key == "adversaries") {
    v.kinds = {Kind::Adversary};
  } else if (key == "mitigated_by") {
    v.kinds = {Kind::Control};
  } else if (key == "runs_as") {  // IAM
    v.kinds = {Kind::Principal};
  } else if (key == "assumable_by") {
    v.kinds = {Kind::Component, Kind::Principal};
  } else if (key == "acts_on") {
    v.kinds = {Kind::Component};
  } else if (key == "mitigates" || key == "threat") {
    v.threat_ids = true;
    v.kinds = {Kind::Threat};
  }
  return v;
}

}  // namespace tw::lsp
