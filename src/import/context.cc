#include "import/context.h"

#include <cmath>
#include <cstdlib>

#include "model/vocabulary.h"

namespace tw::import {

std::string sanitize_id(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    char l = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '_';
    if (ok) {
      out += l;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 64) break;
  }
  while (!out.empty() &&
         !((out.back() >= 'a' && out.back() <= 'z') || (out.back() >= '0' && out.back() <= '9'))) {
    out.pop_back();
  }
  size_t start = 0;
  while (start < out.size() &&
         !((out[start] >= 'a' && out[start] <= 'z') || (out[start] >= '0' && out[start] <= '9'))) {
    ++start;
  }
  return out.substr(start);
}

std::string IdSpace::make(std::string_view preferred, std::string_view fallback) {
  std::string base = sanitize_id(preferred);
  if (base.empty()) base = sanitize_id(fallback);
  if (base.empty()) base = "item";
  if (used_.insert(base).second) return base;
  for (int n = 2;; ++n) {
    std::string id = base + "-" + std::to_string(n);
    if (used_.insert(id).second) return id;
  }
}

void KeptIds::note(IdSpace& ids, const std::string& id) {
  if (id.empty() || sanitize_id(id) != id || reserved_.count(id)) return;
  if (ids.reserve(id)) reserved_.insert(id);
}

std::string KeptIds::take(const std::string& id) {
  if (!reserved_.count(id) || !taken_.insert(id).second) return "";
  return id;
}

std::string marked_id(std::string_view text, std::string* rest) {
  constexpr std::string_view kMark = "threatwright id: ";
  size_t at = text.rfind(kMark);
  // The mark opens the text or a line, and is the text's last line.
  if (at == std::string_view::npos || (at > 0 && text[at - 1] != '\n')) return "";
  std::string id = trim(text.substr(at + kMark.size()));
  if (id.empty() || id.find('\n') != std::string::npos) return "";
  if (rest) *rest = trim(text.substr(0, at));
  return id;
}

base::Loc Context::loc(const Node* n) const {
  if (!n) return base::Loc{file_, 1, 1, 1};
  return load::loc_of(*file_, n);
}

void Context::inferred(const Node* at, std::string message, std::string hint) {
  diags_->warning(kInferred, loc(at), std::move(message)).hint = std::move(hint);
}

void Context::lost(const Node* at, std::string message, std::string hint) {
  diags_->warning(kLost, loc(at), std::move(message)).hint = std::move(hint);
}

void Context::invalid(const Node* at, std::string message, std::string hint) {
  diags_->error(kInvalid, loc(at), std::move(message)).hint = std::move(hint);
}

void Context::broken(const Node* at, std::string code, std::string message, std::string hint) {
  broken(loc(at), std::move(code), std::move(message), std::move(hint));
}

void Context::broken(const base::Loc& at, std::string code, std::string message, std::string hint) {
  if (skip_broken_) {
    diags_->warning(std::move(code), at, message + "; left out (--skip-broken)").hint =
        std::move(hint);
  } else {
    if (!hint.empty()) hint += "; ";
    hint += "or pass --skip-broken to drop it and import the rest";
    diags_->error(std::move(code), at, std::move(message)).hint = std::move(hint);
  }
}

bool FirstClaim::claim(Context& cx,
                       const std::string& foreign_id,
                       const Node* at,
                       std::string_view what) {
  auto [it, fresh] = owner_.emplace(foreign_id, Owner{at, cx.loc(at)});
  if (fresh) return true;
  const base::Loc& first = it->second.loc;
  cx.broken(at, kInvalid,
            std::string(what) + " id '" + foreign_id + "' is used twice (first at " + first.path() +
                ":" + std::to_string(first.line) + ")",
            "give each " + std::string(what) + " its own id");
  return false;
}

bool FirstClaim::owns(const std::string& foreign_id, const Node* at) const {
  auto it = owner_.find(foreign_id);
  return it != owner_.end() && it->second.at == at;
}

const Node* get(const Node* map, std::string_view key) {
  if (!map || !map->is_map()) return nullptr;
  for (size_t i = 0; i < map->entries(); ++i) {
    if (map->key(i)->is_scalar() && map->key(i)->text == key) {
      const Node* v = map->value(i);
      return v->is_null() ? nullptr : v;
    }
  }
  return nullptr;
}

std::string text(const Node* n) {
  if (!n || !n->is_scalar() || n->is_null()) return "";
  return std::string(n->text);
}

std::string str(const Node* map, std::string_view key) { return text(get(map, key)); }

