#pragma once
// Test helpers: build small resolved models in C++ and run one rule over them.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "model/model.h"
#include "rules/rule.h"

namespace tw::rules::testing {

using namespace tw::model;

/// Builds a resolved Model: ids registered, references resolved by id.
class ModelBuilder {
 public:
  Asset& asset(const std::string& id,
               Value v,
               Level3 c = Level3::High,
               Level3 i = Level3::High,
               Level3 a = Level3::High);
  Adversary& adversary(const std::string& id, Access access, Capability cap);
  Boundary& boundary(const std::string& id, Trust trust, const std::string& parent = "");
  Component& component(const std::string& id,
                       ComponentType type,
                       const std::string& kind,
                       const std::string& boundary);
  Component& process(const std::string& id, const std::string& kind, const std::string& boundary);
  Component& store(const std::string& id, const std::string& kind, const std::string& boundary);
  Component& entity(const std::string& id, const std::string& kind, const std::string& boundary);
  Flow& flow(const std::string& id,
             const std::string& from,
             const std::string& to,
             const std::string& protocol,
             const std::vector<std::string>& data = {});
  SupplyItem& supply(const std::string& id,
                     SupplyKind kind,
                     const std::vector<std::string>& used_by);
  FailureMode& failure_mode(const std::string& id, const std::string& component, Behaviour b);
  Control& control(const std::string& id,
                   ControlStatus status,
                   const std::vector<std::string>& mitigates);
  Decision& decision(const std::string& threat, ThreatStatus status);
  NotApplicable& not_applicable(const std::string& target, std::vector<Stride> stride);
  Threat& threat(const std::string& id, const std::string& target, std::vector<Stride> stride);

  /// An existing element, to change its facts.
  Component& comp(const std::string& id);
  Flow& flow(const std::string& id);
  Asset& asset(const std::string& id);
  SupplyItem& supply(const std::string& id);

  std::unique_ptr<Model> build() const;

 private:
  std::deque<Asset> assets_;
  std::deque<Adversary> adversaries_;
  std::deque<Boundary> boundaries_;
  std::deque<Component> components_;
  std::deque<Flow> flows_;
  std::deque<SupplyItem> supply_;
  std::deque<FailureMode> failure_modes_;
  std::deque<Control> controls_;
  std::deque<Decision> decisions_;
  std::deque<NotApplicable> not_applicable_;
  std::deque<Threat> threats_;
};

// ---- IAM ----

/// Adds principals to a built model, registering ids and resolving references by id as it goes.
class IamBuilder {
 public:
  explicit IamBuilder(Model& m) : m_(m) {}
  /// A principal with a known policy (`permissions` empty: none) and known long_lived_keys.
  Principal& principal(const std::string& id,
                       PrincipalKind kind,
                       std::vector<Permission> permissions,
                       bool long_lived_keys = false);
  Principal& get(const std::string& id);
  void runs_as(const std::string& component, const std::string& principal);
  /// `who` (a component or principal) may assume `principal`.
  void assumable_by(const std::string& principal, const std::string& who);
  void trust(const std::string& principal, const std::string& subject, const std::string& issuer);
  void acts_on(const std::string& principal, const std::string& component);

 private:
  Ref resolved(const std::string& id) const;
  Model& m_;
};
Permission allow(std::vector<std::string> actions, std::vector<std::string> resources);
Permission deny(std::vector<std::string> actions, std::vector<std::string> resources);

Ref ref(const std::string& id);
std::vector<Ref> refs(const std::vector<std::string>& ids);

/// One case of a table-driven rule test: its name, an edit of the secure shop, and the ids
/// ("<rule>@<target>") the rule must find after it, sorted. A test file may still declare its
/// own `Case` in its anonymous namespace; that one hides this.
struct Case {
  const char* name;
  void (*edit)(ModelBuilder&);
  std::vector<std::string> want;
};

/// The secure shop with one edit.
std::unique_ptr<Model> shop(void (*edit)(ModelBuilder&));

/// A small shop where every security fact is set to its safe value: no built-in rule fires.
///   customer (browser, internet) -browse-> web (web-app, dmz, internet-facing)
///     -call-> api (api, core) -query-> db (sql-database, core)
/// Assets: cards (critical), catalog (low). Adversary: internet-attacker (medium).
void secure_shop(ModelBuilder& b);

/// Ids ("<rule>@<target>") of the weaknesses `rule` finds in `m` (present or suspected, not
/// claimed away by a stated fact), sorted.
std::vector<std::string> run_rule(const Rule& rule, const Model& m);
std::vector<std::string> run_rule(std::string_view rule_id, const Model& m);
/// The rule's verdict on one target (out of scope when the target does not exist).
Verdict judge(std::string_view rule_id, const Model& m, const std::string& target);
/// The description the rule gives for one target (empty when it does not fire there).
std::string describe(std::string_view rule_id, const Model& m, const std::string& target);

}  // namespace tw::rules::testing
