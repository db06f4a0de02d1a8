#include "rules/condition.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "base/text.h"
#include "rules/context.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {

using model::Component;
using model::names;

enum class VType { Bool, Int, String, Enum };

/// A value of an attribute on one element; `known` false when the fact is not set.
struct Val {
  bool known = false;
  int64_t i = 0;  ///< bool (0/1), int, or enum ordinal
  std::string_view s;
};

using Getter = Val (*)(const Context&, int index);

struct Attr {
  std::string_view name;
  VType type;
  const std::vector<std::string_view>* values;  ///< enum spellings, in order
  bool ordered;
  std::string_view doc;
  Getter component, flow, supply;
};

Val b(const std::optional<bool>& v) { return v ? Val{true, *v ? 1 : 0, {}} : Val{}; }
Val b(bool v) { return Val{true, v ? 1 : 0, {}}; }
Val n(int64_t v) { return Val{true, v, {}}; }
template <class E>
Val e(const std::optional<E>& v) {
  return v ? Val{true, static_cast<int64_t>(*v), {}} : Val{};
}
Val s(const std::string& v) { return v.empty() ? Val{} : Val{true, 0, v}; }

// IAM: whether a principal the component acts as is administrative; unknown when it acts as
// none, or when none is and one's policy is unknown.
Val iam_administrative(const Context& ctx, int c) {
  const std::vector<int>& ps = ctx.iam.of_component(c);
  bool unknown = ps.empty();
  for (int p : ps) {
    if (ctx.iam.principals[p].administrative) return b(true);
    if (!ctx.model.principals[p].permissions) unknown = true;
  }
  return unknown ? Val{} : b(false);
}

const std::vector<std::string_view>& crossing_names() {
  static const std::vector<std::string_view> v = {"none", "inbound", "outbound", "lateral"};
  return v;
}

template <class E>
const std::vector<std::string_view>* vals() {
  return &names<E>();
}

Val assets_value(const Context& ctx, const std::vector<int>& assets) {
  return e(max_value(ctx.model, assets));
}
Val assets_cia(const Context& ctx, const std::vector<int>& assets, Cia d) {
  return e(max_cia(ctx.model, assets, d));
}

const Component& C(const Context& ctx, int i) { return ctx.component(i); }

