#include "engine/analysis.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_map>

#include "base/memory.h"
#include "base/parallel.h"
#include "base/text.h"
#include "engine/pattern.h"
#include "engine/risk.h"
#include "rules/context.h"
#include "rules/rule_pack.h"
#include "rules/rule_set.h"

namespace tw::engine {

using model::Stride;
using model::ThreatStatus;
using rules::AppliesTo;
using rules::Context;
using rules::Target;

const ThreatText& Threat::no_text() {
  static const ThreatText none;
  return none;
}

const std::vector<std::string>& Threat::no_ids() {
  static const std::vector<std::string> none;
  return none;
}

const Threat* Analysis::find(const std::string& id) const {
  auto it = std::lower_bound(threats.begin(), threats.end(), id,
                             [](const Threat& t, const std::string& v) { return t.id < v; });
  return it != threats.end() && it->id == id ? &*it : nullptr;
}

namespace {

uint8_t stride_bit(Stride s) { return static_cast<uint8_t>(1u << static_cast<int>(s)); }

/// +1 when the target is exposed to the internet or an untrusted zone, -1 when it sits in a
/// trusted zone and nothing less trusted feeds it, else 0.
int exposure_adjustment(const Context& ctx, const Target& t) {
  using model::Trust;
  switch (t.kind) {
    case AppliesTo::Flow: {
      if (!ctx.valid_flow(t.index)) return 0;
      if (ctx.flow_exposed(t.index)) return 1;
      const auto& f = ctx.flow(t.index);
      bool inside = !ctx.facts.crosses(t.index) && ctx.facts.trust[f.from.index] == Trust::Trusted;
      return inside ? -1 : 0;
    }
    case AppliesTo::SupplyChain:
      return 0;
    default:
      if (ctx.exposed(t.index)) return 1;
      return ctx.facts.trust[t.index] == Trust::Trusted && !ctx.entry_point(t.index) ? -1 : 0;
  }
}

TargetKind target_kind(AppliesTo a) {
  switch (a) {
    case AppliesTo::Flow:
      return TargetKind::Flow;
    case AppliesTo::SupplyChain:
      return TargetKind::SupplyChain;
    default:
      return TargetKind::Component;
  }
}

SharedIds ids_of_assets(const model::Model& m, const std::vector<int>& assets) {
  if (assets.empty()) return nullptr;
  auto out = std::make_shared<std::vector<std::string>>();
  out->reserve(assets.size());
  for (int a : assets) out->push_back(m.assets[a].id);
  std::sort(out->begin(), out->end());
  return out;
}

SharedIds ids_of_adversaries(const model::Model& m, const std::vector<int>& advs) {
  if (advs.empty()) return nullptr;
  auto out = std::make_shared<std::vector<std::string>>();
  out->reserve(advs.size());
  for (int a : advs) out->push_back(m.adversaries[a].id);
  return out;  // already sorted by id
}

class Analyzer {
 public:
  Analyzer(const model::Model& m, const AnalyzeOptions& opts, const rules::RuleSet& rules)
      : m_(m), opts_(opts), rules_(rules), ctx_(m) {}

  Analysis run() {
    bucket_rules();
    index_not_applicable();
    for (int reach = 0; reach < 256; ++reach) {
      adversaries_by_reach_[reach] =
          ids_of_adversaries(m_, ctx_.adversaries_in(static_cast<uint8_t>(reach)));
    }
    generate();
    add_hand_written();
    apply_controls();
    apply_decisions();
    check_attack_trees();
    finish();
    return std::move(out_);
  }

  Analysis& out() { return out_; }

 private:
  // Sorts threats by id through a permutation applied in place (cycle by cycle), so each
  // Threat moves about once and no second array of them is ever allocated. Only needed when
  // generation cannot emit threats in id order by construction (see generate()).
  void sort_threats() {
    std::vector<Threat>& v = out_.threats;
    std::vector<uint32_t> order(v.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return v[a].id < v[b].id; });
    // Position i must receive v[order[i]].
    for (uint32_t start = 0; start < order.size(); ++start) {
      if (order[start] == start) continue;
      Threat held = std::move(v[start]);
      uint32_t cur = start;
      while (order[cur] != start) {
        uint32_t next = order[cur];
        v[cur] = std::move(v[next]);
        order[cur] = cur;
        cur = next;
      }
      v[cur] = std::move(held);
      order[cur] = cur;
    }
  }

