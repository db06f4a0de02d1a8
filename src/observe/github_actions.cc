// GitHub Actions workflows: triggers, permissions, pinning, secrets, untrusted checkouts.

#include <regex>

#include "observe/reader.h"

namespace tw::observe {

namespace {

bool full_sha(const std::string& ref) {
  if (ref.size() != 40) return false;
  for (char c : ref)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

void collect_text(const Doc* d, std::string& out, int depth) {
  if (!d || depth > 32 || out.size() > (1u << 22)) return;
  if (d->is_scalar()) {
    out += d->text;
    out += '\n';
  }
  for (auto& i : d->items) collect_text(i.get(), out, depth + 1);
  for (auto& [k, v] : d->entries) collect_text(v.get(), out, depth + 1);
}

std::string permissions_of(const Doc* p) {
  if (!p) return "default";
  if (p->is_scalar()) return p->text;
  if (p->is_map() && p->entries.empty()) return "{}";
  return "scoped";
}

}  // namespace

void read_github_actions(const ReadContext& ctx, const Doc& root) {
  Pipeline pl;
  std::string stem = ctx.file.substr(ctx.file.rfind('/') + 1);
  stem = stem.substr(0, stem.rfind('.'));
  pl.id = "workflow-" + stem;
  pl.name = root.str("name").empty() ? stem : root.str("name");
  pl.where = ctx.at(&root);
  const Doc* on = root.get("on");
  if (!on) on = root.get("true");
  if (on && on->is_scalar()) pl.triggers.push_back(on->text);
  if (on && on->is_seq())
    for (auto& t : on->items) pl.triggers.push_back(t->text);
  if (on && on->is_map())
    for (auto& [k, v] : on->entries) pl.triggers.push_back(k->text);
  for (auto& t : pl.triggers)
    if (t == "pull_request_target" || t == "workflow_run" || t == "issue_comment")
      pl.privileged_trigger = true;
  pl.permissions = permissions_of(root.get("permissions"));
  auto perm_weak = [&](const Doc* p, const std::string& where) {
    if (p && p->is_scalar() && p->text == "write-all")
      ctx.weakness("excessive-permissions", pl.id,
                   where + " grants the token write-all permissions", ctx.at(p));
    if (p && p->is_map())
      if (const Doc* id = p->get("id-token"); id && id->text == "write") pl.oidc = true;
  };
  perm_weak(root.get("permissions"), "workflow " + stem);
  std::string all;
  collect_text(&root, all, 0);
  static const std::regex secret_re(R"(secrets\.([A-Za-z_][A-Za-z0-9_]*))");
  for (auto it = std::sregex_iterator(all.begin(), all.end(), secret_re);
       it != std::sregex_iterator(); ++it)
    pl.secrets.push_back((*it)[1]);
  std::sort(pl.secrets.begin(), pl.secrets.end());
  pl.secrets.erase(std::unique(pl.secrets.begin(), pl.secrets.end()), pl.secrets.end());

  const Doc* jobs = root.get("jobs");
  if (jobs && jobs->is_map())
    for (auto& [jk, job] : jobs->entries) {
      if (!job || !job->is_map()) continue;
      perm_weak(job->get("permissions"), "job " + jk->text);
      std::vector<const Doc*> uses;
      if (const Doc* u = job->get("uses")) uses.push_back(u);  // reusable workflow
      const Doc* steps = job->get("steps");
      if (steps && steps->is_seq())
        for (auto& s : steps->items) {
          if (const Doc* u = s->get("uses")) uses.push_back(u);
          if (!pl.privileged_trigger) continue;
          std::string ref =
              path(s.get(), {"with", "ref"}) ? path(s.get(), {"with", "ref"})->text : "";
          std::string repo = path(s.get(), {"with", "repository"})
                                 ? path(s.get(), {"with", "repository"})->text
                                 : "";
          std::string run = s->str("run");
          bool checkout = s->str("uses").rfind("actions/checkout", 0) == 0;
          auto untrusted = [](const std::string& t) {
            return t.find("pull_request.head") != std::string::npos ||
                   t.find("head_ref") != std::string::npos ||
                   t.find("workflow_run.head") != std::string::npos ||
                   t.find("refs/pull/") != std::string::npos;
          };
          if ((checkout && (untrusted(ref) || untrusted(repo))) ||
              run.find("gh pr checkout") != std::string::npos ||
              (run.find("git checkout") != std::string::npos && untrusted(run))) {
            std::string trig;
            for (auto& t : pl.triggers)
              if (t == "pull_request_target" || t == "workflow_run" || t == "issue_comment")
                trig = t;
            ctx.weakness("untrusted-checkout", pl.id,
                         "job " + jk->text + " checks out pull-request code under the privileged " +
                             trig + " trigger",
                         ctx.at(checkout ? (path(s.get(), {"with", "ref"})
                                                ? path(s.get(), {"with", "ref"})
                                                : path(s.get(), {"with", "repository"}))
                                         : s->get("run")));
          }
        }
      for (const Doc* u : uses) {
        if (!u->is_scalar()) continue;
        const std::string& t = u->text;
        if (t.rfind("./", 0) == 0) continue;
        Dependency d;
        d.kind = "ci-action";
        d.used_by = pl.id;
        d.where = ctx.at(u);
        if (t.rfind("docker://", 0) == 0) {
          d.name = t;
          d.pinned = t.find("@sha256:") != std::string::npos;
        } else {
          size_t at = t.find('@');
          d.name = t.substr(0, at);
          d.version = at == std::string::npos ? "" : t.substr(at + 1);
          d.pinned = full_sha(d.version);
        }
        std::string owner = d.name.substr(0, d.name.find('/'));
        bool first_party = owner == "actions" || owner == "github";
        if (!d.pinned && !first_party && t.rfind("docker://", 0) != 0)
          ctx.weakness("unpinned-action", pl.id,
                       "third-party action " + t + " is not pinned to a commit SHA", d.where);
        ctx.out->dependencies.push_back(std::move(d));
      }
    }
  if (all.find("toJSON(secrets)") != std::string::npos ||
      all.find("toJson(secrets)") != std::string::npos)
    ctx.weakness("all-secrets-exposed", pl.id,
                 "workflow " + stem + " passes the whole secrets context (toJSON(secrets))",
                 pl.where);
  ctx.out->pipelines.push_back(std::move(pl));
}

}  // namespace tw::observe
