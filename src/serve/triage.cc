#include "serve/triage.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "base/date.h"
#include "import/yaml_out.h"
#include "load/layout.h"

namespace tw::serve {

namespace {

using load::LayoutNode;

constexpr size_t kMaxId = 200;
constexpr size_t kMaxText = 4000;
constexpr std::array<std::string_view, 6> kStride = {"spoofing",          "tampering",
                                                     "repudiation",       "information-disclosure",
                                                     "denial-of-service", "elevation-of-privilege"};

base::Error field_error(std::string_view field, std::string_view what) {
  return base::Error{"field \"" + std::string(field) + "\": " + std::string(what)};
}

/// A string field: present (when required), a string, bounded, one line of printable text.
base::Result<std::string> text_field(const nlohmann::json& j,
                                     const char* field,
                                     bool required,
                                     size_t max) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    if (required) return field_error(field, "required");
    return std::string();
  }
  if (!it->is_string()) return field_error(field, "must be a string");
  std::string s = it->get<std::string>();
  if (s.size() > max) return field_error(field, "too long");
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return field_error(field, "must be one line of text");
  }
  size_t b = s.find_first_not_of(' ');
  size_t e = s.find_last_not_of(' ');
  s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  if (required && s.empty()) return field_error(field, "required");
  return s;
}

/// An id: letters, digits and `-_.@:/`.
base::Result<std::string> id_field(const nlohmann::json& j, const char* field) {
  base::Result<std::string> s = text_field(j, field, true, kMaxId);
  if (!s) return s;
  for (char c : s.value()) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == '@' || c == ':' || c == '/';
    if (!ok) return field_error(field, "not an id");
  }
  return s;
}

