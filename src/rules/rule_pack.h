#pragma once
// Custom rule packs (docs/rule-packs.md): YAML files of rules with the same metadata as the
// built-in ones and a `when:` condition in the language of rules/condition.h.

#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "model/model.h"
#include "rules/rule_set.h"

namespace tw::rules {

/// Parses the rule pack in `text` (shown as `path`) and adds its rules to `rules`. Every
/// mistake is reported with its position; a rule with a mistake is not added. The source file
/// is kept alive by `rules`, since rule locations and diagnostics point into it.
void add_rule_pack_text(const std::string& path,
                        std::string text,
                        RuleSet& rules,
                        base::Diagnostics& diags);

/// Reads the rule pack at `path` (reported at `from` when it cannot be read).
void add_rule_pack_file(const std::string& path,
                        const base::Loc& from,
                        RuleSet& rules,
                        base::Diagnostics& diags);

/// Loads every `*.yaml` / `*.yml` file of each directory (sorted), then the model's `rules:`
/// files, into `rules`.
void load_rule_packs(const model::Model& model,
                     const std::vector<std::string>& dirs,
                     RuleSet& rules,
                     base::Diagnostics& diags);

}  // namespace tw::rules
