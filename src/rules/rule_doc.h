#pragma once
// Documentation of a rule, rendered from its metadata: docs/rules/<id>.md and `rules show`.

#include <string>
#include <vector>

#include "rules/rule.h"

namespace tw::rules {

/// The Markdown page of one rule (docs/rules/<id>.md).
std::string render_rule_markdown(const Rule& rule);
/// The index page of all rules (docs/rules/README.md), grouped by STRIDE category.
std::string render_rule_index(const std::vector<const Rule*>& rules);
/// Plain text for `threatwright rules show ID`.
std::string render_rule_text(const Rule& rule);

/// "spoofing, tampering"
std::string stride_list(const std::vector<model::Stride>& s);
/// "CWE-306, CWE-287"
std::string id_list(const char* prefix, const std::vector<int>& ids);

}  // namespace tw::rules