/// Byte offsets of the text's lines, and (line, column in code points) -> byte offset.
class Positions {
 public:
  explicit Positions(const std::string& text) : text_(text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  size_t lines() const { return starts_.size(); }
  /// The offset of the start of `line` (the text's size past the end).
  size_t line_start(uint32_t line) const {
    return line < starts_.size() ? starts_[line] : text_.size();
  }
  /// The offset just after `line` and its newline.
  size_t after_line(uint32_t line) const { return line_start(line + 1); }
  size_t offset(uint32_t line, uint32_t col) const {
    size_t i = line_start(line);
    uint32_t seen = 0;
    while (i < text_.size() && text_[i] != '\n' && seen < col) {
      ++i;
      while (i < text_.size() && (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) ++i;
      ++seen;
    }
    return i;
  }

 private:
  const std::string& text_;
  std::vector<size_t> starts_;
};

/// A value inside a flow collection: plain when it is a simple word, else double-quoted
/// (JSON string syntax, which YAML reads the same).
std::string flow_scalar(const std::string& s) {
  // `-` may start a block entry, and `@` is reserved: neither may start a plain scalar.
  bool plain = !s.empty() && s.front() != '-' && s.front() != '@';
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == '@' || c == '/';
    if (!ok) plain = false;
  }
  if (plain && s != "null" && s != "true" && s != "false" && s != "yes" && s != "no" && s != "on" &&
      s != "off") {
    return s;
  }
  return nlohmann::json(s).dump();
}

/// One key of an item to write; a raw value (a flow list of words) is written as is.
struct Field {
  std::string key, value;
  bool raw = false;
};
using Fields = std::vector<Field>;

/// The indentation items of a list section are written with: the dash's column and the
/// column of the item's keys, taken from the file itself (this section, else another list
/// of mappings), else two and four.
std::pair<uint32_t, uint32_t> item_style(const LayoutNode& root, const LayoutNode* sec) {
  auto from = [](const LayoutNode& s, std::pair<uint32_t, uint32_t>& out) {
    if (s.kind != LayoutNode::Kind::Seq || s.flow || s.items.empty()) return false;
    const LayoutNode& first = s.items.front();
    if (first.kind != LayoutNode::Kind::Map || first.flow || first.col <= s.col) return false;
    out = {s.col, first.col};
    return true;
  };
  std::pair<uint32_t, uint32_t> out{2, 4};
  if (sec && from(*sec, out)) return out;
  for (const LayoutNode& s : root.items) {
    if (from(s, out)) return out;
  }
  return out;
}

std::string block_item(const Fields& f, uint32_t dash, uint32_t key) {
  std::string out;
  for (size_t i = 0; i < f.size(); ++i) {
    if (i == 0) {
      out.append(dash, ' ');
      out += '-';
      out.append(key - dash - 1, ' ');
    } else {
      out.append(key, ' ');
    }
    out += f[i].key + ": " + (f[i].raw ? f[i].value : import::yaml_scalar(f[i].value)) + "\n";
  }
  return out;
}

std::string flow_item(const Fields& f) {
  std::string out = "{";
  for (size_t i = 0; i < f.size(); ++i) {
    if (i) out += ", ";
    out += f[i].key + ": " + (f[i].raw ? f[i].value : flow_scalar(f[i].value));
  }
  return out + "}";
}

bool null_scalar(const LayoutNode& n) {
  return n.kind == LayoutNode::Kind::Scalar && !n.flow &&
         (n.value.empty() || n.value == "null" || n.value == "~" || n.value == "Null" ||
          n.value == "NULL");
}

/// Removes a null value written on its key's line (`key: ~`, `key: []`) and inserts `lines`
/// after that line.
std::string fill_empty(const std::string& text,
                       const LayoutNode& key,
                       const LayoutNode& value,
                       const std::string& lines) {
  Positions pos(text);
  std::string out = text;
  size_t insert_at = pos.after_line(key.line);
  if (!value.empty && value.line == key.line) {
    size_t b = pos.offset(value.line, value.col);
    size_t e = pos.offset(value.last_line, value.last_col);
    while (b > 0 && out[b - 1] == ' ') --b;  // the space after the colon
    out.erase(b, e - b);
    insert_at -= e - b;
  }
  std::string add = lines;
  if (insert_at > 0 && out[insert_at - 1] != '\n') add = "\n" + add;
  out.insert(insert_at, add);
  return out;
}

base::Result<LayoutNode> root_map(const std::string& text) {
  base::Result<LayoutNode> r = load::scan_layout(text);
  if (!r) return base::Error{"the model does not parse: " + r.error().message};
  if (r->kind != LayoutNode::Kind::Map || r->flow) {
    return base::Error{"the model's top level is not a block mapping"};
  }
  return r;
}

/// Appends one item to the top-level list `section`, creating it at the end when absent.
base::Result<std::string> append_item(const std::string& text,
                                      const std::string& section,
                                      const Fields& fields) {
  base::Result<LayoutNode> r = root_map(text);
  if (!r) return r.error();
  const LayoutNode& root = r.value();
  const LayoutNode* key = root.key_node(section);
  const LayoutNode* sec = root.get(section);
  auto [dash, kcol] = item_style(root, sec);
  if (!key || !sec) {
    uint32_t top = root.keys.empty() ? 0 : root.keys.front().col;
    std::string out = text;
    if (!out.empty() && out.back() != '\n') out += '\n';
    if (!out.empty() && out.size() >= 2 && out[out.size() - 2] != '\n') out += '\n';
    out.append(top, ' ');
    out += section + ":\n";
    out += block_item(fields, dash + top, kcol + top);
    return out;
  }
  if (null_scalar(*sec)) return fill_empty(text, *key, *sec, block_item(fields, dash, kcol));
  if (sec->kind != LayoutNode::Kind::Seq) return base::Error{section + " is not a list"};
  Positions pos(text);
  std::string out = text;
  if (sec->flow) {
    if (sec->items.empty() && sec->line == key->line && sec->close_line == key->line) {
      return fill_empty(text, *key, *sec, block_item(fields, dash, kcol));
    }
    size_t at = pos.offset(sec->close_line, sec->close_col);
    out.insert(at, (sec->items.empty() ? "" : ", ") + flow_item(fields));
    return out;
  }
  size_t at = pos.after_line(sec->last_line);
  std::string add = block_item(fields, dash, kcol);
  if (at > 0 && out[at - 1] != '\n') add = "\n" + add;
  out.insert(at, add);
  return out;
}

/// The decision already written for `threat`, if any.
const LayoutNode* find_decision(const LayoutNode& root, const std::string& threat) {
  const LayoutNode* d = root.get("decisions");
  if (!d || d->kind != LayoutNode::Kind::Seq) return nullptr;
  for (const LayoutNode& item : d->items) {
    const LayoutNode* t = item.get("threat");
    if (t && t->kind == LayoutNode::Kind::Scalar && t->value == threat) return &item;
  }
  return nullptr;
}

base::Result<std::string> add_decision(const std::string& text, const Fields& fields) {
  base::Result<LayoutNode> r = root_map(text);
  if (!r) return r.error();
  if (const LayoutNode* d = find_decision(r.value(), fields.front().value)) {
    return base::Error{"threat " + fields.front().value + " already has a decision (line " +
                       std::to_string(d->line + 1) + ")"};
  }
  return append_item(text, "decisions", fields);
}

base::Result<std::string> link(const std::string& text, const TriageAction& a) {
  base::Result<LayoutNode> r = root_map(text);
  if (!r) return r.error();
  const LayoutNode* controls = r->get("controls");
  const LayoutNode* control = nullptr;
  if (controls && controls->kind == LayoutNode::Kind::Seq) {
    for (const LayoutNode& item : controls->items) {
      const LayoutNode* id = item.get("id");
      if (id && id->kind == LayoutNode::Kind::Scalar && id->value == a.control) control = &item;
    }
  }
  if (!control || control->kind != LayoutNode::Kind::Map) {
    return base::Error{"control " + a.control + " is not in the served model file"};
  }
  Positions pos(text);
  std::string out = text;
  const LayoutNode* key = control->key_node("mitigates");
  const LayoutNode* m = control->get("mitigates");
  if (m) {
    for (const LayoutNode& i : m->items) {
      if (i.value == a.threat) {
        return base::Error{"control " + a.control + " already mitigates " + a.threat};
      }
    }
    if (m->kind == LayoutNode::Kind::Scalar && m->value == a.threat) {
      return base::Error{"control " + a.control + " already mitigates " + a.threat};
    }
  }
  if (!key || !m) {  // no mitigates yet
    if (control->flow) {
      out.insert(pos.offset(control->close_line, control->close_col),
                 ", mitigates: [" + flow_scalar(a.threat) + "]");
      return out;
    }
    std::string line(control->col, ' ');
    line += "mitigates: [" + flow_scalar(a.threat) + "]\n";
    size_t at = pos.after_line(control->last_line);
    if (at > 0 && out[at - 1] != '\n') line = "\n" + line;
    out.insert(at, line);
    return out;
  }
  if (null_scalar(*m)) {
    size_t at = pos.offset(key->last_line, key->last_col);
    size_t colon = out.find(':', at);
    if (colon == std::string::npos) return base::Error{"mitigates has no value"};
    size_t b = colon + 1, e = b;
    if (!m->empty && m->line == key->line) e = pos.offset(m->last_line, m->last_col);
    out.replace(b, e - b, " [" + flow_scalar(a.threat) + "]");
    return out;
  }
  if (m->kind == LayoutNode::Kind::Scalar) {  // one id: `mitigates: a@b`
    size_t b = pos.offset(m->line, m->col);
    size_t e = pos.offset(m->last_line, m->last_col);
    // The value's own text stays unless it would change meaning inside brackets: a plain
    // scalar holding a flow indicator (`a]b`, `a, b`) or spanning lines is written anew.
    std::string_view raw(out.data() + b, e - b);
    bool keep = m->line == m->last_line && raw.find_first_of(",[]{}") == std::string_view::npos;
    out.replace(b, e - b,
                "[" + (keep ? std::string(raw) : flow_scalar(m->value)) + ", " +
                    flow_scalar(a.threat) + "]");
    return out;
  }
  if (m->kind != LayoutNode::Kind::Seq) return base::Error{"mitigates is not a list"};
  if (m->flow) {
    out.insert(pos.offset(m->close_line, m->close_col),
               (m->items.empty() ? "" : ", ") + flow_scalar(a.threat));
    return out;
  }
  std::string line(m->col, ' ');
  line += "- " + import::yaml_scalar(a.threat) + "\n";
  size_t at = pos.after_line(m->last_line);
  if (at > 0 && out[at - 1] != '\n') line = "\n" + line;
  out.insert(at, line);
  return out;
}

}  // namespace

