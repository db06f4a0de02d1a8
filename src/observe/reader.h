#pragma once
// What every reader shares: where it is reading, and the observed system it adds to.

#include <string>
#include <string_view>
#include <vector>

#include "observe/doc.h"
#include "observe/observed.h"

namespace tw::observe {

struct ReadContext {
  std::string file;    ///< path shown in observations
  std::string system;  ///< the scanned folder this file belongs to
  ObservedSystem* out = nullptr;

  Where at(const Doc* d) const { return Where{file, d ? d->line : 0, d ? d->col : 0}; }
  Where at(uint32_t line, uint32_t col) const { return Where{file, line, col}; }
  void weakness(std::string code, std::string component, std::string message, Where w) const;
  void unresolved(std::string what, Where w) const;
  ObservedComponent& component(std::string id,
                               std::string name,
                               std::string kind,
                               std::string runtime,
                               Source source,
                               Where w) const;
};

/// One reader per source family. Each reads parsed documents (or text, for HCL) and adds
/// what it observes to `ctx.out`.
void read_terraform_json(const ReadContext& ctx, const Doc& root);
void read_terraform_hcl(const ReadContext& ctx, std::string_view text);
void read_cloudformation(const ReadContext& ctx, const Doc& root);
void read_kubernetes(const ReadContext& ctx, const std::vector<const Doc*>& docs);
void read_compose(const ReadContext& ctx, const Doc& root);
void read_github_actions(const ReadContext& ctx, const Doc& root);
void read_openapi(const ReadContext& ctx, const Doc& root);
/// Lockfiles, by file name (observe/lockfile.h): package-lock.json, requirements*.txt, go.sum,
/// Cargo.lock, poetry.lock.
void read_package_lock(const ReadContext& ctx, const Doc& root);
void read_requirements(const ReadContext& ctx, std::string_view text);
void read_go_sum(const ReadContext& ctx, std::string_view text);
void read_cargo_lock(const ReadContext& ctx, std::string_view text);
void read_poetry_lock(const ReadContext& ctx, std::string_view text);
/// Whether a file name is one of the lockfiles read ("package-lock.json", "requirements.txt").
bool lockfile_name(std::string_view name);

/// Terraform resources as a tree of values (plan JSON, or HCL with expressions left as
/// scalars tagged "!expr"): the one place that knows what AWS/GCP/Azure attributes mean.
void observe_terraform_resource(const ReadContext& ctx,
                                const std::string& type,
                                const std::string& name,
                                const std::string& address,
                                const Doc& values,
                                Source source,
                                Where where);
/// An IAM policy document (JSON text, or a tree): its grants and wildcard weaknesses.
void policy_statements(const ReadContext& ctx,
                       const std::string& principal,
                       const Doc* policy,
                       Where where);

/// A source range that covers every address: "0.0.0.0/0", "::/0", any "x/0", "*", "Internet".
bool world_cidr(const std::string& cidr);

/// "a.b.c" with a Doc tree; nullptr when any step is missing. Lists step into item 0.
const Doc* path(const Doc* d, std::initializer_list<std::string_view> keys);
/// Strings of a scalar or a list of scalars.
std::vector<std::string> strings(const Doc* d);
/// True when the scalar is an unresolved expression (HCL "!expr", CFN intrinsic).
bool is_expr(const Doc* d);

}  // namespace tw::observe
