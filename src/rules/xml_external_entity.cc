// Rule xml-external-entity: XML external entities resolved by the parser.
// Metadata and logic; docs/rules/xml-external-entity.md is generated from this metadata.

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
  if (!accepts(c, DataFormat::Xml)) return Verdict::clear();
  return Finding{label(c) +
                     " parses XML from its callers: a document that declares an "
                     "external entity can read local files or make the server send "
                     "requests on the attacker's behalf",
                 0,
                 {},
                 {}};
}
}  // namespace

const Rule& rule_xml_external_entity() {
  static const Rule rule{
      .id = "xml-external-entity",
      .title = "XML external entities resolved by the parser",
      .stride = {Stride::InformationDisclosure, Stride::DenialOfService},
      .applies_to = {AppliesTo::Process, AppliesTo::DataStore},
      .cwe = {611},
      .capec = {221},
      .detection =
          "A process or data store whose `data_formats` include xml. Unknown "
          "`data_formats` on a process that serves requests leaves the rule undecided.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Configure every XML parser to refuse DTDs and external entities (or use one "
          "that does by default), accept JSON where XML is not needed, and give the "
          "parser no network access.",
      .false_positives =
          "Components that accept XML only from fully trusted peers, or whose parser is "
          "known to disable DTDs; state that with a control and mark the threat "
          "mitigated.",
      .references = {"https://cwe.mitre.org/data/definitions/611.html",
                     "https://capec.mitre.org/data/definitions/221.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "XML_External_Entity_Prevention_Cheat_Sheet.html"},
      .root_cause = "",
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