std::optional<bool> boolean(const Node* n) {
  if (!n || !n->is_scalar()) return std::nullopt;
  if (n->text == "true" || n->text == "True" || n->text == "TRUE") return true;
  if (n->text == "false" || n->text == "False" || n->text == "FALSE") return false;
  return std::nullopt;
}

std::optional<bool> boolean(const Node* map, std::string_view key) {
  return boolean(get(map, key));
}

std::optional<double> number(const Node* n) {
  std::string t = text(n);
  if (t.empty() || t.size() > 40) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::vector<const Node*> items(const Node* seq) {
  std::vector<const Node*> out;
  if (!seq || !seq->is_seq()) return out;
  for (size_t i = 0; i < seq->count; ++i) out.push_back(seq->item(i));
  return out;
}

std::vector<std::pair<const Node*, const Node*>> entries(const Node* map) {
  std::vector<std::pair<const Node*, const Node*>> out;
  if (!map || !map->is_map()) return out;
  for (size_t i = 0; i < map->entries(); ++i) out.emplace_back(map->key(i), map->value(i));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r'))
    --b;
  return std::string(s.substr(a, b - a));
}

std::string first_line(std::string_view s, size_t max) {
  std::string t = trim(s);
  size_t end = t.find('\n');
  if (end != std::string::npos) t = trim(t.substr(0, end));
  if (t.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    t = t.substr(0, cut) + "...";
  }
  return t;
}

std::string strip_tags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    if (!in_tag) out += c;
    if (c == '>') in_tag = false;
  }
  return out;
}

std::optional<std::string> stride_word(std::string_view word) {
  std::string w;
  for (char c : lower(trim(word))) {
    if ((c >= 'a' && c <= 'z')) w += c;
  }
  struct Pair {
    const char* word;
    const char* stride;
  };
  static constexpr Pair kWords[] = {
      {"s", "spoofing"},
      {"spoofing", "spoofing"},
      {"spoof", "spoofing"},
      {"t", "tampering"},
      {"tampering", "tampering"},
      {"manipulation", "tampering"},
      {"r", "repudiation"},
      {"repudiation", "repudiation"},
      {"i", "information-disclosure"},
      {"informationdisclosure", "information-disclosure"},
      {"infodisclosure", "information-disclosure"},
      {"disclosure", "information-disclosure"},
      {"d", "denial-of-service"},
      {"denialofservice", "denial-of-service"},
      {"dos", "denial-of-service"},
      {"e", "elevation-of-privilege"},
      {"elevationofprivilege", "elevation-of-privilege"},
      {"elevationofprivileges", "elevation-of-privilege"},
      {"privilegeescalation", "elevation-of-privilege"},
      {"eop", "elevation-of-privilege"},
  };
  for (const Pair& p : kWords) {
    if (w == p.word) return std::string(p.stride);
  }
  return std::nullopt;
}

std::optional<std::string> cia_stride(std::string_view word) {
  std::string w = lower(trim(word));
  if (w == "confidentiality" || w == "c") return std::string("information-disclosure");
  if (w == "integrity" || w == "i") return std::string("tampering");
  if (w == "availability" || w == "a") return std::string("denial-of-service");
  return std::nullopt;
}

std::string protocol_word(std::string_view free, std::optional<int>* port) {
  std::string w = lower(trim(free));
  // A trailing port number: "TCP 1234", "https:8443".
  size_t end = w.size();
  while (end > 0 && w[end - 1] >= '0' && w[end - 1] <= '9') --end;
  if (end < w.size() && end > 0 && (w[end - 1] == ' ' || w[end - 1] == ':') &&
      w.size() - end <= 5) {
    int p = std::atoi(w.c_str() + end);
    if (port && p <= 65535) *port = p;
    w = trim(w.substr(0, end - 1));
  }
  if (w == "http/s" || w == "http(s)" || w == "https/tls" || w == "tls/https") return "https";
  std::string id;
  for (char c : w) id += (c == ' ' || c == '/' || c == '_') ? '-' : c;
  if (model::builtin_protocol(id)) return id;
  if (const model::Synonym* s = model::protocol_synonym(id)) return std::string(s->means);
  return "";
}

std::string kind_word(std::string_view free) {
  std::string w = lower(trim(free));
  std::string id;
  for (char c : w) id += (c == ' ' || c == '/' || c == '_') ? '-' : c;
  if (model::builtin_kind(id)) return id;
  if (const model::Synonym* s = model::kind_synonym(id)) return std::string(s->means);
  return "";
}

}  // namespace tw::import
