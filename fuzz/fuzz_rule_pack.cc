// libFuzzer target: any bytes as a custom rule pack must parse to rules or diagnostics, and
// the rules it yields must evaluate over a model without crashing or running away.

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/diagnostic.h"
#include "engine/analysis.h"
#include "load/loader.h"
#include "rules/rule_pack.h"
#include "rules/rule_set.h"

namespace {

const tw::model::Model& sample_model() {
  static auto* result = new tw::load::LoadResult(tw::load::load_model_text("sample.yaml", R"(
threatwright: 1
system: {name: Fuzz, methodology: stride}
assets:
  - {id: cards, name: Cards, value: critical, impact: Fraud}
boundaries:
  - {id: internet, name: Internet, trust: untrusted}
  - {id: dc, name: DC, trust: trusted}
components:
  - {id: user, type: external-entity, kind: browser, boundary: internet}
  - {id: api, type: process, kind: api, boundary: dc, internet_facing: true,
     authentication: none, input_validation: false}
  - {id: db, type: data-store, kind: sql-database, boundary: dc, stores: [cards],
     encrypted_at_rest: false}
flows:
  - {id: req, from: user, to: api, protocol: http, data: [cards], encrypted: false}
  - {id: q, from: api, to: db, protocol: sql, data: [cards], authenticated: true}
supply_chain:
  - {id: deps, kind: library, used_by: [api], pinned: false}
)"));
  return *result->model;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const tw::model::Model& model = sample_model();
  tw::rules::RuleSet rules;
  tw::base::Diagnostics diags;
  tw::rules::add_rule_pack_text("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size),
                                rules, diags);
  volatile size_t rendered = tw::base::render_text(diags, false).size();
  (void)rendered;
  if (rules.custom_count() > 0) {
    tw::engine::AnalyzeOptions options;
    options.today = tw::base::Date{2026, 11, 26};
    tw::engine::Analysis analysis = tw::engine::analyze(model, options, rules);
    volatile size_t threats = analysis.threats.size();  // the work must not be optimised out
    (void)threats;
  }
  return 0;
}