// clang-format off
const std::vector<Attr>& attributes() {
  using model::Authentication; using model::Authorization; using model::Capability;
  using model::ComponentType; using model::FailMode; using model::Level3; using model::SupplyKind;
  using model::Trust; using model::Value;
  static const std::vector<Attr> attrs = {
    {"accepts_uploads", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).accepts_uploads); }, nullptr, nullptr},
    {"adversary_reachable", VType::Bool, nullptr, false, "a modelled adversary can reach the element",
     [](const Context& c, int i) { return b(c.reach_mask(i) != 0); },
     [](const Context& c, int i) { return b(c.flow_reach_mask(i) != 0); }, nullptr},
    {"asset_count", VType::Int, nullptr, false, "number of assets stored or carried",
     [](const Context& c, int i) { return n(c.facts.assets_at[i].size()); },
     [](const Context& c, int i) { return n(c.facts.flow_assets(i).size()); },
     [](const Context& c, int i) { return n(c.supply_assets(i).size()); }},
    {"audit_log", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).audit_log); }, nullptr, nullptr},
    {"authenticated", VType::Bool, nullptr, false, "flow fact: the sender is authenticated", nullptr,
     [](const Context& c, int i) { return b(c.flow(i).authenticated); }, nullptr},
    {"authentication", VType::Enum, vals<Authentication>(), false, "component fact",
     [](const Context& c, int i) { return e(C(c, i).authentication); }, nullptr, nullptr},
    {"authorization", VType::Enum, vals<Authorization>(), false, "component fact",
     [](const Context& c, int i) { return e(C(c, i).authorization); }, nullptr, nullptr},
    {"backups", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).backups); }, nullptr, nullptr},
    {"boundary", VType::String, nullptr, false, "id of the component's trust zone",
     [](const Context& c, int i) { return s(C(c, i).boundary.id); }, nullptr, nullptr},
    {"crosses_boundary", VType::Bool, nullptr, false, "the flow's ends sit in different zones", nullptr,
     [](const Context& c, int i) { return c.valid_flow(i) ? b(c.facts.crosses(i)) : Val{}; }, nullptr},
    {"crossing", VType::Enum, &crossing_names(), false, "direction of a boundary crossing", nullptr,
     [](const Context& c, int i) { return c.valid_flow(i) ? n(static_cast<int>(c.facts.crossing[i])) : Val{}; }, nullptr},
    {"csrf_protection", VType::Bool, nullptr, false, "component fact (a claim)", [](const Context& c, int i) { return b(C(c, i).csrf_protection); }, nullptr, nullptr},
    {"custom_developed", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).custom_developed); }, nullptr, nullptr},
    {"declared_kind", VType::String, nullptr, false, "component kind as written (a kind the model declares, not its base)",
     [](const Context& c, int i) { return s(C(c, i).kind); }, nullptr, nullptr},
    {"dependents", VType::Int, nullptr, false, "distinct components with a flow into it",
     [](const Context& c, int i) { return n(c.facts.dependents[i]); }, nullptr, nullptr},
    {"deployment_checks", VType::Bool, nullptr, false, "component fact (a claim)", [](const Context& c, int i) { return b(C(c, i).deployment_checks); }, nullptr, nullptr},
    {"ecosystem", VType::String, nullptr, false, "supply-chain fact", nullptr, nullptr,
     [](const Context& c, int i) { return s(c.model.supply_chain[i].ecosystem); }},
    {"email_authentication", VType::Bool, nullptr, false, "component fact (a claim)", [](const Context& c, int i) { return b(C(c, i).email_authentication); }, nullptr, nullptr},
    {"encrypted", VType::Bool, nullptr, false, "flow: the `encrypted` fact, else what the protocol implies", nullptr,
     [](const Context& c, int i) { return b(flow_encrypted(c.flow(i))); }, nullptr},
    {"encrypted_at_rest", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).encrypted_at_rest); }, nullptr, nullptr},
    {"encryption", VType::Enum, vals<model::Encryption>(), false, "component fact (data stores)",
     [](const Context& c, int i) { return e(C(c, i).encryption); }, nullptr, nullptr},
    {"entry_point", VType::Bool, nullptr, false, "component: receives a flow from a less trusted zone; flow: crosses inbound",
     [](const Context& c, int i) { return b(c.entry_point(i)); },
     [](const Context& c, int i) { return c.valid_flow(i) ? b(c.facts.entry_point(i)) : Val{}; }, nullptr},
    {"fail_mode", VType::Enum, vals<FailMode>(), false, "component fact",
     [](const Context& c, int i) { return e(C(c, i).fail_mode); }, nullptr, nullptr},
    {"flow_authentication", VType::Enum, vals<model::FlowAuthentication>(), false, "flow fact: the `authentication` method", nullptr,
     [](const Context& c, int i) { return e(c.flow(i).authentication); }, nullptr},
    {"flow_authorization", VType::Enum, vals<model::FlowAuthorization>(), false, "flow fact: the `authorization`", nullptr,
     [](const Context& c, int i) { return e(c.flow(i).authorization); }, nullptr},
    {"flows_in", VType::Int, nullptr, false, "number of flows ending at the component",
     [](const Context& c, int i) { return n(c.facts.flows_in[i].size()); }, nullptr, nullptr},
    {"flows_out", VType::Int, nullptr, false, "number of flows starting at the component",
     [](const Context& c, int i) { return n(c.facts.flows_out[i].size()); }, nullptr, nullptr},
    {"from_kind", VType::String, nullptr, false, "kind of the flow's source", nullptr,
     [](const Context& c, int i) { return c.valid_flow(i) ? s(c.from(i).effective_kind()) : Val{}; }, nullptr},
    {"from_trust", VType::Enum, vals<Trust>(), true, "trust of the flow's source zone", nullptr,
     [](const Context& c, int i) { return c.valid_flow(i) ? n(static_cast<int>(c.facts.trust[c.flow(i).from.index])) : Val{}; }, nullptr},
    {"from_type", VType::Enum, vals<ComponentType>(), false, "type of the flow's source", nullptr,
     [](const Context& c, int i) { return c.valid_flow(i) ? n(static_cast<int>(c.from(i).type)) : Val{}; }, nullptr},
    {"has_failure_analysis", VType::Bool, nullptr, false, "a failure mode names the component",
     [](const Context& c, int i) { return b(c.has_failure_analysis(i)); }, nullptr, nullptr},
    {"iam_administrative", VType::Bool, nullptr, false, "a principal it runs as or may assume is administrative (iam)",
     [](const Context& c, int i) { return iam_administrative(c, i); }, nullptr, nullptr},
    {"id", VType::String, nullptr, false, "the element's id",
     [](const Context& c, int i) { return s(C(c, i).id); }, [](const Context& c, int i) { return s(c.flow(i).id); },
     [](const Context& c, int i) { return s(c.model.supply_chain[i].id); }},
    {"input_validation", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).input_validation); }, nullptr, nullptr},
    {"integrity_checked", VType::Bool, nullptr, false, "supply-chain fact", nullptr, nullptr,
     [](const Context& c, int i) { return b(c.model.supply_chain[i].integrity_checked); }},
    {"internet_exposed", VType::Bool, nullptr, false, "component: internet-facing or fed from an untrusted zone; flow: its source is",
     [](const Context& c, int i) { return b(c.exposed(i)); }, [](const Context& c, int i) { return b(c.flow_exposed(i)); }, nullptr},
    {"internet_facing", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).internet_facing); }, nullptr, nullptr},
    {"ip_filtered", VType::Bool, nullptr, false, "flow fact", nullptr, [](const Context& c, int i) { return b(c.flow(i).ip_filtered); }, nullptr},
    {"kind", VType::String, nullptr, false, "component kind as rules read it (a declared kind reads as its base); supply-chain kind",
     [](const Context& c, int i) { return s(C(c, i).effective_kind()); }, nullptr,
     [](const Context& c, int i) {
       const auto& k = c.model.supply_chain[i].kind;
       return k ? Val{true, 0, model::name(*k)} : Val{};
     }},
    {"machine", VType::Enum, vals<model::Machine>(), false, "component fact",
     [](const Context& c, int i) { return e(C(c, i).machine); }, nullptr, nullptr},
    {"max_adversary_capability", VType::Enum, vals<Capability>(), true, "highest capability of the adversaries able to reach it",
     [](const Context& c, int i) { return e(c.max_capability(i)); },
     [](const Context& c, int i) { return e(c.capability_in(c.flow_reach_mask(i))); }, nullptr},
    {"max_asset_value", VType::Enum, vals<Value>(), true, "highest value of the assets at stake",
     [](const Context& c, int i) { return assets_value(c, c.facts.assets_at[i]); },
     [](const Context& c, int i) { return assets_value(c, c.facts.flow_assets(i)); },
     [](const Context& c, int i) { return assets_value(c, c.supply_assets(i)); }},
    {"max_availability", VType::Enum, vals<Level3>(), true, "highest availability need of the assets at stake",
     [](const Context& c, int i) { return assets_cia(c, c.facts.assets_at[i], Cia::Availability); },
     [](const Context& c, int i) { return assets_cia(c, c.facts.flow_assets(i), Cia::Availability); },
     [](const Context& c, int i) { return assets_cia(c, c.supply_assets(i), Cia::Availability); }},
    {"max_confidentiality", VType::Enum, vals<Level3>(), true, "highest confidentiality of the assets at stake",
     [](const Context& c, int i) { return assets_cia(c, c.facts.assets_at[i], Cia::Confidentiality); },
     [](const Context& c, int i) { return assets_cia(c, c.facts.flow_assets(i), Cia::Confidentiality); },
     [](const Context& c, int i) { return assets_cia(c, c.supply_assets(i), Cia::Confidentiality); }},
    {"max_integrity", VType::Enum, vals<Level3>(), true, "highest integrity need of the assets at stake",
     [](const Context& c, int i) { return assets_cia(c, c.facts.assets_at[i], Cia::Integrity); },
     [](const Context& c, int i) { return assets_cia(c, c.facts.flow_assets(i), Cia::Integrity); },
     [](const Context& c, int i) { return assets_cia(c, c.supply_assets(i), Cia::Integrity); }},
    {"multi_tenant", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).multi_tenant); }, nullptr, nullptr},
    {"mutual_tls", VType::Bool, nullptr, false, "flow fact", nullptr, [](const Context& c, int i) { return b(c.flow(i).mutual_tls); }, nullptr},
    {"name", VType::String, nullptr, false, "the element's name",
     [](const Context& c, int i) { return s(C(c, i).name); }, [](const Context& c, int i) { return s(c.flow(i).name); },
     [](const Context& c, int i) { return s(c.model.supply_chain[i].name); }},
    {"object_authorization", VType::Bool, nullptr, false, "component fact (a claim)", [](const Context& c, int i) { return b(C(c, i).object_authorization); }, nullptr, nullptr},
    {"output_encoding", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).output_encoding); }, nullptr, nullptr},
    {"password_reset", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).password_reset); }, nullptr, nullptr},
    {"pinned", VType::Bool, nullptr, false, "supply-chain fact", nullptr, nullptr,
     [](const Context& c, int i) { return b(c.model.supply_chain[i].pinned); }},
    {"port", VType::Int, nullptr, false, "flow fact", nullptr,
     [](const Context& c, int i) { const auto& p = c.flow(i).port; return p ? n(*p) : Val{}; }, nullptr},
    {"protocol", VType::String, nullptr, false, "flow fact (a declared protocol reads as its base)", nullptr, [](const Context& c, int i) { return s(c.flow(i).effective_protocol()); }, nullptr},
    {"rate_limited", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).rate_limited); }, nullptr, nullptr},
    {"read_only", VType::Bool, nullptr, false, "flow fact", nullptr, [](const Context& c, int i) { return b(c.flow(i).read_only); }, nullptr},
    {"redundant", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).redundant); }, nullptr, nullptr},
    {"replay_protection", VType::Bool, nullptr, false, "flow fact (a claim)", nullptr,
     [](const Context& c, int i) { return b(c.flow(i).replay_protection); }, nullptr},
    {"runs_as", VType::String, nullptr, false, "component fact: the principal it runs as (iam)", [](const Context& c, int i) { return s(C(c, i).runs_as.id); }, nullptr, nullptr},
    {"runs_as_root", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).runs_as_root); }, nullptr, nullptr},
    {"runs_on", VType::String, nullptr, false, "id of the runtime the component runs on",
     [](const Context& c, int i) { return s(C(c, i).runs_on.id); }, nullptr, nullptr},
    {"secrets", VType::Enum, vals<model::SecretsAt>(), false, "component fact: where its secrets live",
     [](const Context& c, int i) { return e(C(c, i).secrets); }, nullptr, nullptr},
    {"sessions", VType::Enum, vals<model::Sessions>(), false, "component fact",
     [](const Context& c, int i) { return e(C(c, i).sessions); }, nullptr, nullptr},
    {"signed", VType::Bool, nullptr, false, "flow fact: messages are signed (a claim)", nullptr,
     [](const Context& c, int i) { return b(c.flow(i).signed_messages); }, nullptr},
    {"source", VType::String, nullptr, false, "supply-chain fact (public-registry, ...)", nullptr, nullptr,
     [](const Context& c, int i) { return s(c.model.supply_chain[i].source); }},
    {"supply_chain_count", VType::Int, nullptr, false, "supply-chain entries the component uses",
     [](const Context& c, int i) { return n(c.facts.supply_of[i].size()); }, nullptr, nullptr},
    {"technology", VType::String, nullptr, false, "component fact", [](const Context& c, int i) { return s(C(c, i).technology); }, nullptr, nullptr},
    {"to_kind", VType::String, nullptr, false, "kind of the flow's destination", nullptr,
     [](const Context& c, int i) { return c.valid_flow(i) ? s(c.to(i).effective_kind()) : Val{}; }, nullptr},
    {"to_trust", VType::Enum, vals<Trust>(), true, "trust of the flow's destination zone", nullptr,
     [](const Context& c, int i) { return c.valid_flow(i) ? n(static_cast<int>(c.facts.trust[c.flow(i).to.index])) : Val{}; }, nullptr},
    {"to_type", VType::Enum, vals<ComponentType>(), false, "type of the flow's destination", nullptr,
     [](const Context& c, int i) { return c.valid_flow(i) ? n(static_cast<int>(c.to(i).type)) : Val{}; }, nullptr},
    {"trust", VType::Enum, vals<Trust>(), true, "trust of the component's zone (untrusted when none)",
     [](const Context& c, int i) { return n(static_cast<int>(c.facts.trust[i])); }, nullptr, nullptr},
    {"type", VType::Enum, vals<ComponentType>(), false, "component type",
     [](const Context& c, int i) { return n(static_cast<int>(C(c, i).type)); }, nullptr, nullptr},
    {"upload_validation", VType::Bool, nullptr, false, "component fact (a claim)", [](const Context& c, int i) { return b(C(c, i).upload_validation); }, nullptr, nullptr},
    {"usage", VType::Enum, vals<model::Usage>(), false, "flow fact", nullptr,
     [](const Context& c, int i) { return e(c.flow(i).usage); }, nullptr},
    {"used_by_count", VType::Int, nullptr, false, "components using the supply-chain entry", nullptr, nullptr,
     [](const Context& c, int i) { return n(c.model.supply_chain[i].used_by.size()); }},
    {"used_by_humans", VType::Bool, nullptr, false, "component fact", [](const Context& c, int i) { return b(C(c, i).used_by_humans); }, nullptr, nullptr},
    {"version", VType::String, nullptr, false, "supply-chain fact", nullptr, nullptr,
     [](const Context& c, int i) { return s(c.model.supply_chain[i].version); }},
    {"vpn", VType::Bool, nullptr, false, "flow fact", nullptr, [](const Context& c, int i) { return b(c.flow(i).vpn); }, nullptr},
  };
  return attrs;
}
// clang-format on