base::Result<TriageAction> parse_triage(std::string_view body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return base::Error{"the request body is not JSON"};
  if (!j.is_object()) return base::Error{"the request body is not a JSON object"};
  TriageAction a;
  base::Result<std::string> action = text_field(j, "action", true, 40);
  if (!action) return action.error();
  base::Result<std::string> base = text_field(j, "base", true, 128);
  if (!base) return base.error();
  a.base = base.value();
  const std::string& name = action.value();
  auto take = [&](base::Result<std::string> r, std::string& to) {
    if (!r) return false;
    to = std::move(r.value());
    return true;
  };
  base::Result<std::string> err = std::string();
  auto need_text = [&](const char* f, bool required, std::string& to) {
    base::Result<std::string> r = text_field(j, f, required, kMaxText);
    if (!r) err = r.error();
    return take(std::move(r), to);
  };
  auto need_id = [&](const char* f, std::string& to) {
    base::Result<std::string> r = id_field(j, f);
    if (!r) err = r.error();
    return take(std::move(r), to);
  };
  if (name == "accept") {
    a.kind = TriageAction::Kind::Accept;
    if (!need_id("threat", a.threat) || !need_text("owner", true, a.owner) ||
        !need_text("rationale", true, a.rationale) || !need_text("review_by", true, a.review_by)) {
      return err.error();
    }
    if (a.review_by.size() != 10 || !base::parse_date(a.review_by)) {
      return field_error("review_by", "must be a date, YYYY-MM-DD");
    }
  } else if (name == "false-positive") {
    a.kind = TriageAction::Kind::FalsePositive;
    if (!need_id("threat", a.threat) || !need_text("rationale", true, a.rationale) ||
        !need_text("owner", false, a.owner)) {
      return err.error();
    }
  } else if (name == "link") {
    a.kind = TriageAction::Kind::Link;
    if (!need_id("threat", a.threat) || !need_id("control", a.control)) return err.error();
  } else if (name == "not-applicable") {
    a.kind = TriageAction::Kind::NotApplicable;
    if (!need_id("target", a.target) || !need_text("because", true, a.rationale)) {
      return err.error();
    }
    auto it = j.find("stride");
    if (it == j.end()) return field_error("stride", "required");
    std::vector<nlohmann::json> vals;
    if (it->is_string()) {
      vals.push_back(*it);
    } else if (it->is_array() && !it->empty() && it->size() <= kStride.size()) {
      for (const auto& v : *it) vals.push_back(v);
    } else {
      return field_error("stride", "must be a STRIDE category or a list of them");
    }
    for (const auto& v : vals) {
      if (!v.is_string() ||
          std::find(kStride.begin(), kStride.end(), v.get<std::string>()) == kStride.end()) {
        return field_error("stride", "not a STRIDE category");
      }
      std::string s = v.get<std::string>();
      if (std::find(a.stride.begin(), a.stride.end(), s) == a.stride.end()) a.stride.push_back(s);
    }
  } else {
    return field_error("action", "must be accept, false-positive, link or not-applicable");
  }
  return a;
}