  // Ranks the rules by "<id>@": a threat id is "<rule-id>@<target-id>" and no rule id contains
  // '@', so "<id>@" strings are prefix-free and ordering threat ids is ordering by (rule rank,
  // target id).
  void bucket_rules() {
    std::vector<const rules::Rule*> ranked = rules_.rules();
    std::sort(ranked.begin(), ranked.end(),
              [](const rules::Rule* a, const rules::Rule* b) { return a->id + '@' < b->id + '@'; });
    rule_count_ = ranked.size();
    for (uint32_t rank = 0; rank < ranked.size(); ++rank) {
      const rules::Rule* r = ranked[rank];
      if (r->id.find('@') != std::string::npos) ordered_by_construction_ = false;
      auto text = std::make_shared<const ThreatText>(
          ThreatText{r->id, r->title, r->mitigation, r->cwe, r->capec});
      for (AppliesTo a : r->applies_to) by_kind_[static_cast<int>(a)].push_back({r, text, rank});
    }
  }

  void index_not_applicable() {
    na_components_.assign(m_.components.size(), 0);
    na_flows_.assign(m_.flows.size(), 0);
    for (const model::NotApplicable& na : m_.not_applicable) {
      if (!na.target.resolved()) continue;
      const model::IdEntry* e = m_.find(na.target.id);
      if (!e) continue;
      uint8_t bits = 0;
      for (Stride s : na.stride) bits |= stride_bit(s);
      if (e->kind == model::Kind::Component) na_components_[na.target.index] |= bits;
      if (e->kind == model::Kind::Flow) na_flows_[na.target.index] |= bits;
    }
  }

  /// An element the rules run on.
  struct Slot {
    Slot(Target t, std::string_view i, uint8_t na) : target(t), id(i), not_applicable(na) {
      for (size_t k = 0; k < 8; ++k) {
        key = key << 8 | (k < i.size() ? static_cast<unsigned char>(i[k]) : 0);
      }
    }
    /// The first 8 bytes of the id, big-endian and zero-padded: ordering by it agrees with
    /// ordering by id, so most comparisons never touch the id itself.
    uint64_t key = 0;
    Target target;
    std::string_view id;
    uint8_t not_applicable = 0;
    bool operator<(const Slot& o) const { return key != o.key ? key < o.key : id < o.id; }
  };
  /// A rule that fired on a slot: everything a Threat needs that is not shared, before the
  /// threat is built in its final place.
  struct Hit {
    uint32_t slot;
    uint32_t rule;  ///< index into by_kind_[kind of the slot]
    size_t at = 0;  ///< position in the sorted threats
    int likelihood, impact;
    std::vector<Stride> stride;
    SharedIds assets;
    std::string description;
  };