Getter getter_for(const Attr& a, AppliesTo k) {
  switch (k) {
    case AppliesTo::Flow:
      return a.flow;
    case AppliesTo::SupplyChain:
      return a.supply;
    default:
      return a.component;
  }
}

const Attr* find_attr(std::string_view name) {
  const auto& attrs = attributes();
  auto it = std::lower_bound(attrs.begin(), attrs.end(), name,
                             [](const Attr& a, std::string_view n) { return a.name < n; });
  return it != attrs.end() && it->name == name ? &*it : nullptr;
}

std::string kinds_text(const std::vector<AppliesTo>& kinds) {
  std::string out;
  for (AppliesTo k : kinds) {
    if (!out.empty()) out += ", ";
    out += applies_to_name(k);
  }
  return out;
}

/// Looks an attribute up for rules applying to `kinds`; fills `err` when it is unknown or not
/// defined for one of the kinds.
const Attr* resolve_attr(std::string_view name,
                         const std::vector<AppliesTo>& kinds,
                         size_t offset,
                         ConditionError& err) {
  const Attr* a = find_attr(name);
  if (!a) {
    std::vector<std::string_view> cands;
    for (const Attr& x : attributes()) {
      bool ok = true;
      for (AppliesTo k : kinds) ok = ok && getter_for(x, k);
      if (ok) cands.push_back(x.name);
    }
    err = {offset, name.size(), "unknown attribute '" + std::string(name) + "'", ""};
    std::string dym = base::did_you_mean(name, cands);
    if (!dym.empty()) err.hint = "did you mean '" + dym + "'?";
    return nullptr;
  }
  for (AppliesTo k : kinds) {
    if (!getter_for(*a, k)) {
      err = {offset, name.size(),
             "attribute '" + std::string(name) + "' is not defined for " +
                 std::string(applies_to_name(k)) + " elements",
             "this rule applies to: " + kinds_text(kinds)};
      return nullptr;
    }
  }
  return a;
}

