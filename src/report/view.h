#pragma once
// What several writers show, computed once: threats per target, worst open severity per
// element, boundary nesting, the STRIDE-per-element coverage, control status in words.

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/analysis.h"
#include "model/facts.h"
#include "model/model.h"
#include "report/report.h"

namespace tw::report {

/// How one STRIDE category of one element or flow is covered.
struct StrideCell {
  /// Considered: a rule that applies there was evaluated on known facts and found nothing.
  enum class Kind { Threats, NotApplicable, NotAnalysed, Considered };
  Kind kind = Kind::NotAnalysed;
  std::vector<const engine::Threat*> threats;  ///< Kind::Threats, sorted by id
  std::string reason;                          ///< Kind::NotApplicable
  bool by_chart = false;  ///< not applicable by the STRIDE-per-element chart, not by the model
};

class View {
 public:
  View(const model::Model& m, const engine::Analysis& a, const Options& o);

  const model::Model& m;
  const engine::Analysis& a;
  const Options& o;
  model::Facts facts;

  /// Threats aimed at `target` (component, flow, or any other id), sorted by id.
  const std::vector<const engine::Threat*>& threats_of(const std::string& target) const;
  /// Targets that are neither a component nor a flow (model-wide, supply chain, ...), sorted.
  std::vector<std::string> other_targets() const;

  /// Worst severity among open threats on a component / flow.
  std::optional<engine::Severity> worst_open_component(int c) const { return worst_comp_[c]; }
  std::optional<engine::Severity> worst_open_flow(int f) const { return worst_flow_[f]; }

  /// Boundary nesting: top-level boundaries, children of each, components of each, and the
  /// components in no declared boundary. All in model order.
  const std::vector<int>& top_boundaries() const { return top_; }
  const std::vector<int>& child_boundaries(int b) const { return children_[b]; }
  const std::vector<int>& boundary_components(int b) const { return members_[b]; }
  const std::vector<int>& unbounded_components() const { return unbounded_; }
  /// Nesting depth of a boundary (0 for top level).
  int boundary_depth(int b) const;
  /// The boundary a component sits in, or -1.
  int boundary_of(int c) const;

  /// The six STRIDE cells of a component (type given) or of a flow (type nullopt).
  std::array<StrideCell, 6> stride_cells(const std::string& target,
                                         std::optional<model::ComponentType> type) const;

  /// The decision the model records for a threat id, or null.
  const model::Decision* decision(const std::string& threat) const;

  /// "passing as of 2026-10-01", "failing since 2026-09-02", "never verified", ...
  std::string control_state(const model::Control& c) const;
  /// The evidence for a control (State::None when absent).
  engine::ControlEvidence evidence(const std::string& control) const;

  /// last_reviewed + cadence_days, when both are set.
  std::optional<base::Date> next_review() const;

  /// A component's or flow's display name: its name, else its id.
  std::string component_name(int c) const;
  std::string flow_name(int f) const;
  std::string boundary_name(int b) const;
  /// Name of any id (component, flow, asset, ...), else the id itself.
  std::string name_of(const std::string& id) const;

 private:
  std::map<std::string, std::vector<const engine::Threat*>> by_target_;
  std::vector<std::optional<engine::Severity>> worst_comp_, worst_flow_;
  std::vector<int> top_, unbounded_;
  std::vector<std::vector<int>> children_, members_;
  std::map<std::string, const model::Decision*> decisions_;
};

/// "S, T" style letters of STRIDE categories.
std::string stride_letters(const std::vector<model::Stride>& s);
/// "Information disclosure" style label of one category.
std::string stride_label(model::Stride s);
/// "spoofing, tampering" spellings.
std::string stride_names(const std::vector<model::Stride>& s);
/// "yes" / "no" / "unknown".
std::string yes_no(const std::optional<bool>& b);
/// "External entity", "Process", "Data store".
std::string type_label(model::ComponentType t);

}  // namespace tw::report