  /// Every rule on every element, in two passes spread over worker threads. Elements are
  /// visited in id order; a stable counting sort of the hits by rule rank then gives each
  /// threat its place in id order without comparing threat ids, and each threat is built once,
  /// in place. The result does not depend on the thread count.
  void generate() {
    std::vector<Slot> slots;
    slots.reserve(m_.components.size() + m_.flows.size() + m_.supply_chain.size());
    for (size_t c = 0; c < m_.components.size(); ++c) {
      Target t{rules::applies_to_of(m_.components[c].type), static_cast<int>(c)};
      slots.emplace_back(t, m_.components[c].id, na_components_[c]);
    }
    for (size_t f = 0; f < m_.flows.size(); ++f) {
      if (!ctx_.valid_flow(static_cast<int>(f))) continue;
      slots.emplace_back(Target{AppliesTo::Flow, static_cast<int>(f)}, m_.flows[f].id,
                         na_flows_[f]);
    }
    for (size_t s = 0; s < m_.supply_chain.size(); ++s) {
      Target t{AppliesTo::SupplyChain, static_cast<int>(s)};
      slots.emplace_back(t, ctx_.target_id(t), 0);
    }
    std::stable_sort(slots.begin(), slots.end());

    constexpr size_t kChunk = 1024;
    std::vector<std::vector<Hit>> hits((slots.size() + kChunk - 1) / kChunk);
    unsigned threads = slots.size() >= 4 * kChunk ? base::worker_threads() : 1;
    base::run_parallel(hits.size(), threads, [&](size_t k) {
      size_t end = std::min(slots.size(), (k + 1) * kChunk);
      hits[k].reserve(2 * (end - k * kChunk));
      for (size_t i = k * kChunk; i < end; ++i) run_rules(slots, static_cast<uint32_t>(i), hits[k]);
    });

    std::vector<size_t> at(rule_count_ + 1, 0);
    for (const std::vector<Hit>& chunk : hits) {
      for (const Hit& h : chunk) ++at[rank_of(slots, h) + 1];
    }
    for (size_t r = 1; r < at.size(); ++r) at[r] += at[r - 1];
    for (std::vector<Hit>& chunk : hits) {
      for (Hit& h : chunk) h.at = at[rank_of(slots, h)]++;
    }
    out_.threats.reserve(at.back() + m_.threats.size());
    base::advise_huge_pages(out_.threats.data(), out_.threats.capacity() * sizeof(Threat));
    out_.threats.resize(at.back());
    base::run_parallel(hits.size(), threads, [&](size_t k) {
      for (Hit& h : hits[k]) build(slots[h.slot], h, out_.threats[h.at]);
      std::vector<Hit>().swap(hits[k]);
    });
  }

  uint32_t rank_of(const std::vector<Slot>& slots, const Hit& h) const {
    return by_kind_[static_cast<int>(slots[h.slot].target.kind)][h.rule].rank;
  }

  /// The STRIDE categories of a rule that the slot does not declare not applicable.
  static std::vector<Stride> categories(const rules::Rule& r, const Slot& slot) {
    std::vector<Stride> stride;
    for (Stride s : r.stride) {
      if (!(slot.not_applicable & stride_bit(s))) stride.push_back(s);
    }
    return stride;
  }

  void run_rules(const std::vector<Slot>& slots, uint32_t index, std::vector<Hit>& out) {
    const Slot& slot = slots[index];
    const Target& t = slot.target;
    // Computed on the first finding, then shared by every threat on this target.
    std::optional<std::vector<int>> target_assets;
    SharedIds target_asset_ids;
    std::optional<int> adjustment;  // of the likelihood, by exposure and adversaries
    const std::vector<Bucketed>& bucket = by_kind_[static_cast<int>(t.kind)];
    for (uint32_t b = 0; b < bucket.size(); ++b) {
      const rules::Rule* r = bucket[b].rule;
      std::vector<Stride> stride = categories(*r, slot);
      if (stride.empty()) continue;
      std::optional<rules::Finding> f = rules::evaluate(*r, ctx_, t);
      if (!f) continue;
      if (!adjustment) {
        adjustment =
            exposure_adjustment(ctx_, t) +
            adversary_adjustment(ctx_.has_adversaries(), ctx_.capability_in(ctx_.target_reach(t)));
      }
      Hit& h = out.emplace_back(Hit{index, b});
      h.likelihood = clamp_factor(r->likelihood + f->likelihood_delta + *adjustment);
      if (f->assets) {
        h.impact = rate_impact(m_, *f->assets, stride, r->impact);
        h.assets = ids_of_assets(m_, *f->assets);
      } else {
        if (!target_assets) {
          target_assets = ctx_.target_assets(t);
          target_asset_ids = ids_of_assets(m_, *target_assets);
        }
        h.impact = rate_impact(m_, *target_assets, stride, r->impact);
        h.assets = target_asset_ids;
      }
      h.stride = std::move(stride);
      h.description = std::move(f->description);
    }
  }

  void build(const Slot& slot, Hit& h, Threat& th) const {
    const Target& t = slot.target;
    const Bucketed& b = by_kind_[static_cast<int>(t.kind)][h.rule];
    th.target = slot.id;
    th.id.reserve(b.rule->id.size() + 1 + slot.id.size());
    th.id.append(b.rule->id).append(1, '@').append(slot.id);
    th.text = b.text;
    th.stride = std::move(h.stride);
    th.target_kind = target_kind(t.kind);
    th.target_index = t.index;
    th.likelihood = h.likelihood;
    th.impact = h.impact;
    th.asset_ids = std::move(h.assets);
    th.adversary_ids = adversaries_by_reach_[ctx_.target_reach(t)];
    th.description = std::move(h.description);
    th.loc = ctx_.target_loc(t);
  }