enum class Tri { False, True, Unknown };
Tri tri(bool v) { return v ? Tri::True : Tri::False; }

enum class Cmp { Eq, Ne, Lt, Le, Gt, Ge };

struct Token {
  enum Kind { End, Word, Str, Op, LParen, RParen, LBrack, RBrack, Comma, Bad } kind = End;
  std::string_view text;
  size_t offset = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view t) : t_(t) {}
  Token next() {
    while (pos_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[pos_]))) ++pos_;
    Token tok;
    tok.offset = pos_;
    if (pos_ >= t_.size()) return tok;
    char c = t_[pos_];
    auto single = [&](Token::Kind k) {
      tok.kind = k;
      tok.text = t_.substr(pos_++, 1);
      return tok;
    };
    switch (c) {
      case '(':
        return single(Token::LParen);
      case ')':
        return single(Token::RParen);
      case '[':
        return single(Token::LBrack);
      case ']':
        return single(Token::RBrack);
      case ',':
        return single(Token::Comma);
      default:
        break;
    }
    if (c == '=' || c == '!' || c == '<' || c == '>') {
      size_t len = pos_ + 1 < t_.size() && t_[pos_ + 1] == '=' ? 2 : 1;
      tok.kind = Token::Op;
      tok.text = t_.substr(pos_, len);
      pos_ += len;
      return tok;
    }
    if (c == '"' || c == '\'') {
      size_t end = t_.find(c, pos_ + 1);
      if (end == std::string_view::npos) {
        tok.kind = Token::Bad;
        tok.text = t_.substr(pos_);
        pos_ = t_.size();
        return tok;
      }
      tok.kind = Token::Str;
      tok.text = t_.substr(pos_ + 1, end - pos_ - 1);
      pos_ = end + 1;
      return tok;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = pos_;
      while (pos_ < t_.size()) {
        char d = t_[pos_];
        if (std::isalnum(static_cast<unsigned char>(d)) || d == '_' || d == '-' || d == '+' ||
            d == '.') {
          ++pos_;
        } else {
          break;
        }
      }
      tok.kind = Token::Word;
      tok.text = t_.substr(start, pos_ - start);
      return tok;
    }
    tok.kind = Token::Bad;
    tok.text = t_.substr(pos_, 1);
    ++pos_;
    return tok;
  }

 private:
  std::string_view t_;
  size_t pos_ = 0;
};

