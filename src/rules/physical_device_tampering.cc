// Rule physical-device-tampering: Device in the field without protected storage.
// Metadata and logic; docs/rules/physical-device-tampering.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  bool device = c.effective_kind().find("device") != std::string::npos ||
                kind_in(c, {"kiosk", "pos-terminal"});
  if (!device) return std::nullopt;
  if (ctx.facts.trust[t.index] == Trust::Trusted) return Verdict::clear();
  return weak_unless_true(c.encrypted_at_rest, "encrypted_at_rest",
                          label(c) +
                              " is a device outside a trusted zone without encrypted storage: "
                              "whoever holds it can read and change its firmware, keys and data");
}
}  // namespace

const Rule& rule_physical_device_tampering() {
  static const Rule rule{
      .id = "physical-device-tampering",
      .title = "Device in the field without protected storage",
      .stride = {Stride::Tampering},
      .applies_to = {AppliesTo::Process, AppliesTo::ExternalEntity},
      .cwe = {1263},
      .capec = {401},
      .detection =
          "A component whose kind names a device (contains `device`, or is `kiosk` or "
          "`pos-terminal`) outside a trusted zone whose storage is not encrypted "
          "(`encrypted_at_rest` false; unknown counts with a lower likelihood).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Encrypt device storage with keys held in a secure element or TPM, use secure "
          "boot with signed firmware, and give each device its own credential that can be "
          "revoked.",
      .false_positives = "Devices in locked, supervised rooms; place them in a trusted zone.",
      .references = {"https://cwe.mitre.org/data/definitions/1263.html",
                     "https://capec.mitre.org/data/definitions/401.html"},
      .vectors = kPhysicalBit | kInsiderBit,
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
