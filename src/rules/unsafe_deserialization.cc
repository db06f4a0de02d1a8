// Rule unsafe-deserialization: Untrusted messages deserialised without validation.
// Metadata and logic; docs/rules/unsafe-deserialization.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (accepts(c, DataFormat::Serialization)) {
    return weak_unless_true(c.input_validation, "input_validation",
                            label(c) +
                                " accepts serialised objects from its callers without validating "
                                "them: a crafted object graph can execute code in the process");
  }
  int f = find_flow_in(ctx, t.index, [&](const Flow& fl, const Component& from) {
    bool message = fl.effective_protocol().rfind("amqp", 0) == 0 ||
                   fl.effective_protocol().rfind("kafka", 0) == 0 ||
                   fl.effective_protocol().rfind("grpc", 0) == 0;
    return from.effective_kind() == "queue" ||
           (message && ctx.facts.trust[fl.from.index] < ctx.facts.trust[fl.to.index]);
  });
  if (f < 0) return std::nullopt;
  return weak_unless_true(
      c.input_validation, "input_validation",
      label(c) + " deserialises messages from " + label(ctx.from(f)) +
          " without validating them: a crafted message can execute code in the consumer");
}
}  // namespace

const Rule& rule_unsafe_deserialization() {
  static const Rule rule{
      .id = "unsafe-deserialization",
      .title = "Untrusted messages deserialised without validation",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {502},
      .capec = {586},
      .detection =
          "A process that consumes from a queue, or receives a flow from a less trusted "
          "zone over a message protocol (amqp, kafka, grpc), and does not validate input "
          "(`input_validation` false; unknown counts with a lower likelihood). Also any "
          "process whose `data_formats` include serialization.",
      .likelihood = 2,
      .impact = 5,
      .mitigation =
          "Deserialise only into schema-defined data types (JSON/Protobuf with a schema), "
          "never native object graphs; validate before use and run consumers with least "
          "privilege.",
      .false_positives = "Consumers that read only plain text or numbers.",
      .references = {"https://cwe.mitre.org/data/definitions/502.html",
                     "https://capec.mitre.org/data/definitions/586.html"},
      .root_cause = "input_validation",
      .skill = Capability::Medium,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