bool is_identifier(std::string_view w) {
  if (w.empty() || !(std::islower(static_cast<unsigned char>(w[0])) || w[0] == '_')) return false;
  for (char c : w) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return true;
}

bool is_keyword(std::string_view w) {
  return w == "and" || w == "or" || w == "not" || w == "in" || w == "is" || w == "known" ||
         w == "unknown" || w == "true" || w == "false";
}

}  // namespace

struct Literal {
  int64_t i = 0;
  std::string s;
};

struct Condition::Node {
  enum class Op { And, Or, Not, Truthy, Compare, In, Known } op = Op::Truthy;
  int a = -1, b = -1;
  const Attr* attr = nullptr;
  Cmp cmp = Cmp::Eq;
  bool negate = false;
  std::vector<Literal> values;
};

Condition::~Condition() = default;

namespace {

class Parser {
 public:
  Parser(std::string_view text,
         const std::vector<AppliesTo>& kinds,
         const ConditionLimits& limits,
         Condition& out,
         ConditionError& err)
      : lex_(text), kinds_(kinds), limits_(limits), out_(out), err_(err) {
    advance();
  }

  bool parse() {
    int root = parse_or(0);
    if (root < 0) return false;
    if (tok_.kind != Token::End) {
      return fail(tok_, "unexpected '" + std::string(tok_.text) + "' after a complete condition",
                  "join conditions with 'and' or 'or'");
    }
    out_.root = root;
    return true;
  }

