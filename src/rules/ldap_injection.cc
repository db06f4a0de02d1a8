// Rule ldap-injection: LDAP injection into a directory.
// Metadata and logic; docs/rules/ldap-injection.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  return unvalidated_query(ctx, t, "directory");
}
}  // namespace

const Rule& rule_ldap_injection() {
  static const Rule rule{
      .id = "ldap-injection",
      .title = "LDAP injection into a directory",
      .stride = {Stride::Tampering, Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process},
      .cwe = {90},
      .capec = {136},
      .detection =
          "A process reached from a less trusted zone (exposed or an entry point) with a "
          "flow to a data store of kind directory, that does not validate input "
          "(`input_validation` false; unknown counts with a lower likelihood). Applies "
          "only to processes that serve requests.",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Escape every value placed in an LDAP filter or distinguished name (RFC 4515 / "
          "RFC 4514 escaping, or the framework's encoder), allow-list user names, and "
          "bind with an account that may only read what the lookup needs.",
      .false_positives =
          "Processes that only bind as the user with the user's own credentials and build "
          "no filters from input.",
      .references = {"https://cwe.mitre.org/data/definitions/90.html",
                     "https://capec.mitre.org/data/definitions/136.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "LDAP_Injection_Prevention_Cheat_Sheet.html"},
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