  /// Hand-written threats join the generated ones, in id order.
  void add_hand_written() {
    std::vector<Threat> hand;
    hand.reserve(m_.threats.size());
    for (const model::Threat& h : m_.threats) {
      Threat th;
      th.id = h.id;
      th.text = std::make_shared<const ThreatText>(
          ThreatText{std::string(), h.title, h.mitigation, h.cwe, h.capec});
      th.stride = h.stride;
      th.target = h.target.id;
      th.description = !h.description.empty() ? h.description : h.vector;
      th.loc = h.loc;
      std::optional<Target> t;
      if (h.target.resolved()) {
        if (const model::IdEntry* e = m_.find(h.target.id)) {
          if (e->kind == model::Kind::Component) {
            t = Target{rules::applies_to_of(m_.components[e->index].type), e->index};
          } else if (e->kind == model::Kind::Flow) {
            t = Target{AppliesTo::Flow, e->index};
          }
        }
      }
      th.target_kind = t ? target_kind(t->kind) : TargetKind::Model;
      th.target_index = t ? t->index : -1;
      std::vector<int> assets;
      for (const model::Ref& a : h.assets) {
        if (a.resolved()) assets.push_back(a.index);
      }
      std::sort(assets.begin(), assets.end());
      assets.erase(std::unique(assets.begin(), assets.end()), assets.end());
      if (assets.empty() && t) assets = ctx_.target_assets(*t);
      int likelihood = 3;
      if (t) likelihood += exposure_adjustment(ctx_, *t);
      if (h.adversary.resolved()) {
        const model::Adversary& adv = m_.adversaries[h.adversary.index];
        likelihood +=
            adversary_adjustment(true, adv.capability.value_or(model::Capability::Medium));
        th.adversary_ids = std::make_shared<const std::vector<std::string>>(1, adv.id);
      } else if (t) {
        uint8_t reach = ctx_.target_reach(*t);
        likelihood += adversary_adjustment(ctx_.has_adversaries(), ctx_.capability_in(reach));
        th.adversary_ids = adversaries_by_reach_[reach];
      }
      th.likelihood = clamp_factor(h.likelihood.value_or(likelihood));
      th.impact = h.impact ? clamp_factor(*h.impact) : rate_impact(m_, assets, th.stride, 3);
      th.asset_ids = ids_of_assets(m_, assets);
      hand.push_back(std::move(th));
    }
    if (!ordered_by_construction_) {
      for (Threat& t : hand) out_.threats.push_back(std::move(t));
      sort_threats();
      return;
    }
    if (hand.empty()) return;
    auto by_id = [](const Threat& a, const Threat& b) { return a.id < b.id; };
    std::stable_sort(hand.begin(), hand.end(), by_id);
    // Merge from the back into the room already reserved: no second array of threats.
    std::vector<Threat>& v = out_.threats;
    size_t i = v.size(), j = hand.size();
    v.resize(i + j);
    for (size_t k = v.size(); j > 0;) {
      if (i > 0 && hand[j - 1].id < v[i - 1].id) {
        v[--k] = std::move(v[--i]);
      } else {
        v[--k] = std::move(hand[--j]);
      }
    }
  }

  Threat* lookup(const std::string& id) {
    auto it = std::lower_bound(out_.threats.begin(), out_.threats.end(), id,
                               [](const Threat& t, const std::string& v) { return t.id < v; });
    return it != out_.threats.end() && it->id == id ? &*it : nullptr;
  }