namespace {

base::Result<std::string> apply_lf(const std::string& text, const TriageAction& a) {
  switch (a.kind) {
    case TriageAction::Kind::Accept:
      return add_decision(text, {{"threat", a.threat},
                                 {"status", "accepted"},
                                 {"rationale", a.rationale},
                                 {"owner", a.owner},
                                 {"review_by", a.review_by, true}});
    case TriageAction::Kind::FalsePositive: {
      Fields f = {{"threat", a.threat}, {"status", "false-positive"}, {"rationale", a.rationale}};
      if (!a.owner.empty()) f.push_back({"owner", a.owner});
      return add_decision(text, f);
    }
    case TriageAction::Kind::Link:
      return link(text, a);
    case TriageAction::Kind::NotApplicable: {
      Field stride{"stride", a.stride.empty() ? "" : a.stride.front()};
      if (a.stride.size() > 1) {
        stride.raw = true;
        stride.value = "[";
        for (size_t i = 0; i < a.stride.size(); ++i) {
          stride.value += (i ? ", " : "") + a.stride[i];
        }
        stride.value += "]";
      }
      return append_item(text, "not_applicable",
                         {{"target", a.target}, stride, {"because", a.rationale}});
    }
  }
  return base::Error{"unknown action"};
}

}  // namespace

base::Result<std::string> apply_triage(const std::string& text, const TriageAction& a) {
  // Edits are placed by line: the file's line breaks must be the ones counted here (`\n`, or
  // `\r\n`). YAML also breaks lines at a lone `\r` and at NEL, LS and PS; such a file is
  // refused rather than edited at the wrong place.
  for (size_t i = 0; i < text.size(); ++i) {
    bool lone_cr = text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n');
    bool nel = text.compare(i, 2, "\xC2\x85") == 0;
    bool ls_ps = text.compare(i, 3, "\xE2\x80\xA8") == 0 || text.compare(i, 3, "\xE2\x80\xA9") == 0;
    if (lone_cr || nel || ls_ps) {
      return base::Error{
          "the model breaks lines with a carriage return alone or a Unicode line separator; "
          "the workbench edits only files with \\n or \\r\\n line ends (convert it, e.g. "
          "with dos2unix, then retry)"};
    }
  }
  // A file whose every line ends in \r\n is edited as \n and written back with its own line
  // ends, so the inserted lines match the rest.
  size_t lf = 0, crlf = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    ++lf;
    if (i > 0 && text[i - 1] == '\r') ++crlf;
  }
  if (crlf == 0 || crlf != lf) return apply_lf(text, a);
  std::string unix_text;
  unix_text.reserve(text.size());
  for (char c : text)
    if (c != '\r') unix_text += c;
  base::Result<std::string> r = apply_lf(unix_text, a);
  if (!r) return r;
  std::string out;
  out.reserve(r.value().size() + lf + 8);
  for (char c : r.value()) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace tw::serve
