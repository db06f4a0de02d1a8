#include "import/update.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "import/context.h"

namespace tw::import {

namespace {

using load::Node;

/// The list sections of a model, in the order an import writes them.
constexpr std::string_view kLists[] = {"assets",    "adversaries",   "boundaries", "components",
                                       "flows",     "supply_chain",  "controls",   "threats",
                                       "decisions", "not_applicable"};

/// Keys whose values name other elements (docs/model-format.md).
bool ref_key(std::string_view k) {
  static const std::set<std::string_view> keys = {
      "parent",  "boundary",  "stores",       "from",        "to",         "data",
      "returns", "used_by",   "target",       "mitigates",   "adversary",  "assets",
      "threat",  "component", "mitigated_by", "relevant_to", "adversaries"};
  return keys.count(k) > 0;
}

bool is_list_section(std::string_view k) {
  return std::find(std::begin(kLists), std::end(kLists), k) != std::end(kLists);
}

void canon(const Yaml& y, std::string& out) {
  if (y.kind() == Yaml::Kind::Scalar) {
    out += "s" + std::to_string(y.text().size()) + ":" + y.text();
    return;
  }
  bool map = y.kind() == Yaml::Kind::Map;
  out += map ? "{" : "[";
  for (const auto& [k, v] : y.entries()) {
    if (map) out += "k" + std::to_string(k.size()) + ":" + k;
    canon(v, out);
  }
  out += map ? "}" : "]";
}

void canon(const Node* n, std::string& out) {
  if (!n || n->is_scalar()) {
    std::string_view t = n && !n->is_null() ? n->text : std::string_view();
    out += "s" + std::to_string(t.size()) + ":" + std::string(t);
    return;
  }
  out += n->is_map() ? "{" : "[";
  if (n->is_map()) {
    for (size_t i = 0; i < n->entries(); ++i) {
      out += "k" + std::to_string(n->key(i)->text.size()) + ":" + std::string(n->key(i)->text);
      canon(n->value(i), out);
    }
  } else {
    for (size_t i = 0; i < n->count; ++i) canon(n->item(i), out);
  }
  out += n->is_map() ? "}" : "]";
}

std::string hex8(const std::string& s) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>((h >> 32) ^ h));
  return buf;
}

/// The text of a list of scalars joined by `+` (a not_applicable entry's categories).
std::string joined(const Yaml* y) {
  std::string out;
  if (!y) return out;
  if (y->kind() == Yaml::Kind::Scalar) return y->text();
  for (const auto& [k, v] : y->entries()) out += (out.empty() ? "" : "+") + v.text();
  return out;
}

std::string joined(const Node* n) {
  std::string out;
  if (!n) return out;
  if (n->is_scalar()) return std::string(n->text);
  if (n->is_seq()) {
    for (size_t i = 0; i < n->count; ++i)
      out += (out.empty() ? "" : "+") + std::string(n->item(i)->text);
  }
  return out;
}

/// What names an element within its section: its id; a decision's threat; a not_applicable
/// entry's target and categories.
std::string identity(std::string_view section, const Yaml& e) {
  Yaml& m = const_cast<Yaml&>(e);
  if (e.kind() != Yaml::Kind::Map) return "";
  if (section == "decisions") return m.find("threat") ? m.find("threat")->text() : "";
  if (section == "not_applicable")
    return (m.find("target") ? m.find("target")->text() : "") + "#" + joined(m.find("stride"));
  return m.find("id") ? m.find("id")->text() : "";
}

std::string identity(std::string_view section, const Node* e) {
  if (section == "decisions") return text(get(e, "threat"));
  if (section == "not_applicable") return text(get(e, "target")) + "#" + joined(get(e, "stride"));
  return text(get(e, "id"));
}

/// `key:hash key:hash ...` of a mapping; `=:hash` of anything else.
std::string element_prints(const Yaml& e) {
  if (e.kind() != Yaml::Kind::Map) return "=:" + fingerprint(e);
  std::string out;
  for (const auto& [k, v] : e.entries()) out += (out.empty() ? "" : " ") + k + ":" + fingerprint(v);
  return out;
}

