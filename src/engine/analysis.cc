#include "engine/analysis.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_map>

#include "base/memory.h"
#include "base/parallel.h"
#include "base/suggest.h"
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

bool suppressed(ThreatStatus s) {
  return s == ThreatStatus::Accepted || s == ThreatStatus::Transferred ||
         s == ThreatStatus::FalsePositive || s == ThreatStatus::NotApplicable;
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

/// How reachable the target is, and by whom. With adversaries in the model, the reach over the
/// data-flow graph already says how exposed the target is: the most capable fitting adversary
/// that reaches it decides. Without adversaries, exposure stands in for them.
int access_adjustment(bool has_adversaries, int exposure, int adversaries) {
  return has_adversaries ? adversaries : exposure;
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
      for (int skill = 0; skill < 4; ++skill) {
        std::vector<int> advs = ctx_.adversaries_in(static_cast<uint8_t>(reach));
        advs.erase(std::remove_if(advs.begin(), advs.end(),
                                  [&](int a) {
                                    auto cap = m_.adversaries[a].capability.value_or(
                                        model::Capability::Medium);
                                    return static_cast<int>(cap) < skill;
                                  }),
                   advs.end());
        adversaries_by_reach_[reach][skill] = ids_of_adversaries(m_, advs);
      }
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
      uint8_t bits = stride_bits(r->stride);
      for (AppliesTo a : r->applies_to) {
        by_kind_[static_cast<int>(a)].push_back({r, text, rank, bits});
      }
    }
  }

  // Per element, the STRIDE categories its not_applicable entries cover, and the entries.
  void index_not_applicable() {
    na_components_.assign(m_.components.size(), 0);
    na_flows_.assign(m_.flows.size(), 0);
    for (size_t i = 0; i < m_.not_applicable.size(); ++i) {
      const model::NotApplicable& na = m_.not_applicable[i];
      if (!na.target.resolved()) continue;
      const model::IdEntry* e = m_.find(na.target.id);
      if (!e) continue;
      uint8_t bits = 0;
      for (Stride s : na.stride) bits |= stride_bit(s);
      if (e->kind == model::Kind::Component) na_components_[na.target.index] |= bits;
      if (e->kind == model::Kind::Flow) na_flows_[na.target.index] |= bits;
      if (e->kind == model::Kind::Component || e->kind == model::Kind::Flow) {
        na_entries_[na.target.id].push_back(static_cast<int>(i));
      }
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
    /// STRIDE categories a rule cleared on known facts, or could not decide (run_rules).
    uint8_t considered = 0, undecided = 0;
    /// The reach path last explained on this target, and for which access class: threats of
    /// one target share it (only the thread building this slot's threats touches it).
    mutable int8_t reach_access = -1;
    mutable std::shared_ptr<const std::string> reach_path;
    bool operator<(const Slot& o) const { return key != o.key ? key < o.key : id < o.id; }
  };
  /// A rule that fired on a slot: everything a Threat needs that is not shared, before the
  /// threat is built in its final place.
  struct Hit {
    uint32_t slot;
    uint32_t rule;  ///< index into by_kind_[kind of the slot]
    size_t at = 0;  ///< position in the sorted threats
    int likelihood, impact, inherent_likelihood;
    uint8_t reach;  ///< access classes that reach the target and can use the weakness
    SharedIds assets;
    std::string description, claim;
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

    Coverage& cov = out_.coverage;
    cov.components_considered.assign(m_.components.size(), 0);
    cov.components_undecided.assign(m_.components.size(), 0);
    cov.flows_considered.assign(m_.flows.size(), 0);
    cov.flows_undecided.assign(m_.flows.size(), 0);
    for (const Slot& slot : slots) {
      if (slot.target.kind == AppliesTo::SupplyChain) continue;
      bool flow = slot.target.kind == AppliesTo::Flow;
      (flow ? cov.flows_considered : cov.components_considered)[slot.target.index] =
          slot.considered;
      (flow ? cov.flows_undecided : cov.components_undecided)[slot.target.index] = slot.undecided;
    }

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

  static uint8_t stride_bits(const std::vector<Stride>& stride) {
    uint8_t bits = 0;
    for (Stride s : stride) bits |= stride_bit(s);
    return bits;
  }

  /// The access classes that reach the target and can use the rule's weakness, with the
  /// capability it needs: the adversaries that raise the likelihood (docs/risk.md).
  uint8_t fitting_reach(const rules::Rule& r, uint8_t reach) const {
    uint8_t mask = reach & rules::rule_vectors(r);
    auto cap = ctx_.capability_in(mask);
    if (!cap || static_cast<int>(*cap) < static_cast<int>(r.skill)) return 0;
    return mask;
  }

  void run_rules(std::vector<Slot>& slots, uint32_t index, std::vector<Hit>& out) {
    Slot& slot = slots[index];
    const Target& t = slot.target;
    // Computed on the first finding, then shared by every threat on this target.
    std::optional<std::vector<int>> target_assets;
    SharedIds target_asset_ids;
    std::optional<int> exposure;
    const uint8_t reach = ctx_.target_reach(t);
    const std::vector<Bucketed>& bucket = by_kind_[static_cast<int>(t.kind)];
    for (uint32_t b = 0; b < bucket.size(); ++b) {
      const rules::Rule* r = bucket[b].rule;
      rules::Verdict v = rules::evaluate(*r, ctx_, t);
      switch (v.kind()) {
        case rules::Verdict::Kind::OutOfScope:
          continue;
        case rules::Verdict::Kind::Clear:
          slot.considered |= bucket[b].stride_bits;
          continue;
        case rules::Verdict::Kind::Undecided:
          slot.undecided |= bucket[b].stride_bits;
          continue;
        case rules::Verdict::Kind::Found:
          break;
      }
      if (!exposure) exposure = exposure_adjustment(ctx_, t);
      rules::Finding& f = *v;
      Hit& h = out.emplace_back(Hit{index, b});
      h.reach = fitting_reach(*r, reach);
      int adversaries = adversary_adjustment(ctx_.has_adversaries(),
                                             h.reach ? ctx_.capability_in(h.reach) : std::nullopt);
      if (r->vectors & rules::kNoAdversaryNeeded) adversaries = std::max(0, adversaries);
      h.inherent_likelihood =
          clamp_factor(r->likelihood + f.likelihood_delta +
                       access_adjustment(ctx_.has_adversaries(), *exposure, adversaries));
      h.likelihood =
          f.claim.empty() ? h.inherent_likelihood : residual_likelihood(h.inherent_likelihood);
      if (f.assets) {
        h.impact = rate_impact(m_, *f.assets, r->stride, r->impact);
        h.assets = ids_of_assets(m_, *f.assets);
      } else {
        if (!target_assets) {
          target_assets = ctx_.target_assets(t);
          target_asset_ids = ids_of_assets(m_, *target_assets);
        }
        h.impact = rate_impact(m_, *target_assets, r->stride, r->impact);
        h.assets = target_asset_ids;
      }
      h.description = std::move(f.description);
      h.claim = std::move(f.claim);
    }
  }

  /// The access class whose adversaries explain the rating: the most capable fitting one.
  int explaining_access(uint8_t mask) const {
    int best = -1;
    std::optional<model::Capability> best_cap;
    for (int k = 0; k < rules::kAccessCount; ++k) {
      if (!(mask & (1u << k))) continue;
      auto cap = ctx_.capability_in(static_cast<uint8_t>(1u << k));
      if (cap && (!best_cap || *cap > *best_cap)) {
        best = k;
        best_cap = cap;
      }
    }
    return best;
  }

  void build(const Slot& slot, Hit& h, Threat& th) const {
    const Target& t = slot.target;
    const Bucketed& b = by_kind_[static_cast<int>(t.kind)][h.rule];
    th.target = slot.id;
    th.id.reserve(b.rule->id.size() + 1 + slot.id.size());
    th.id.append(b.rule->id).append(1, '@').append(slot.id);
    th.text = b.text;
    th.stride = b.rule->stride;
    th.target_kind = target_kind(t.kind);
    th.target_index = t.index;
    th.likelihood = h.likelihood;
    th.impact = h.impact;
    th.inherent_score = h.inherent_likelihood * h.impact;
    th.asset_ids = std::move(h.assets);
    th.adversary_ids = adversaries_by_reach_[h.reach][static_cast<int>(b.rule->skill)];
    th.description = std::move(h.description);
    th.claim = std::move(h.claim);
    th.root_cause = b.rule->root_cause;
    if (int k = explaining_access(h.reach); k >= 0) {
      if (slot.reach_access != k) {
        slot.reach_access = static_cast<int8_t>(k);
        slot.reach_path = std::make_shared<const std::string>(ctx_.reach_path(k, t));
      }
      th.reach_path = slot.reach_path;
    }
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
      int exposure = t ? exposure_adjustment(ctx_, *t) : 0, adversaries = 0;
      if (h.adversary.resolved()) {
        const model::Adversary& adv = m_.adversaries[h.adversary.index];
        adversaries =
            adversary_adjustment(true, adv.capability.value_or(model::Capability::Medium));
        th.adversary_ids = std::make_shared<const std::vector<std::string>>(1, adv.id);
      } else if (t) {
        uint8_t reach = ctx_.target_reach(*t);
        adversaries = adversary_adjustment(ctx_.has_adversaries(), ctx_.capability_in(reach));
        th.adversary_ids = adversaries_by_reach_[reach][0];
        if (int k = explaining_access(reach); k >= 0) {
          th.reach_path = std::make_shared<const std::string>(ctx_.reach_path(k, *t));
        }
      }
      int likelihood = 3 + access_adjustment(h.adversary.resolved() || ctx_.has_adversaries(),
                                             exposure, adversaries);
      th.likelihood = clamp_factor(h.likelihood.value_or(likelihood));
      th.impact = h.impact ? clamp_factor(*h.impact) : rate_impact(m_, assets, th.stride, 3);
      th.inherent_score = th.likelihood * th.impact;
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

  /// A control or decision may name any threat a rule would raise on an element whatever its
  /// facts say: "<rule>@<element>" where the rule applies to that kind of element. Facts and
  /// controls never conflict (docs/risk.md, "Claims and facts").
  bool would_raise(const std::string& id) const {
    size_t at = id.find('@');
    if (at == std::string::npos) return false;
    const rules::Rule* r = rules_.find(std::string_view(id).substr(0, at));
    const model::IdEntry* e = m_.find(id.substr(at + 1));
    if (!r || !e) return false;
    switch (e->kind) {
      case model::Kind::Component:
        return r->applies(rules::applies_to_of(m_.components[e->index].type));
      case model::Kind::Flow:
        return r->applies(AppliesTo::Flow);
      case model::Kind::SupplyChain:
        return r->applies(AppliesTo::SupplyChain);
      default:
        return false;
    }
  }

  void unknown_threat(const model::Ref& ref, std::string_view what) {
    if (would_raise(ref.id)) return;
    auto& d = out_.diagnostics.error(
        "unknown-threat", ref.loc,
        std::string(what) + " names threat '" + ref.id + "', which the analysis does not produce");
    if (!out_.diagnostics.wants_more()) return;
    if (!candidates_) {
      std::vector<std::string_view> ids;
      ids.reserve(out_.threats.size());
      for (const Threat& t : out_.threats) ids.push_back(t.id);
      candidates_.emplace(std::move(ids));
    }
    // "<rule>@<element>" where the rule applies to that kind of element is accepted before we
    // get here (would_raise); a rule that never applies there is a mistake worth naming.
    size_t at = ref.id.find('@');
    if (at != std::string::npos) {
      std::string rule = ref.id.substr(0, at), target = ref.id.substr(at + 1);
      if (rules_.find(rule) && m_.find(target)) {
        d.message += ": rule '" + rule + "' never applies to '" + target + "'";
        d.hint =
            "`threatwright rules` lists what each rule applies to; `threatwright analyze "
            "--target " +
            target + "` lists the threats on it";
        return;
      }
    }
    std::string dym = candidates_->suggest(ref.id);
    if (!dym.empty()) {
      d.hint = "did you mean '" + dym + "'?";
    } else if (ref.id.find('@') != std::string::npos) {
      d.hint =
          "a rule or an element may have been renamed; `threatwright analyze` lists the "
          "threat ids";
    }
  }

  // What the controls naming each threat say: effective (implemented, with passing and current
  // automated evidence or a current manual verification), failing, unverified (implemented
  // without current evidence: a claim), planned.
  struct ControlClaims {
    std::vector<std::string> effective, failing, unverified, planned;
  };

  void apply_controls() {
    for (const model::Control& c : m_.controls) {
      for (const model::Ref& ref : c.mitigates) {
        Threat* t = lookup(ref.id);
        if (!t) {
          unknown_threat(ref, "control '" + c.id + "'");
          continue;
        }
        t->controls.push_back(c.id);
        ControlClaims& cl = claims_[t - out_.threats.data()];
        auto ev = opts_.evidence.find(c.id);
        using State = ControlEvidence::State;
        State state = ev == opts_.evidence.end() ? State::None : ev->second.state;
        if (c.status.value_or(model::ControlStatus::Planned) != model::ControlStatus::Implemented) {
          cl.planned.push_back(c.id);
        } else if (state == State::Failing) {
          std::string since =
              ev->second.failing_since ? " since " + ev->second.failing_since->str() : "";
          cl.failing.push_back(c.id + since);
        } else if (state == State::Passing || state == State::Manual) {
          cl.effective.push_back(c.id);
        } else {
          cl.unverified.push_back(c.id + (state == State::Stale ? " (evidence stale)" : ""));
        }
      }
    }
    for (auto& [index, cl] : claims_) {
      Threat& t = out_.threats[index];
      std::sort(t.controls.begin(), t.controls.end());
      t.controls.erase(std::unique(t.controls.begin(), t.controls.end()), t.controls.end());
      for (auto* v : {&cl.effective, &cl.failing, &cl.unverified, &cl.planned}) {
        std::sort(v->begin(), v->end());
      }
    }
  }

  /// The not_applicable entry that marks every STRIDE category of the threat, if any does: the
  /// threat then stays, with status not-applicable and that entry's reason.
  const model::NotApplicable* not_applicable_for(const Threat& t) const {
    if (t.target_index < 0 || t.stride.empty()) return nullptr;
    uint8_t marked = t.target_kind == TargetKind::Component ? na_components_[t.target_index]
                     : t.target_kind == TargetKind::Flow    ? na_flows_[t.target_index]
                                                            : 0;
    uint8_t bits = stride_bits(t.stride);
    if ((marked & bits) != bits) return nullptr;
    auto it = na_entries_.find(t.target);
    if (it == na_entries_.end()) return nullptr;
    for (int i : it->second) {
      const model::NotApplicable& na = m_.not_applicable[i];
      for (Stride s : na.stride) {
        if (s == t.stride.front()) return &na;
      }
    }
    return nullptr;
  }

  /// Status without a decision, in order: mitigated (a verified control), not-applicable, open
  /// (a control failing its verification), claimed (a stated fact, or an implemented control
  /// without current evidence), open (planned controls, or nothing).
  void rate_without_decision(Threat& t, const ControlClaims* cl) {
    auto lower = [&] {  // claims and controls both lower the likelihood once
      if (t.claim.empty()) t.likelihood = residual_likelihood(t.likelihood);
    };
    if (cl && !cl->effective.empty()) {
      lower();
      t.status = ThreatStatus::Mitigated;
      t.status_reason = "mitigated by verified control " + base::join(cl->effective, ", ");
      return;
    }
    if (const model::NotApplicable* na = not_applicable_for(t)) {
      t.status = ThreatStatus::NotApplicable;
      t.status_reason = "not applicable: " + na->because;
      return;
    }
    if (cl && !cl->failing.empty()) {
      t.status = ThreatStatus::Open;
      t.status_reason = "open: control " + base::join(cl->failing, ", ") +
                        " is implemented but its verification is failing";
      return;
    }
    if (cl && !cl->unverified.empty()) {
      lower();
      t.status = ThreatStatus::Claimed;
      t.status_reason = "claimed: control " + base::join(cl->unverified, ", ") +
                        " is implemented but has no current passing evidence" +
                        (t.claim.empty() ? "" : "; `" + t.claim + "` is stated");
      return;
    }
    if (!t.claim.empty()) {
      t.status = ThreatStatus::Claimed;
      t.status_reason = "claimed: `" + t.claim + "` is stated, with no verified control behind it";
      if (cl && !cl->planned.empty()) {
        t.status_reason += " (control " + base::join(cl->planned, ", ") + " is planned)";
      }
      return;
    }
    t.status = ThreatStatus::Open;
    if (cl && !cl->planned.empty()) {
      t.status_reason =
          "open: control " + base::join(cl->planned, ", ") + " is planned, not implemented";
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
      auto cit = claims_.find(i);
      const ControlClaims* cl = cit == claims_.end() ? nullptr : &cit->second;
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
              rate_without_decision(t, cl);
              if (t.status != ThreatStatus::Mitigated) {
                t.status = ThreatStatus::Open;
                t.status_reason = "open: acceptance expired on " + d->review_by->str() +
                                  (d->owner.empty() ? "" : " (accepted by " + d->owner + ")");
              }
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
          case ThreatStatus::Claimed:  // refused by the loader; read as open
            t.status = ThreatStatus::Open;
            t.status_reason = "open by decision" + why;
            break;
          default:
            t.status = s;
            t.status_reason = std::string(model::name(s)) + " by decision" + why;
            break;
        }
        // A mitigated decision without its own rating gets the residual likelihood.
        if (t.status == ThreatStatus::Mitigated && !d->likelihood && t.claim.empty() &&
            s == ThreatStatus::Mitigated) {
          t.likelihood = residual_likelihood(t.likelihood);
        }
      } else {
        rate_without_decision(t, cl);
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
    uint8_t stride_bits;
  };
  std::vector<Bucketed> by_kind_[5];
  size_t rule_count_ = 0;
  bool ordered_by_construction_ = true;  ///< false if a rule id contains '@'
  /// Per reach mask (a byte, so every value is precomputed): the adversaries in it.
  SharedIds adversaries_by_reach_[256][4];  ///< [reach mask][least capability]
  std::vector<uint8_t> na_components_, na_flows_;
  /// not_applicable entries (indices) per target id.
  std::unordered_map<std::string, std::vector<int>> na_entries_;
  std::optional<base::SuggestionIndex> candidates_;   ///< threat ids, for "did you mean"
  std::unordered_map<size_t, ControlClaims> claims_;  ///< per threat index
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
