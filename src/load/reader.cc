#include "load/reader.h"

#include <algorithm>
#include <stdexcept>

#include "base/text.h"
#include "load/format.h"
#include "load/yaml_node.h"

namespace tw::load {

using base::squote;

base::Loc BuildContext::loc(const Node* n) const { return loc_of(*file, n); }

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

MapReader::MapReader(BuildContext& ctx,
                     const Node* node,
                     const MapSpec& spec,
                     std::string_view what)
    : ctx_(ctx), node_(node), what_(what.empty() ? spec.what : what) {
  if (spec.fields.size() > kMaxKeys) throw std::logic_error("MapReader: raise kMaxKeys");
  for (const FieldSpec& f : spec.fields) keys_[nkeys_++] = f.key;
  read_keys();
}

MapReader::MapReader(BuildContext& ctx,
                     const Node* node,
                     std::string_view what,
                     std::initializer_list<std::string_view> known)
    : ctx_(ctx), node_(node), what_(what) {
  if (known.size() > kMaxKeys) throw std::logic_error("MapReader: raise kMaxKeys");
  for (std::string_view k : known) keys_[nkeys_++] = k;
  read_keys();
}

void MapReader::read_keys() {
  const Node* node = node_;
  if (!node->is_map()) {
    ctx_.diags->error("wrong-type", ctx_.loc(node),
                      "expected " + what_ + " as a mapping (key: value), got " + node->describe());
    return;
  }
  map_ = node;
  for (size_t i = 0; i < node->entries(); ++i) {
    const Node* k = node->key(i);
    if (!k->is_scalar()) {
      ctx_.diags->error("wrong-type", ctx_.loc(k), "a key in " + what_ + " must be text");
      continue;
    }
    size_t slot = 0;
    while (slot < nkeys_ && keys_[slot] != k->text) ++slot;
    if (slot < nkeys_) {
      if (key_nodes_[slot]) {
        auto& d = ctx_.diags->error("duplicate-key", ctx_.loc(k),
                                    "duplicate key " + squote(k->text) + " in " + what_);
        d.notes.push_back(base::Note{ctx_.loc(key_nodes_[slot]), "first given here"});
        continue;
      }
      key_nodes_[slot] = k;
      values_[slot] = node->value(i);
      continue;
    }
    if (k->text.substr(0, 2) == "x-") continue;
    auto& d = ctx_.diags->error("unknown-key", ctx_.loc(k),
                                "unknown key " + squote(k->text) + " in " + what_);
    std::vector<std::string_view> candidates(keys_, keys_ + nkeys_);
    std::string guess = ctx_.diags->wants_more() ? base::did_you_mean(k->text, candidates) : "";
    if (!guess.empty()) {
      d.message += "; did you mean '" + guess + "'?";
    } else {
      std::vector<std::string> all(candidates.begin(), candidates.end());
      d.hint = "known keys: " + base::join(all, ", ") + "; prefix your own keys with 'x-'";
    }
  }
}

size_t MapReader::slot(std::string_view key) const {
  for (size_t i = 0; i < nkeys_; ++i) {
    if (keys_[i] == key) return i;
  }
  throw std::logic_error("MapReader: '" + std::string(key) + "' is not a key of " + what_ +
                         " in load/format.cc");
}

const Node* MapReader::get(std::string_view key) const {
  const Node* v = values_[slot(key)];
  return v && !v->is_null() ? v : nullptr;
}

base::Loc MapReader::loc_of(std::string_view key) const {
  const Node* v = values_[slot(key)];
  return v ? ctx_.loc(v) : loc();
}

void MapReader::missing(std::string_view key) {
  if (!map_) return;
  auto& d = ctx_.diags->error("missing-field", ctx_.loc(node_),
                              what_ + " has no '" + std::string(key) + "'");
  d.hint = "add '" + std::string(key) + ": ...' to it";
}

std::optional<std::string_view> MapReader::scalar_text(const Node* v, std::string_view key) {
  if (!v->is_scalar()) {
    ctx_.diags->error(
        "wrong-type", ctx_.loc(v),
        "'" + std::string(key) + "' in " + what_ + " must be a single value, got " + v->describe());
    return std::nullopt;
  }
  return v->text;
}

void MapReader::bad_enum(const Node* v,
                         std::string_view key,
                         std::string_view got,
                         const std::vector<std::string_view>& allowed) {
  std::vector<std::string> all(allowed.begin(), allowed.end());
  auto& d =
      ctx_.diags->error("bad-value", ctx_.loc(v),
                        "bad value " + squote(got) + " for '" + std::string(key) + "' in " + what_);
  std::string lower(got);
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  std::string guess = std::find(allowed.begin(), allowed.end(), lower) != allowed.end()
                          ? lower
                          : base::did_you_mean(got, allowed);
  if (!guess.empty()) d.message += "; did you mean '" + guess + "'?";
  d.hint = "expected one of: " + base::join(all, ", ");
}

std::string MapReader::str(std::string_view key, bool required) {
  const Node* v = get(key);
  if (!v) {
    if (required) missing(key);
    return {};
  }
  auto t = scalar_text(v, key);
  return t ? std::string(*t) : std::string();
}

std::string MapReader::id(std::string_view key) {
  const Node* v = get(key);
  if (!v) {
    missing(key);
    return {};
  }
  auto t = scalar_text(v, key);
  if (!t) return {};
  if (!valid_id(*t)) {
    auto& d = ctx_.diags->error("bad-id", ctx_.loc(v), "bad id " + squote(*t));
    d.hint =
        "ids use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit";
  }
  return std::string(*t);
}

std::optional<bool> MapReader::boolean(std::string_view key) {
  const Node* v = get(key);
  if (!v) return std::nullopt;
  auto t = scalar_text(v, key);
  if (!t) return std::nullopt;
  if (v->plain) {
    if (*t == "true" || *t == "True" || *t == "TRUE") return true;
    if (*t == "false" || *t == "False" || *t == "FALSE") return false;
  }
  auto& d = ctx_.diags->error(
      "wrong-type", ctx_.loc(v),
      "'" + std::string(key) + "' in " + what_ + " must be true or false, got " + squote(*t));
  if (*t == "yes" || *t == "no" || *t == "on" || *t == "off" || !v->plain) {
    d.hint = "write true or false, unquoted (YAML 1.2 has no yes/no booleans)";
  }
  return std::nullopt;
}

std::optional<int> MapReader::integer(std::string_view key, int min, int max) {
  const Node* v = get(key);
  if (!v) return std::nullopt;
  auto t = scalar_text(v, key);
  if (!t) return std::nullopt;
  long long n = 0;
  bool ok = !t->empty() && t->size() <= 10;
  size_t i = 0;
  bool neg = ok && (*t)[0] == '-';
  if (neg) i = 1;
  if (i >= t->size()) ok = false;
  for (; ok && i < t->size(); ++i) {
    char c = (*t)[i];
    if (c < '0' || c > '9') ok = false;
    n = n * 10 + (c - '0');
  }
  if (neg) n = -n;
  if (!ok) {
    ctx_.diags->error(
        "wrong-type", ctx_.loc(v),
        "'" + std::string(key) + "' in " + what_ + " must be a whole number, got " + squote(*t));
    return std::nullopt;
  }
  if (n < min || n > max) {
    ctx_.diags->error("bad-value", ctx_.loc(v),
                      "'" + std::string(key) + "' in " + what_ + " must be between " +
                          std::to_string(min) + " and " + std::to_string(max) + ", got " +
                          std::string(*t));
    return std::nullopt;
  }
  return static_cast<int>(n);
}

std::optional<base::Date> MapReader::date(std::string_view key, bool required) {
  const Node* v = get(key);
  if (!v) {
    if (required) missing(key);
    return std::nullopt;
  }
  auto t = scalar_text(v, key);
  if (!t) return std::nullopt;
  if (auto d = base::parse_date(*t)) return d;
  auto& d =
      ctx_.diags->error("bad-date", ctx_.loc(v),
                        "bad date " + squote(*t) + " for '" + std::string(key) + "' in " + what_);
  d.hint = "write a real calendar date as YYYY-MM-DD, e.g. 2026-03-31";
  return std::nullopt;
}

std::optional<int> MapReader::rating(std::string_view key) {
  const Node* v = get(key);
  if (!v) return std::nullopt;
  auto t = scalar_text(v, key);
  if (!t) return std::nullopt;
  static const std::vector<std::string_view> kWords = {"very-low", "low", "medium", "high",
                                                       "very-high"};
  for (size_t i = 0; i < kWords.size(); ++i) {
    if (*t == kWords[i]) return static_cast<int>(i + 1);
  }
  if (t->size() == 1 && (*t)[0] >= '1' && (*t)[0] <= '5') return (*t)[0] - '0';
  bad_enum(v, key, *t, {"very-low", "low", "medium", "high", "very-high", "1", "2", "3", "4", "5"});
  return std::nullopt;
}

model::Ref MapReader::make_ref(const Node* v, std::string_view key) {
  model::Ref r;
  r.loc = ctx_.loc(v);
  auto t = scalar_text(v, key);
  if (t) r.id = std::string(*t);
  return r;
}

model::Ref MapReader::ref(std::string_view key, bool required) {
  const Node* v = get(key);
  if (!v) {
    if (required) missing(key);
    return {};
  }
  return make_ref(v, key);
}

std::vector<model::Ref> MapReader::refs(std::string_view key, bool required) {
  std::vector<model::Ref> out;
  const Node* v = get(key);
  if (!v) {
    if (required) missing(key);
    return out;
  }
  if (v->is_scalar()) {  // a single id is accepted for a list of one
    out.push_back(make_ref(v, key));
    return out;
  }
  if (!v->is_seq()) {
    ctx_.diags->error(
        "wrong-type", ctx_.loc(v),
        "'" + std::string(key) + "' in " + what_ + " must be a list of ids, got " + v->describe());
    return out;
  }
  out.reserve(v->count);
  for (size_t i = 0; i < v->count; ++i) {
    model::Ref r = make_ref(v->item(i), key);
    if (!r.id.empty()) out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> MapReader::strings(std::string_view key) {
  std::vector<std::string> out;
  for (auto& r : refs(key)) out.push_back(std::move(r.id));
  return out;
}

std::vector<int> MapReader::ints(std::string_view key) {
  std::vector<int> out;
  for (const auto& r : refs(key)) {
    std::string_view t = r.id;
    if (t.substr(0, 4) == "CWE-" || t.substr(0, 6) == "CAPEC-") t = t.substr(t.find('-') + 1);
    // At most 8 digits, checked before any arithmetic: a long or non-numeric entry is refused
    // without overflowing on the way (found by fuzz_rule_pack under UBSan).
    if (t.empty() || t.size() > 8 ||
        !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      ctx_.diags->error(
          "wrong-type", r.loc,
          "'" + std::string(key) + "' in " + what_ + " lists numbers, got " + squote(r.id));
      continue;
    }
    int n = 0;
    for (char c : t) n = n * 10 + (c - '0');
    out.push_back(n);
  }
  return out;
}

bool MapReader::is_seq(const Node* v) { return v->is_seq(); }
size_t MapReader::seq_count(const Node* v) { return v->count; }
const Node* MapReader::seq_item(const Node* v, size_t i) { return v->item(i); }

std::vector<model::Stride> MapReader::strides(std::string_view key, bool required) {
  std::vector<model::Stride> out;
  const Node* v = get(key);
  if (!v) {
    if (required) missing(key);
    return out;
  }
  auto one = [&](const Node* n) {
    if (auto s = enum_value<model::Stride>(n, key)) {
      if (std::find(out.begin(), out.end(), *s) == out.end()) out.push_back(*s);
    }
  };
  if (v->is_seq()) {
    for (size_t i = 0; i < v->count; ++i) one(v->item(i));
  } else {
    one(v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace tw::load