std::map<std::string, std::string> parse_prints(std::string_view s) {
  std::map<std::string, std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t sp = s.find(' ', i);
    if (sp == std::string_view::npos) sp = s.size();
    std::string_view w = s.substr(i, sp - i);
    size_t colon = w.rfind(':');
    if (colon != std::string_view::npos)
      out[std::string(w.substr(0, colon))] = std::string(w.substr(colon + 1));
    i = sp + 1;
  }
  return out;
}

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

/// Renames the ids in `y` (its `id` when `top`, and every reference key, at any depth).
void rename(Yaml& y, const std::map<std::string, std::string>& to, bool top) {
  if (y.kind() == Yaml::Kind::Scalar) return;
  for (auto& [k, v] : y.entries()) {
    bool refs = (top && k == "id") || (y.kind() == Yaml::Kind::Map && ref_key(k));
    if (refs && v.kind() == Yaml::Kind::Scalar) {
      auto it = to.find(v.text());
      if (it != to.end()) {
        std::string c = v.comment_text();
        v = Yaml::word(it->second);
        if (!c.empty()) v.comment(c);
      }
    } else if (refs && v.kind() == Yaml::Kind::Seq) {
      std::vector<std::string> words;
      bool plain = true;
      for (auto& [unused, item] : v.entries()) {
        if (item.kind() != Yaml::Kind::Scalar) plain = false;
        auto it = to.find(item.text());
        words.push_back(it == to.end() ? item.text() : it->second);
      }
      if (plain) {
        std::string c = v.comment_text();
        v = Yaml::words(words);
        if (!c.empty()) v.comment(c);
      }
    } else {
      rename(v, to, false);
    }
  }
}

/// One element of a list section in the model file.
struct Held {
  const Node* node;
  std::string identity, xid;
  uint32_t first = 0, last = 0;  ///< its lines (0-based, inclusive)
  bool in_base = false;
  int match = -1;  ///< index into the fresh section
};

struct Section {
  std::string key;
  const Node* key_node = nullptr;
  const Node* value = nullptr;
  uint32_t first = 0, last = 0;  ///< lines of the section (0-based, inclusive, trimmed)
  bool block = false;            ///< a block list with one line range per item
  std::vector<Held> held;
};

std::string short_text(const Node* n) {
  std::string s = n && n->is_scalar() ? std::string(n->text) : yaml_of(n).emit();
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  return first_line(trim(s), 60);
}

}  // namespace

std::string fingerprint(const Yaml& y) {
  std::string s;
  canon(y, s);
  return hex8(s);
}

std::string fingerprint(const Node* n) {
  std::string s;
  canon(n, s);
  return hex8(s);
}

Yaml yaml_of(const Node* n) {
  if (!n) return Yaml::word("null");
  if (n->is_map()) {
    Yaml y = Yaml::map();
    for (size_t i = 0; i < n->entries(); ++i) y.set(n->key(i)->text, yaml_of(n->value(i)));
    return y;
  }
  if (n->is_seq()) {
    Yaml y = Yaml::seq();
    for (size_t i = 0; i < n->count; ++i) y.add(yaml_of(n->item(i)));
    return y;
  }
  // A plain JSON scalar is a number, a boolean or null: written as it is; text is quoted
  // where YAML would read it as something else.
  return n->plain ? Yaml::word(n->text.empty() ? std::string_view("null") : n->text)
                  : Yaml::str(n->text);
}

Yaml fingerprints(const ModelOut& m, std::string_view format) {
  Yaml values = Yaml::map();
  values.set("system", Yaml::str(element_prints(m.system)));
  const Yaml* lists[] = {&m.assets,    &m.adversaries,   &m.boundaries, &m.components,
                         &m.flows,     &m.supply_chain,  &m.controls,   &m.threats,
                         &m.decisions, &m.not_applicable};
  for (size_t s = 0; s < std::size(kLists); ++s) {
    for (const auto& [unused, e] : lists[s]->entries()) {
      std::string id = identity(kLists[s], e);
      if (!id.empty()) values.set(std::string(kLists[s]) + "/" + id, Yaml::str(element_prints(e)));
    }
  }
  for (const auto& [k, v] : m.extensions.entries()) {
    if (k != "x-import") values.set(k, Yaml::str("=:" + fingerprint(v)));
  }
  Yaml block = Yaml::map();
  block.set("format", Yaml::word(format));
  block.set("values", std::move(values));
  block.comment("what the import wrote, for 'import --update'; leave it as it is");
  return block;
}