 private:
  void advance() { tok_ = lex_.next(); }

  bool fail(const Token& t, std::string msg, std::string hint = "") {
    if (err_.message.empty()) {
      err_.offset = t.offset;
      err_.length = std::max<size_t>(1, t.text.size());
      err_.message = std::move(msg);
      err_.hint = std::move(hint);
    }
    return false;
  }

  int add(Condition::Node n) {
    if (out_.nodes.size() >= limits_.max_nodes) {
      fail(tok_,
           "condition is too large (more than " + std::to_string(limits_.max_nodes) + " terms)");
      return -1;
    }
    out_.nodes.push_back(std::move(n));
    return static_cast<int>(out_.nodes.size() - 1);
  }

  bool word(std::string_view w) const { return tok_.kind == Token::Word && tok_.text == w; }

  int parse_or(size_t depth) {
    int left = parse_and(depth);
    while (left >= 0 && word("or")) {
      advance();
      int right = parse_and(depth);
      if (right < 0) return -1;
      left = add({Condition::Node::Op::Or, left, right});
    }
    return left;
  }

  int parse_and(size_t depth) {
    int left = parse_unary(depth);
    while (left >= 0 && word("and")) {
      advance();
      int right = parse_unary(depth);
      if (right < 0) return -1;
      left = add({Condition::Node::Op::And, left, right});
    }
    return left;
  }

  int parse_unary(size_t depth) {
    if (depth >= limits_.max_depth) {
      fail(tok_, "condition is nested too deeply (more than " + std::to_string(limits_.max_depth) +
                     " levels)");
      return -1;
    }
    if (word("not")) {
      advance();
      int inner = parse_unary(depth + 1);
      if (inner < 0) return -1;
      return add({Condition::Node::Op::Not, inner});
    }
    if (tok_.kind == Token::LParen) {
      Token open = tok_;
      advance();
      int inner = parse_or(depth + 1);
      if (inner < 0) return -1;
      if (tok_.kind != Token::RParen) {
        fail(tok_, tok_.kind == Token::End ? "missing ')'"
                                           : "expected ')', got '" + std::string(tok_.text) + "'");
        err_.hint = err_.hint.empty() ? "the '(' is at column " + std::to_string(open.offset + 1)
                                      : err_.hint;
        return -1;
      }
      advance();
      return inner;
    }
    return parse_test();
  }

  int parse_test() {
    if (tok_.kind == Token::End) {
      fail(tok_, "expected an attribute, got the end of the condition");
      return -1;
    }
    if (tok_.kind != Token::Word || !is_identifier(tok_.text) || is_keyword(tok_.text)) {
      fail(tok_, "expected an attribute, got '" + std::string(tok_.text) + "'");
      return -1;
    }
    Token name = tok_;
    const Attr* attr = resolve_attr(name.text, kinds_, name.offset, err_);
    if (!attr) return -1;
    advance();
    Condition::Node node;
    node.attr = attr;
    if (tok_.kind == Token::Op) {
      Token op = tok_;
      static const std::pair<std::string_view, Cmp> kOps[] = {{"==", Cmp::Eq}, {"!=", Cmp::Ne},
                                                              {"<", Cmp::Lt},  {"<=", Cmp::Le},
                                                              {">", Cmp::Gt},  {">=", Cmp::Ge}};
      bool found = false;
      for (auto& [text, cmp] : kOps) {
        if (op.text == text) node.cmp = cmp, found = true;
      }
      if (!found) {
        fail(op, "unknown operator '" + std::string(op.text) + "'",
             op.text == "=" ? "use '==' to compare" : "operators: == != < <= > >= in, is known");
        return -1;
      }
      bool ordering = node.cmp != Cmp::Eq && node.cmp != Cmp::Ne;
      if (ordering && !(attr->type == VType::Int || (attr->type == VType::Enum && attr->ordered))) {
        fail(op,
             "operator '" + std::string(op.text) + "' needs an ordered attribute, and '" +
                 std::string(attr->name) + "' is not ordered",
             "use == or != (or 'in [...]')");
        return -1;
      }
      advance();
      node.op = Condition::Node::Op::Compare;
      Literal lit;
      if (!parse_value(*attr, lit)) return -1;
      node.values.push_back(std::move(lit));
      return add(std::move(node));
    }
    bool negate = false;
    if (word("not")) {
      negate = true;
      advance();
      if (!word("in")) {
        fail(tok_, "expected 'in' after 'not' here");
        return -1;
      }
    }
    if (word("in")) {
      advance();
      node.op = Condition::Node::Op::In;
      node.negate = negate;
      if (tok_.kind != Token::LBrack) {
        fail(tok_, "expected '[' to start the list after 'in'");
        return -1;
      }
      advance();
      while (true) {
        if (node.values.size() >= limits_.max_list) {
          fail(tok_,
               "list is too long (more than " + std::to_string(limits_.max_list) + " values)");
          return -1;
        }
        Literal lit;
        if (!parse_value(*attr, lit)) return -1;
        node.values.push_back(std::move(lit));
        if (tok_.kind == Token::Comma) {
          advance();
          continue;
        }
        if (tok_.kind == Token::RBrack) {
          advance();
          break;
        }
        fail(tok_, "expected ',' or ']' in the list");
        return -1;
      }
      return add(std::move(node));
    }
    if (word("is")) {
      advance();
      node.op = Condition::Node::Op::Known;
      if (word("not")) {
        node.negate = true;
        advance();
      }
      if (word("known")) {
      } else if (word("unknown")) {
        node.negate = !node.negate;
      } else {
        fail(tok_, "expected 'known' or 'unknown' after 'is'");
        return -1;
      }
      advance();
      return add(std::move(node));
    }
    if (attr->type != VType::Bool) {
      if (tok_.kind == Token::End || word("and") || word("or") || tok_.kind == Token::RParen) {
        fail(name, "attribute '" + std::string(attr->name) + "' is not a boolean",
             "compare it: " + std::string(attr->name) + " == VALUE");
      } else {
        fail(tok_,
             "expected an operator after '" + std::string(attr->name) + "', got '" +
                 std::string(tok_.text) + "'",
             "operators: == != < <= > >= in, is known");
      }
      return -1;
    }
    node.op = Condition::Node::Op::Truthy;
    return add(std::move(node));
  }

