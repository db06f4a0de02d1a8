// `terraform show -json` output: a plan (planned_values) or a state (values).

#include "observe/reader.h"

namespace tw::observe {

namespace {

void walk_module(const ReadContext& ctx, const Doc* module, int depth) {
  if (!module || !module->is_map() || depth > 32) return;
  if (const Doc* rs = module->get("resources"); rs && rs->is_seq()) {
    for (auto& r : rs->items) {
      if (!r->is_map()) continue;
      const Doc* values = r->get("values");
      if (!values || !values->is_map()) continue;
      std::string address = r->str("address");
      std::string type = r->str("type");
      std::string name = r->str("name");
      if (r->str("mode") == "data" && type != "aws_iam_policy_document") continue;
      observe_terraform_resource(ctx, type, name, address, *values, Source::TerraformPlan,
                                 ctx.at(r.get()));
    }
  }
  if (const Doc* kids = module->get("child_modules"); kids && kids->is_seq())
    for (auto& k : kids->items) walk_module(ctx, k.get(), depth + 1);
}

}  // namespace

void read_terraform_json(const ReadContext& ctx, const Doc& root) {
  std::string version = root.str("format_version");
  if (!version.empty() && version[0] != '0' && version[0] != '1') {
    ctx.out->problems.push_back(
        {"unsupported terraform JSON format_version " + version + " (this reads 0.x and 1.x)",
         ctx.at(root.get("format_version"))});
    return;
  }
  if (const Doc* pv = path(&root, {"planned_values", "root_module"})) {
    walk_module(ctx, pv, 0);
  } else if (const Doc* sv = path(&root, {"values", "root_module"})) {
    walk_module(ctx, sv, 0);
  } else if (const Doc* ps = path(&root, {"prior_state", "values", "root_module"})) {
    walk_module(ctx, ps, 0);
  }
  // Module sources are supply-chain inputs.
  if (const Doc* calls = path(&root, {"configuration", "root_module", "module_calls"});
      calls && calls->is_map())
    for (auto& [k, call] : calls->entries) {
      std::string src = call->str("source");
      if (src.empty() || src.rfind("./", 0) == 0 || src.rfind("../", 0) == 0) continue;
      Dependency d;
      d.name = src;
      d.version = call->str("version");
      d.kind = "terraform-module";
      d.pinned = src.find("?ref=") != std::string::npos && src.size() >= 40;
      d.used_by = "module." + k->text;
      d.where = ctx.at(call->get("source"));
      ctx.out->dependencies.push_back(std::move(d));
    }
}

}  // namespace tw::observe
