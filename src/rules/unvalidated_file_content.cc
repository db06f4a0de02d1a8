// Rule unvalidated-file-content: Accepted files used without checking their content.
// Metadata and logic; docs/rules/unvalidated-file-content.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (c.data_formats.empty()) {
    return serves_requests(c) ? Verdict::undecided() : Verdict(std::nullopt);
  }
  if (!accepts(c, DataFormat::File)) return Verdict::clear();
  if (c.custom_developed == false) return Verdict::clear();
  return weak_unless_true(c.input_validation, "input_validation",
                          label(c) +
                              " accepts whole files from its callers: a file whose content "
                              "is not what its name says can carry a web shell, a macro or a "
                              "parser exploit");
}
}  // namespace

const Rule& rule_unvalidated_file_content() {
  static const Rule rule{
      .id = "unvalidated-file-content",
      .title = "Accepted files used without checking their content",
      .stride = {Stride::Tampering, Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {434},
      .capec = {23},
      .detection =
          "A process whose `data_formats` include file and whose code the team writes "
          "(`custom_developed` true or unknown), that does not validate input "
          "(`input_validation` false; unknown counts with a lower likelihood). "
          "Off-the-shelf products (`custom_developed: false`) are left to their vendor.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Check each accepted file by its content, not its name: allow-list types by "
          "magic bytes, limit size, re-encode images and documents, scan for malware, "
          "store uploads outside the web root under generated names and never execute or "
          "include them.",
      .false_positives =
          "Components that only pass files through unopened to a store that never serves "
          "them back.",
      .references = {"https://cwe.mitre.org/data/definitions/434.html",
                     "https://capec.mitre.org/data/definitions/23.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html"},
      .root_cause = "input_validation",
      .skill = Capability::Low,
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