  void unknown_threat(const model::Ref& ref, std::string_view what) {
    auto& d = out_.diagnostics.error(
        "unknown-threat", ref.loc,
        std::string(what) + " names threat '" + ref.id + "', which the analysis does not produce");
    if (!out_.diagnostics.wants_more()) return;
    if (candidates_.empty()) {
      candidates_.reserve(out_.threats.size());
      for (const Threat& t : out_.threats) candidates_.push_back(t.id);
    }
    // "<rule>@<element>" where both exist: the rule no longer finds its weakness there, which
    // is what fixing it looks like. Say so rather than suggest a look-alike id.
    size_t at = ref.id.find('@');
    if (at != std::string::npos) {
      std::string rule = ref.id.substr(0, at), target = ref.id.substr(at + 1);
      if (rules_.find(rule) && m_.find(target)) {
        d.message += ": rule '" + rule + "' no longer finds its weakness on '" + target + "'";
        d.hint =
            "if the weakness was fixed (or declared not_applicable), remove this reference; "
            "`threatwright analyze --target " +
            target + "` lists the threats that remain";
        return;
      }
    }
    std::string dym = base::did_you_mean(ref.id, candidates_);
    if (!dym.empty()) {
      d.hint = "did you mean '" + dym + "'?";
    } else if (ref.id.find('@') != std::string::npos) {
      d.hint =
          "a rule or an element may have been renamed; `threatwright analyze` lists the "
          "threat ids";
    }
  }

  void apply_controls() {
    struct Claims {
      std::vector<std::string> effective, failing, planned;
    };
    std::unordered_map<size_t, Claims> claims;
    for (const model::Control& c : m_.controls) {
      for (const model::Ref& ref : c.mitigates) {
        Threat* t = lookup(ref.id);
        if (!t) {
          unknown_threat(ref, "control '" + c.id + "'");
          continue;
        }
        t->controls.push_back(c.id);
        Claims& cl = claims[t - out_.threats.data()];
        auto ev = opts_.evidence.find(c.id);
        bool failing =
            ev != opts_.evidence.end() && ev->second.state == ControlEvidence::State::Failing;
        if (c.status.value_or(model::ControlStatus::Planned) != model::ControlStatus::Implemented) {
          cl.planned.push_back(c.id);
        } else if (failing) {
          std::string since =
              ev->second.failing_since ? " since " + ev->second.failing_since->str() : "";
          cl.failing.push_back(c.id + since);
        } else {
          cl.effective.push_back(c.id);
        }
      }
    }
    for (auto& [index, cl] : claims) {
      Threat& t = out_.threats[index];
      std::sort(t.controls.begin(), t.controls.end());
      t.controls.erase(std::unique(t.controls.begin(), t.controls.end()), t.controls.end());
      for (auto* v : {&cl.effective, &cl.failing, &cl.planned}) std::sort(v->begin(), v->end());
      if (!cl.effective.empty()) {
        t.status = ThreatStatus::Mitigated;
        t.status_reason = "mitigated by implemented control " + base::join(cl.effective, ", ");
      } else if (!cl.failing.empty()) {
        t.status_reason = "open: control " + base::join(cl.failing, ", ") +
                          " is implemented but its verification is failing";
      } else {
        t.status_reason =
            "open: control " + base::join(cl.planned, ", ") + " is planned, not implemented";
      }
    }
  }

  void apply_decisions() {
    // The last decision on a threat wins.
    std::unordered_map<size_t, const model::Decision*> decided;
    for (const model::Decision& d : m_.decisions) {
      Threat* t = lookup(d.threat.id);
      if (!t) {
        unknown_threat(d.threat, "decision");
        continue;
      }
      decided[t - out_.threats.data()] = &d;
    }
    for (size_t i = 0; i < out_.threats.size(); ++i) {
      Threat& t = out_.threats[i];
      t.inherent_score = t.likelihood * t.impact;
      auto it = decided.find(i);
      const model::Decision* d = it == decided.end() ? nullptr : it->second;
      if (d) {
        if (d->likelihood) t.likelihood = clamp_factor(*d->likelihood);
        if (d->impact) t.impact = clamp_factor(*d->impact);
        t.owner = d->owner;
        t.review_by = d->review_by;
        ThreatStatus s = d->status.value_or(ThreatStatus::Open);
        std::string why = d->rationale.empty() ? "" : ": " + d->rationale;
        switch (s) {
          case ThreatStatus::Accepted:
            if (d->review_by && *d->review_by < opts_.today) {
              t.status = ThreatStatus::Open;
              t.status_reason = "open: acceptance expired on " + d->review_by->str() +
                                (d->owner.empty() ? "" : " (accepted by " + d->owner + ")");
            } else {
              t.status = s;
              t.status_reason = "accepted" + (d->owner.empty() ? "" : " by " + d->owner) +
                                (d->review_by ? " until " + d->review_by->str() : "") + why;
            }
            break;
          case ThreatStatus::Open:
            t.status = s;
            t.status_reason = "open by decision" + why;
            break;
          default:
            t.status = s;
            t.status_reason = std::string(model::name(s)) + " by decision" + why;
            break;
        }
        // A mitigated decision without its own rating gets the residual likelihood.
        if (t.status == ThreatStatus::Mitigated && !d->likelihood) {
          t.likelihood = residual_likelihood(t.likelihood);
        }
      } else if (t.status == ThreatStatus::Mitigated) {  // by an implemented control
        t.likelihood = residual_likelihood(t.likelihood);
      }
      t.score = t.likelihood * t.impact;
      t.severity = severity_for_score(t.score);
    }
  }