  bool parse_value(const Attr& attr, Literal& lit) {
    Token t = tok_;
    if (t.kind != Token::Word && t.kind != Token::Str) {
      return fail(t, t.kind == Token::End ? "expected a value, got the end of the condition"
                                          : "expected a value, got '" + std::string(t.text) + "'");
    }
    advance();
    switch (attr.type) {
      case VType::Bool:
        if (t.text == "true" || t.text == "false") {
          lit.i = t.text == "true";
          return true;
        }
        return fail(t, "'" + std::string(t.text) + "' is not a value of " + std::string(attr.name) +
                           " (true | false)");
      case VType::Int: {
        int64_t v = 0;
        if (t.text.empty() || t.text.size() > 9) {
          return fail(t, "'" + std::string(t.text) + "' is not a number");
        }
        for (char c : t.text) {
          if (!std::isdigit(static_cast<unsigned char>(c))) {
            return fail(t, "'" + std::string(t.text) + "' is not a number");
          }
          v = v * 10 + (c - '0');
        }
        lit.i = v;
        return true;
      }
      case VType::String:
        lit.s = std::string(t.text);
        return true;
      case VType::Enum: {
        const auto& vs = *attr.values;
        for (size_t i = 0; i < vs.size(); ++i) {
          if (vs[i] == t.text) {
            lit.i = static_cast<int64_t>(i);
            return true;
          }
        }
        std::string all;
        for (auto v : vs) all += (all.empty() ? "" : " | ") + std::string(v);
        std::string dym = base::did_you_mean(t.text, vs);
        return fail(t,
                    "'" + std::string(t.text) + "' is not a value of " + std::string(attr.name) +
                        " (" + all + ")",
                    dym.empty() ? "" : "did you mean '" + dym + "'?");
      }
    }
    return false;
  }