Updated update_model(const std::string& model_path,
                     std::string model_text,
                     const ModelOut& fresh_in,
                     std::string_view format,
                     std::string_view xtool,
                     const UpdateOptions& options) {
  Updated out;
  out.diagnostics = base::Diagnostics(options.limits.max_diagnostics);
  out.source = std::make_unique<base::SourceFile>(model_path, std::move(model_text));
  const base::SourceFile& file = *out.source;
  auto loc = [&](const Node* n) { return n ? load::loc_of(file, n) : base::Loc{&file, 1, 1, 1}; };
  load::Arena arena;
  uint64_t budget = options.limits.max_nodes;
  const Node* root = load::parse_yaml(file, arena, options.limits, budget, out.diagnostics);
  if (!root) return out;
  if (!root->is_map()) {
    out.diagnostics.error("import-update", loc(root), "the model holds no mapping at the top");
    return out;
  }
  const std::string xid_key = "x-" + std::string(xtool) + "-id";

  // What the last import wrote.
  std::map<std::string, std::map<std::string, std::string>> base;
  bool have_base = false;
  if (const Node* block = get(root, "x-import")) {
    std::string was = text(get(block, "format"));
    if (was != format) {
      out.diagnostics
          .error("import-update", loc(get(block, "format") ? get(block, "format") : block),
                 "this model was imported from " + (was.empty() ? "?" : was) + ", not " +
                     std::string(format))
          .hint = "update it with 'threatwright import " + was + " ... --update'";
      return out;
    }
    for (const auto& [k, v] : entries(get(block, "values"))) {
      base[std::string(k->text)] = parse_prints(text(v));
    }
    have_base = true;
  } else {
    out.diagnostics.warning(
        "import-update", loc(root),
        "the model has no x-import block (an import older than --update, or it was removed): "
        "the source's values replace the model's, and keys only the model has are kept");
  }

  // The model's sections and their elements, with line ranges.
  std::vector<std::string> lines = split_lines(file.text());
  std::vector<Section> sections;
  for (size_t i = 0; i < root->entries(); ++i) {
    Section s;
    s.key = std::string(root->key(i)->text);
    s.key_node = root->key(i);
    s.value = root->value(i);
    s.first = root->key(i)->line - 1;
    sections.push_back(std::move(s));
  }
  for (size_t i = 0; i < sections.size(); ++i) {
    Section& s = sections[i];
    uint32_t limit = i + 1 < sections.size() ? sections[i + 1].first - 1
                                             : static_cast<uint32_t>(lines.size()) - 1;
    while (limit > s.first && blank_or_comment(lines[limit])) --limit;
    s.last = limit;
    if (!is_list_section(s.key) || !s.value || !s.value->is_seq()) continue;
    s.block = s.value->line > s.key_node->line;
    for (size_t j = 0; j < s.value->count; ++j) {
      const Node* e = s.value->item(j);
      Held h{e, identity(s.key, e), text(get(e, xid_key)), e->line - 1, 0, false, -1};
      // A `-` alone on the line above the item's first key.
      std::string l = lines[h.first];
      size_t nb = l.find_first_not_of(' ');
      if (h.first > 0 && (nb == std::string::npos || l[nb] != '-')) --h.first;
      h.in_base = base.count(s.key + "/" + h.identity) > 0;
      s.held.push_back(std::move(h));
    }
    for (size_t j = 0; j < s.held.size(); ++j) {
      uint32_t end = j + 1 < s.held.size() ? s.held[j + 1].first - 1 : s.last;
      while (end > s.held[j].first && blank_or_comment(lines[end])) --end;
      s.held[j].last = end;
    }
  }
  auto section_of = [&](std::string_view key) -> Section* {
    for (Section& s : sections) {
      if (s.key == key) return &s;
    }
    return nullptr;
  };

  // The fresh import, its ids renamed to the ones the model already gave.
  ModelOut fresh = fresh_in;
  Yaml* lists[] = {&fresh.assets,    &fresh.adversaries,   &fresh.boundaries, &fresh.components,
                   &fresh.flows,     &fresh.supply_chain,  &fresh.controls,   &fresh.threats,
                   &fresh.decisions, &fresh.not_applicable};
  std::set<std::string> taken;  // every id of the model
  for (const Section& s : sections) {
    if (s.key == "decisions" || s.key == "not_applicable") continue;
    for (const Held& h : s.held) taken.insert(h.identity);
  }
  std::map<std::string, std::string> renames;
  std::set<std::string> deleted;  // `section/identity` of fresh elements a person deleted
  std::vector<std::pair<size_t, size_t>> unmatched;
  for (size_t si = 0; si < std::size(kLists); ++si) {
    std::string_view key = kLists[si];
    if (key == "decisions" || key == "not_applicable") continue;
    Section* s = section_of(key);
    auto& es = lists[si]->entries();
    for (size_t j = 0; j < es.size(); ++j) {
      Yaml& e = es[j].second;
      std::string id = identity(key, e);
      const Yaml* xv = e.find(xid_key);
      std::string xid = xv ? xv->text() : "";
      int found = -1;
      if (s) {
        for (size_t h = 0; h < s->held.size() && found < 0 && !xid.empty(); ++h) {
          if (s->held[h].match < 0 && s->held[h].xid == xid) found = static_cast<int>(h);
        }
        for (size_t h = 0; h < s->held.size() && found < 0; ++h) {
          const Held& c = s->held[h];
          if (c.match < 0 && c.identity == id && (c.xid.empty() || xid.empty()) &&
              (!have_base || c.in_base))
            found = static_cast<int>(h);
        }
      }
      if (found >= 0) {
        s->held[size_t(found)].match = static_cast<int>(j);
        renames[id] = s->held[size_t(found)].identity;
        continue;
      }
      // Imported before, then deleted from the model by a person: not added back.
      std::string xprint = xid.empty() ? "" : fingerprint(*xv);
      std::string gone;
      for (const auto& [bk, prints] : base) {
        if (bk.compare(0, key.size() + 1, std::string(key) + "/") != 0) continue;
        std::string bid = bk.substr(key.size() + 1);
        auto px = prints.find(xid_key);
        bool same = xid.empty() ? bid == id : px != prints.end() && px->second == xprint;
        if (same && !taken.count(bid)) gone = bid;
      }
      if (!gone.empty()) {
        renames[id] = gone;
        deleted.insert(std::string(key) + "/" + gone);
        continue;
      }
      unmatched.emplace_back(si, j);
    }
  }
  for (const auto& [from, to] : renames) taken.insert(to);
  // New elements keep the id the import made unless the model has it already; a made-up
  // id avoids the ids of the other new elements too.
  std::set<std::string> fresh_ids;
  for (const auto& [si, j] : unmatched)
    fresh_ids.insert(identity(kLists[si], lists[si]->entries()[j].second));
  for (const auto& [si, j] : unmatched) {
    std::string id = identity(kLists[si], lists[si]->entries()[j].second);
    std::string to = id;
    for (int n = 2; taken.count(to) || (to != id && fresh_ids.count(to)); ++n)
      to = id + "-" + std::to_string(n);
    taken.insert(to);
    if (to != id) renames[id] = to;
  }
  for (Yaml* l : lists) {
    for (auto& [unused, e] : l->entries()) rename(e, renames, true);
  }
  for (auto& [k, v] : fresh.extensions.entries()) rename(v, renames, false);
  // Decisions and not_applicable entries are matched by what they name, after the renames.
  for (size_t si = 0; si < std::size(kLists); ++si) {
    std::string_view key = kLists[si];
    if (key != "decisions" && key != "not_applicable") continue;
    Section* s = section_of(key);
    if (!s) continue;
    auto& es = lists[si]->entries();
    for (size_t j = 0; j < es.size(); ++j) {
      std::string id = identity(key, es[j].second);
      for (Held& h : s->held) {
        if (h.match < 0 && h.identity == id) {
          h.match = static_cast<int>(j);
          break;
        }
      }
    }
  }

  // Merges one element: the model's value `m` (a mapping or not), the fresh one `n`, the
  // fingerprints of the last import `b` (null: none). Returns whether anything changed.
  std::set<std::string> model_keys;  // keys whose value the last merge kept from the model
  auto merge = [&](const std::string& label, const Node* m, const Yaml& n,
                   const std::map<std::string, std::string>* b, Yaml& result,
                   bool& source_changed) {
    bool changed = false;
    model_keys.clear();
    if (!m->is_map() || n.kind() != Yaml::Kind::Map) {
      std::string mp = fingerprint(m), np = fingerprint(n);
      std::string bp;
      if (b) {
        auto it = b->find("=");
        if (it != b->end()) bp = it->second;
      }
      if (mp == np) return false;
      result = n;
      if (b && !bp.empty() && np == bp) {
        ++out.kept_edits;
        result = yaml_of(m);
        return false;
      }
      if (b && !bp.empty() && mp != bp) {
        ++out.conflicts;
        out.diagnostics.warning("import-update-conflict", loc(m),
                                label +
                                    " was changed both in the model and in the source: the "
                                    "source's value was taken");
      }
      source_changed = true;
      return true;
    }
    Yaml& mn = const_cast<Yaml&>(n);
    result = Yaml::map();
    std::set<std::string> seen;
    auto take = [&](const std::string& k, const Node* mv, const Yaml* nv) {
      std::string mp = mv ? fingerprint(mv) : "", np = nv ? fingerprint(*nv) : "";
      std::string bp;
      if (b) {
        auto it = b->find(k);
        if (it != b->end()) bp = it->second;
      } else {
        bp = nv ? mp : "";  // no record: the source wins where it states a value
      }
      bool keep_model = true;
      if (mp == np) {
      } else if (mp == bp) {
        keep_model = false;
        source_changed = true;
      } else if (np == bp) {
        ++out.kept_edits;
      } else {
        keep_model = false;
        source_changed = true;
        ++out.conflicts;
        out.diagnostics
            .warning("import-update-conflict", loc(mv ? mv : m),
                     "'" + k + "' of " + label +
                         " was changed both in the model and in the source: the source's "
                         "value was taken" +
                         (mv ? " (the model had '" + short_text(mv) + "')" : ""))
            .hint = "write the model's value back if it should win";
      }
      if (keep_model) {
        if (mv) {
          result.set(k, yaml_of(mv));
          model_keys.insert(k);
        }
      } else {
        changed = true;
        if (nv) result.set(k, *nv);
      }
    };
    for (size_t i = 0; i < m->entries(); ++i) {
      std::string k(m->key(i)->text);
      seen.insert(k);
      take(k, m->value(i), mn.find(k));
    }
    for (const auto& [k, v] : n.entries()) {
      if (!seen.count(k)) take(k, nullptr, &v);
    }
    return changed;
  };

  // A changed element of a block list, edited key by key: the keys kept from the model keep
  // their lines (comments included), the others are written anew at the keys' indentation.
  // Empty when the element is not written one key per line (the caller writes it anew).
  auto element_text = [&](const Held& e, const Yaml& merged) -> std::string {
    const Node* n = e.node;
    if (!n->is_map() || n->entries() == 0 || n->key(0)->line - 1 != e.first) return "";
    uint32_t col = n->key(0)->col - 1;
    for (size_t i = 0; i < n->entries(); ++i) {
      if (n->key(i)->col - 1 != col) return "";
      if (i > 0 && n->key(i)->line <= n->key(i - 1)->line) return "";
    }
    Yaml& mm = const_cast<Yaml&>(merged);
    if (!mm.find(std::string(n->key(0)->text))) return "";
    auto render = [&](const std::string& k, const Yaml& v) {
      Yaml one = Yaml::map();
      one.set(k, v);
      return one.emit(static_cast<int>(col));
    };
    std::string text;
    std::set<std::string> seen;
    for (size_t i = 0; i < n->entries(); ++i) {
      std::string k(n->key(i)->text);
      seen.insert(k);
      uint32_t first = n->key(i)->line - 1;
      uint32_t last = i + 1 < n->entries() ? n->key(i + 1)->line - 2 : e.last;
      const Yaml* v = mm.find(k);
      if (!v) continue;  // removed
      if (model_keys.count(k)) {
        for (uint32_t l = first; l <= last && l < lines.size(); ++l) text += lines[l];
        continue;
      }
      std::string r = render(k, *v);
      if (i == 0) r = lines[first].substr(0, col) + r.substr(col);  // keeps the "- "
      text += r;
    }
    for (const auto& [k, v] : merged.entries()) {
      if (!seen.count(k)) text += render(k, v);
    }
    return text;
  };

  // Text edits, section by section.
  std::string result;
  uint32_t next_line = 0;             // lines before it are written
  auto copy_to = [&](uint32_t end) {  // copies lines [next_line, end)
    for (; next_line < end && next_line < lines.size(); ++next_line) result += lines[next_line];
  };
  auto item_text = [](const Yaml& e, int indent) {
    Yaml seq = Yaml::seq();
    seq.add(e);
    return seq.emit(indent);
  };
  auto section_text = [](const std::string& key, const Yaml& v) {
    Yaml one = Yaml::map();
    one.set(key, v);
    return one.emit();
  };
  std::set<std::string> written;
  for (Section& s : sections) {
    written.insert(s.key);
    if (s.key == "x-import") {
      copy_to(s.first);
      result += section_text("x-import", fingerprints(fresh, format));
      next_line = s.last + 1;
      continue;
    }
    if (is_list_section(s.key)) {
      size_t si =
          size_t(std::find(std::begin(kLists), std::end(kLists), s.key) - std::begin(kLists));
      auto& es = lists[si]->entries();
      std::vector<bool> used(es.size(), false);
      for (const Held& h : s.held) {
        if (h.match >= 0) used[size_t(h.match)] = true;
      }
      for (size_t j = 0; j < es.size(); ++j) {
        if (deleted.count(s.key + "/" + identity(s.key, es[j].second))) used[j] = true;
      }
      int indent = 2;
      if (!s.held.empty()) {
        size_t col = lines[s.held.front().first].find('-');
        indent = col == std::string::npos ? 2 : static_cast<int>(col);
      }
      // Each held element: kept as written, merged, removed or kept after removal.
      std::vector<std::string> texts(s.held.size());
      std::vector<bool> edited(s.held.size(), false), dropped(s.held.size(), false);
      std::vector<Yaml> merged_values;
      Yaml all = Yaml::seq();
      for (size_t h = 0; h < s.held.size(); ++h) {
        Held& e = s.held[h];
        std::string label = s.key + "/" + e.identity;
        if (e.match >= 0) {
          auto b = base.find(label);
          Yaml merged = Yaml::map();
          bool source_changed = false;
          if (merge("'" + label + "'", e.node, es[size_t(e.match)].second,
                    b == base.end() ? nullptr : &b->second, merged, source_changed)) {
            edited[h] = true;
            texts[h] = element_text(e, merged);
            if (texts[h].empty()) texts[h] = item_text(merged, indent);
            out.updated.push_back(label);
          }
          all.add(edited[h] ? merged : yaml_of(e.node));
        } else if (e.in_base || (!have_base && !e.xid.empty())) {
          if (options.keep_removed) {
            out.kept_removed.push_back(label);
            all.add(yaml_of(e.node));
          } else {
            dropped[h] = true;
            edited[h] = true;
            out.removed.push_back(label);
            out.diagnostics
                .warning("import-update-removed", loc(e.node),
                         "removed " + label + ": the source no longer has it")
                .hint = "--keep-removed keeps what the source removed";
          }
        } else {
          all.add(yaml_of(e.node));
        }
      }
      std::vector<const Yaml*> added;
      for (size_t j = 0; j < es.size(); ++j) {
        if (!used[j]) {
          added.push_back(&es[j].second);
          out.added.push_back(s.key + "/" + identity(s.key, es[j].second));
          all.add(es[j].second);
        }
      }
      bool any = !added.empty() || std::find(edited.begin(), edited.end(), true) != edited.end();
      if (!any) continue;
      copy_to(s.first);
      if (!s.block || all.empty()) {
        result += all.empty() ? s.key + ": []\n" : section_text(s.key, all);
        next_line = s.last + 1;
        continue;
      }
      copy_to(s.held.front().first);
      for (size_t h = 0; h < s.held.size(); ++h) {
        if (edited[h]) {
          result += texts[h];
          next_line = s.held[h].last + 1;
        } else {
          copy_to(s.held[h].last + 1);
        }
        if (h + 1 < s.held.size()) copy_to(s.held[h + 1].first);  // the gap: comments
      }
      for (const Yaml* y : added) result += item_text(*y, indent);
      next_line = s.last + 1;
      continue;
    }
    // `system` and top-level `x-` keys: one value each.
    const Yaml* fv = nullptr;
    if (s.key == "system") {
      fv = &fresh.system;
    } else {
      for (const auto& [k, v] : fresh.extensions.entries()) {
        if (k == s.key) fv = &v;
      }
    }
    auto b = base.find(s.key);
    if (!fv) {
      if (b != base.end() && s.key != "system") {  // the source no longer writes it
        copy_to(s.first);
        next_line = s.last + 1;
        out.removed.push_back(s.key);
      }
      continue;
    }
    Yaml merged = Yaml::map();
    bool source_changed = false;
    if (merge("'" + s.key + "'", s.value, *fv, b == base.end() ? nullptr : &b->second, merged,
              source_changed)) {
      copy_to(s.first);
      result += section_text(s.key, merged);
      next_line = s.last + 1;
      out.updated.push_back(s.key);
    }
  }
  copy_to(static_cast<uint32_t>(lines.size()));
  // Sections the model did not have.
  std::string tail;
  for (size_t si = 0; si < std::size(kLists); ++si) {
    std::string key(kLists[si]);
    if (written.count(key) || lists[si]->empty()) continue;
    Yaml kept = Yaml::seq();
    for (const auto& [unused, e] : lists[si]->entries()) {
      if (deleted.count(key + "/" + identity(key, e))) continue;
      kept.add(e);
      out.added.push_back(key + "/" + identity(key, e));
    }
    if (!kept.empty()) tail += "\n" + section_text(key, kept);
  }
  for (const auto& [k, v] : fresh.extensions.entries()) {
    if (written.count(k) || k == "x-import") continue;
    tail += "\n" + section_text(k, v);
    out.added.push_back(k);
  }
  if (!written.count("x-import"))
    tail += "\n" + section_text("x-import", fingerprints(fresh, format));
  if (!tail.empty() && !result.empty() && result.back() != '\n') result += "\n";
  result += tail;

  // The result must load.
  OverlaySource files(model_path, result);
  load::LoadOptions lo;
  lo.limits = options.limits;
  lo.warnings = false;
  load::LoadResult r = load::load_model(model_path, files, lo);
  if (!r.ok()) {
    for (const base::Diagnostic& d : r.diagnostics.items()) {
      if (d.severity != base::Severity::Error) continue;
      out.diagnostics
          .error("import-update", base::Loc{},
                 "the updated model would not load (line " + std::to_string(d.loc.line) + ":" +
                     std::to_string(d.loc.col) + " of the result: " + d.message +
                     "); the model was not changed")
          .hint = out.removed.empty() ? ""
                                      : "an element the source removed may still be named in "
                                        "the model: --keep-removed keeps it";
    }
    if (!out.diagnostics.has_errors())
      out.diagnostics.error("import-update", base::Loc{}, "the updated model would not load");
    return out;
  }
  out.text = std::move(result);
  return out;
}

}  // namespace tw::import