  void check_node(const model::AttackNode& n) {
    if (!n.threat.id.empty() && !lookup(n.threat.id)) unknown_threat(n.threat, "attack step");
    for (const model::AttackNode& c : n.children) check_node(c);
  }

  void check_attack_trees() {
    for (const model::AttackTree& t : m_.attack_trees) check_node(t.root);
  }

  void finish() {
    Summary& s = out_.summary;
    s.total = static_cast<int>(out_.threats.size());
    for (int i = 0; i <= static_cast<int>(Severity::Critical); ++i) {
      s.by_severity[std::string(severity_name(static_cast<Severity>(i)))] = 0;
    }
    for (auto n : model::names<ThreatStatus>()) s.by_status[std::string(n)] = 0;
    for (auto n : model::names<Stride>()) s.by_stride[std::string(n)] = 0;
    // Counted by enum value first: no string is built per threat.
    std::map<Severity, int> severity;
    std::map<ThreatStatus, int> status;
    std::map<Stride, int> stride;
    for (const Threat& t : out_.threats) {
      if (t.status == ThreatStatus::Open) ++severity[t.severity];
      ++status[t.status];
      for (Stride st : t.stride) ++stride[st];
    }
    for (auto [k, n] : severity) s.by_severity[std::string(severity_name(k))] += n;
    for (auto [k, n] : status) s.by_status[std::string(model::name(k))] += n;
    for (auto [k, n] : stride) s.by_stride[std::string(model::name(k))] += n;
    out_.evidence = opts_.evidence;
    out_.diagnostics.sort();
  }

  const model::Model& m_;
  const AnalyzeOptions& opts_;
  const rules::RuleSet& rules_;
  Context ctx_;
  Analysis out_;
  struct Bucketed {
    const rules::Rule* rule;
    std::shared_ptr<const ThreatText> text;
    uint32_t rank;  ///< position of the rule in threat-id order
  };
  std::vector<Bucketed> by_kind_[5];
  size_t rule_count_ = 0;
  bool ordered_by_construction_ = true;  ///< false if a rule id contains '@'
  /// Per reach mask (a byte, so every value is precomputed): the adversaries in it.
  SharedIds adversaries_by_reach_[256];
  std::vector<uint8_t> na_components_, na_flows_;
  std::vector<std::string_view> candidates_;
};

}  // namespace

Analysis analyze(const model::Model& model,
                 const AnalyzeOptions& options,
                 const rules::RuleSet& rules) {
  Analysis a = Analyzer(model, options, rules).run();
  a.sources = rules.sources();
  // A stdout_matches that RE2 refuses is a mistake in the model, found before verify runs.
  size_t before = a.diagnostics.error_count();
  check_patterns(model, a.diagnostics);
  if (a.diagnostics.error_count() != before) a.diagnostics.sort();
  return a;
}

Analysis analyze(const model::Model& model, const AnalyzeOptions& options) {
  rules::RuleSet rules;
  base::Diagnostics pack_diags;
  rules::load_rule_packs(model, options.rule_dirs, rules, pack_diags);
  Analysis a = analyze(model, options, rules);
  if (pack_diags.items().empty() && pack_diags.error_count() == 0) return a;
  pack_diags.append(a.diagnostics);
  pack_diags.sort();
  a.diagnostics = std::move(pack_diags);
  return a;
}

}  // namespace tw::engine