  Lexer lex_;
  Token tok_;
  const std::vector<AppliesTo>& kinds_;
  const ConditionLimits& limits_;
  Condition& out_;
  ConditionError& err_;
};

bool compare(const Val& v, const Literal& lit, VType type, Cmp cmp) {
  int c;
  if (type == VType::String) {
    c = v.s < lit.s ? -1 : v.s == lit.s ? 0 : 1;
  } else {
    c = v.i < lit.i ? -1 : v.i == lit.i ? 0 : 1;
  }
  switch (cmp) {
    case Cmp::Eq:
      return c == 0;
    case Cmp::Ne:
      return c != 0;
    case Cmp::Lt:
      return c < 0;
    case Cmp::Le:
      return c <= 0;
    case Cmp::Gt:
      return c > 0;
    case Cmp::Ge:
      return c >= 0;
  }
  return false;
}

Tri eval(const Condition& cond, int n, const Context& ctx, const Target& t) {
  const Condition::Node& node = cond.nodes[n];
  using Op = Condition::Node::Op;
  switch (node.op) {
    case Op::And: {
      Tri a = eval(cond, node.a, ctx, t);
      if (a == Tri::False) return Tri::False;
      Tri b2 = eval(cond, node.b, ctx, t);
      if (b2 == Tri::False) return Tri::False;
      return a == Tri::True && b2 == Tri::True ? Tri::True : Tri::Unknown;
    }
    case Op::Or: {
      Tri a = eval(cond, node.a, ctx, t);
      if (a == Tri::True) return Tri::True;
      Tri b2 = eval(cond, node.b, ctx, t);
      if (b2 == Tri::True) return Tri::True;
      return a == Tri::False && b2 == Tri::False ? Tri::False : Tri::Unknown;
    }
    case Op::Not: {
      Tri a = eval(cond, node.a, ctx, t);
      return a == Tri::Unknown ? a : tri(a == Tri::False);
    }
    default:
      break;
  }
  Val v = getter_for(*node.attr, t.kind)(ctx, t.index);
  switch (node.op) {
    case Op::Known:
      return tri(v.known != node.negate);
    case Op::Truthy:
      return v.known ? tri(v.i != 0) : Tri::Unknown;
    case Op::Compare:
      return v.known ? tri(compare(v, node.values[0], node.attr->type, node.cmp)) : Tri::Unknown;
    case Op::In: {
      if (!v.known) return Tri::Unknown;
      bool found = false;
      for (const Literal& lit : node.values)
        found = found || compare(v, lit, node.attr->type, Cmp::Eq);
      return tri(found != node.negate);
    }
    default:
      return Tri::Unknown;
  }
}

std::string val_text(const Attr& a, const Val& v) {
  if (!v.known) return "unknown";
  switch (a.type) {
    case VType::Bool:
      return v.i ? "true" : "false";
    case VType::Int:
      return std::to_string(v.i);
    case VType::String:
      return std::string(v.s);
    case VType::Enum:
      return std::string((*a.values)[v.i]);
  }
  return "unknown";
}

}  // namespace

bool Condition::holds(const Context& ctx, const Target& target) const {
  return !nodes.empty() && eval(*this, root, ctx, target) == Tri::True;
}

Condition::Outcome Condition::decide(const Context& ctx, const Target& target) const {
  if (nodes.empty()) return Outcome::Unknown;
  switch (eval(*this, root, ctx, target)) {
    case Tri::True:
      return Outcome::True;
    case Tri::False:
      return Outcome::False;
    default:
      return Outcome::Unknown;
  }
}

std::shared_ptr<const Condition> compile_condition(std::string_view text,
                                                   const std::vector<AppliesTo>& kinds,
                                                   ConditionError& error,
                                                   const ConditionLimits& limits) {
  error = {};
  if (text.size() > limits.max_chars) {
    error = {
        limits.max_chars, 1,
        "condition is too long (more than " + std::to_string(limits.max_chars) + " characters)",
        ""};
    return nullptr;
  }
  if (kinds.empty()) {
    error = {0, 1, "the rule applies to no element kind", "set applies_to"};
    return nullptr;
  }
  auto cond = std::make_shared<Condition>();
  Parser p(text, kinds, limits, *cond, error);
  if (!p.parse()) return nullptr;
  return cond;
}

bool check_template(std::string_view text,
                    const std::vector<AppliesTo>& kinds,
                    ConditionError& error) {
  size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string_view::npos) {
    size_t end = text.find('}', pos);
    if (end == std::string_view::npos) {
      error = {pos, 1, "unclosed '{' in the description", "write {attribute}"};
      return false;
    }
    std::string_view name = text.substr(pos + 1, end - pos - 1);
    if (!resolve_attr(name, kinds, pos + 1, error)) return false;
    pos = end + 1;
  }
  return true;
}

std::string render_description(std::string_view text, const Context& ctx, const Target& target) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find('{', pos);
    size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(pos));
      return out;
    }
    out.append(text.substr(pos, open - pos));
    const Attr* a = find_attr(text.substr(open + 1, close - open - 1));
    Getter g = a ? getter_for(*a, target.kind) : nullptr;
    out += g ? val_text(*a, g(ctx, target.index)) : "unknown";
    pos = close + 1;
  }
}

std::vector<AttributeInfo> attribute_catalog() {
  std::vector<AttributeInfo> out;
  for (const Attr& a : attributes()) {
    AttributeInfo info{a.name, {}, a.doc, {}};
    switch (a.type) {
      case VType::Bool:
        info.type = "bool";
        break;
      case VType::Int:
        info.type = "int";
        break;
      case VType::String:
        info.type = "string";
        break;
      case VType::Enum: {
        std::string all;
        for (auto v : *a.values) all += (all.empty() ? "" : " | ") + std::string(v);
        if (a.ordered) all += " (ordered)";
        info.type = all;
        break;
      }
    }
    if (a.component) {
      info.kinds = {AppliesTo::ExternalEntity, AppliesTo::Process, AppliesTo::DataStore};
    }
    if (a.flow) info.kinds.push_back(AppliesTo::Flow);
    if (a.supply) info.kinds.push_back(AppliesTo::SupplyChain);
    out.push_back(info);
  }
  return out;
}

}  // namespace tw::rules
