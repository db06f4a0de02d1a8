// Rule path-traversal: Path traversal into a file or object store.
// Metadata and logic; docs/rules/path-traversal.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c)) return std::nullopt;
  if (!ctx.exposed(t.index) && !ctx.entry_point(t.index)) return Verdict::clear();
  int f = find_flow_out(ctx, t.index, [](const Flow&, const Component& to) {
    return kind_in(to, {"file-system", "object-store"});
  });
  if (f < 0) return Verdict::clear();
  return weak_unless_true(c.input_validation, "input_validation",
                          label(c) + " reads or writes " + label(ctx.to(f)) +
                              " on behalf of less trusted callers without validating input: '../' "
                              "paths reach other files");
}
}  // namespace

const Rule& rule_path_traversal() {
  static const Rule rule{
      .id = "path-traversal",
      .title = "Path traversal into a file or object store",
      .stride = {Stride::InformationDisclosure},
      .applies_to = {AppliesTo::Process},
      .cwe = {22},
      .capec = {126},
      .detection =
          "A process reached from a less trusted zone (internet-exposed, or an entry point) "
          "with a flow to a data store of kind file-system or "
          "object-store that does not validate input (`input_validation` false; unknown "
          "counts with a lower likelihood). Applies only to processes that serve requests, not to "
          "pipelines, workers, "
          "jobs or pure forwarders (load balancers, CDNs, proxies).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Map user input to server-chosen keys (ids, not paths), canonicalise and check "
          "paths against an allow-listed root, and give the process access to that root "
          "only.",
      .false_positives = "Processes that only write files under names they generate.",
      .references = {"https://cwe.mitre.org/data/definitions/22.html",
                     "https://capec.mitre.org/data/definitions/126.html"},
      .root_cause = "input_validation",
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
