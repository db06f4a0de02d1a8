#include "model/iam.h"

#include <algorithm>

namespace tw::model {

namespace {

char fold(char c, bool ignore_case) {
  return ignore_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The greedy match shared by glob_match and glob_covers: `one(p, t)` says whether the pattern
// character p matches the text character t when p is not `*`.
template <class One>
bool greedy(std::string_view pat, std::string_view text, One one) {
  if (pat.size() > kMaxPatternLength || text.size() > kMaxPatternLength) return false;
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pat.size() && one(pat[p], text[t])) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

bool all_stars(std::string_view s) {
  return !s.empty() && s.find_first_not_of('*') == std::string_view::npos;
}

bool has_wildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// An action of a read-only family: the verb after the service prefix starts with one of these.
bool read_only_action(std::string_view action) {
  size_t cut = action.find_last_of(":./");
  std::string_view verb = cut == std::string_view::npos ? action : action.substr(cut + 1);
  static constexpr std::string_view kRead[] = {"get",  "list",   "describe", "read",
                                               "view", "search", "lookup",   "batchget"};
  std::string lower;
  for (char c : verb) lower += fold(c, true);
  for (std::string_view r : kRead) {
    if (lower.size() > r.size() && lower.compare(0, r.size(), r) == 0) return true;
    if (lower == r) return true;
  }
  return false;
}

// Whether `resource` can match what escalation action `action` acts on: an AWS IAM action
// needs an IAM resource (`*`, `arn:aws:iam::...`), not another service's (`arn:aws:s3:::b/*`).
// Google Cloud and Azure actions act on their own resources, never on an AWS ARN.
bool can_name_iam_resource(std::string_view action, std::string_view resource) {
  std::string_view lit = resource.substr(0, resource.find_first_of("*?"));
  if (action.rfind("iam:", 0) != 0) return lit.rfind("arn:", 0) != 0;
  for (std::string_view p : {"arn:aws:iam::", "arn:aws-cn:iam::", "arn:aws-us-gov:iam::"}) {
    if (lit.rfind(p, 0) == 0 || p.rfind(lit, 0) == 0) return true;
  }
  return false;
}

std::string join_ids(const Model& m, const std::vector<int>& chain) {
  std::string out;
  for (int p : chain) out += (out.empty() ? "" : " -> ") + m.principals[p].id;
  return out;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text, bool ignore_case) {
  return greedy(pattern, text, [ignore_case](char p, char t) {
    return p == '?' || fold(p, ignore_case) == fold(t, ignore_case);
  });
}

bool glob_covers(std::string_view outer, std::string_view inner, bool ignore_case) {
  // The inner pattern read as text whose `*` only a `*` of the outer one can absorb, and whose
  // `?` only a `?` (or a `*`) can.
  return greedy(outer, inner, [ignore_case](char p, char t) {
    if (t == '*') return false;
    if (p == '?') return true;
    if (t == '?') return false;
    return fold(p, ignore_case) == fold(t, ignore_case);
  });
}

const std::vector<std::string_view>& escalation_actions() {
  static const std::vector<std::string_view> v = {
      // AWS: rights over policies, credentials and roles of others.
      "iam:AddUserToGroup",
      "iam:AttachGroupPolicy",
      "iam:AttachRolePolicy",
      "iam:AttachUserPolicy",
      "iam:CreateAccessKey",
      "iam:CreateLoginProfile",
      "iam:CreatePolicyVersion",
      "iam:PassRole",
      "iam:PutGroupPolicy",
      "iam:PutRolePolicy",
      "iam:PutUserPolicy",
      "iam:SetDefaultPolicyVersion",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateLoginProfile",
      // Google Cloud: acting as, or minting keys for, service accounts; changing IAM policy.
      "iam.roles.update",
      "iam.serviceAccountKeys.create",
      "iam.serviceAccounts.actAs",
      "iam.serviceAccounts.getAccessToken",
      "iam.serviceAccounts.implicitDelegation",
      "iam.serviceAccounts.signJwt",
      "resourcemanager.folders.setIamPolicy",
      "resourcemanager.organizations.setIamPolicy",
      "resourcemanager.projects.setIamPolicy",
      // Azure: role assignments and definitions.
      "Microsoft.Authorization/elevateAccess/Action",
      "Microsoft.Authorization/roleAssignments/write",
      "Microsoft.Authorization/roleDefinitions/write",
  };
  return v;
}

TrustBreadth trust_breadth(const TrustEntry& t) {
  const std::string& s = t.subject;
  if (s.empty() || all_stars(s)) {
    return t.issuer.empty() ? TrustBreadth::Anyone : TrustBreadth::AnySubject;
  }
  if (!has_wildcard(s)) return TrustBreadth::Exact;
  if (s.rfind("arn:", 0) == 0) {
    // arn:partition:service:region:account:resource
    size_t at = 0;
    for (int i = 0; i < 4 && at != std::string::npos; ++i) at = s.find(':', at + 1);
    if (at != std::string::npos) {
      size_t end = s.find(':', at + 1);
      std::string_view account(s.data() + at + 1,
                               (end == std::string::npos ? s.size() : end) - at - 1);
      if (has_wildcard(account)) return TrustBreadth::AnyAccount;
    }
    return TrustBreadth::AnyInScope;
  }
  if (s.rfind("repo:", 0) == 0) {
    // repo:owner/name:qualifier (GitHub's OIDC subject)
    std::string_view rest(s.data() + 5, s.size() - 5);
    size_t slash = rest.find('/');
    std::string_view owner = rest.substr(0, slash);
    if (has_wildcard(owner) || slash == std::string_view::npos) return TrustBreadth::AnySubject;
    size_t colon = rest.find(':', slash);
    std::string_view repo = rest.substr(
        slash + 1, colon == std::string_view::npos ? std::string_view::npos : colon - slash - 1);
    if (has_wildcard(repo)) return TrustBreadth::AnyInScope;
    return TrustBreadth::AnyRef;
  }
  return TrustBreadth::AnyInScope;
}

std::string_view breadth_name(TrustBreadth b) {
  static constexpr std::string_view kNames[] = {"exact",       "any-ref",     "any-in-scope",
                                                "any-account", "any-subject", "anyone"};
  return kNames[static_cast<int>(b)];
}

std::string describe_trust(const TrustEntry& t) {
  const std::string& s = t.subject;
  std::string quoted = "'" + s + "'";
  std::string of_issuer = t.issuer.empty() ? "" : " of issuer '" + t.issuer + "'";
  switch (trust_breadth(t)) {
    case TrustBreadth::Anyone:
      return "anyone (subject '*' and no issuer)";
    case TrustBreadth::AnySubject:
      if (s.rfind("repo:", 0) == 0)
        return "any repository of any owner" + of_issuer + " (" + quoted + ")";
      return "every subject" + of_issuer + (s.empty() ? "" : " (" + quoted + ")");
    case TrustBreadth::AnyAccount:
      return "any account (" + quoted + ")";
    case TrustBreadth::AnyInScope:
      if (s.rfind("repo:", 0) == 0) {
        size_t slash = s.find('/');
        return "any repository of '" + s.substr(5, slash - 5) + "'" + of_issuer + " (" + quoted +
               ")";
      }
      return "any subject matching " + quoted + of_issuer;
    case TrustBreadth::AnyRef: {
      size_t colon = s.find(':', 5);
      return "any branch, tag, pull request or environment of '" + s.substr(5, colon - 5) + "'" +
             of_issuer + " (" + quoted + ")";
    }
    case TrustBreadth::Exact:
      break;
  }
  return quoted + of_issuer;
}

const std::vector<int> IamFacts::kNone;

IamFacts::IamFacts(const Model& m) : model(m) {
  const size_t np = m.principals.size();
  principals.resize(np);
  if (np == 0) return;
  // Grants: every allow pair that no single deny statement wholly covers.
  for (size_t p = 0; p < np; ++p) {
    const Principal& pr = m.principals[p];
    PrincipalFacts& f = principals[p];
    for (const TrustEntry& t : pr.trust) f.trust_breadth.push_back(trust_breadth(t));
    if (!pr.permissions) continue;
    const auto& stmts = *pr.permissions;
    std::vector<std::pair<const std::string*, const std::string*>> denies;
    for (const Permission& s : stmts) {
      if (s.effect != Effect::Deny) continue;
      for (const std::string& a : s.actions) {
        for (const std::string& r : s.resources) {
          if (denies.size() < kMaxDenyPairs) denies.emplace_back(&a, &r);
        }
      }
    }
    auto denied = [&](std::string_view action, std::string_view resource) {
      for (const auto& d : denies) {
        if (glob_covers(*d.first, action, true) && glob_covers(*d.second, resource)) return true;
      }
      return false;
    };
    for (size_t i = 0; i < stmts.size() && !f.truncated; ++i) {
      if (stmts[i].effect != Effect::Allow) continue;
      for (const std::string& a : stmts[i].actions) {
        for (const std::string& r : stmts[i].resources) {
          if (f.grants.size() == kMaxGrants) {
            f.truncated = true;
            break;
          }
          if (!denied(a, r)) f.grants.push_back(Grant{static_cast<int>(i), a, r});
        }
        if (f.truncated) break;
      }
    }
    for (const Grant& g : f.grants) {
      bool any_action = all_stars(g.action), any_resource = all_stars(g.resource);
      if (any_action && any_resource) f.full_admin = true;
      if (has_wildcard(g.action) || any_resource) {
        f.wildcards.push_back(g.action + " on " + g.resource);
        if (!read_only_action(g.action) || all_stars(g.action)) f.wildcards_read_only = false;
      }
    }
    if (f.wildcards.empty()) f.wildcards_read_only = false;
    for (std::string_view e : escalation_actions()) {
      for (const Grant& g : f.grants) {
        // Over named resources only (one role to pass, one policy to edit) the step up is as
        // large as what those resources hold, which the model does not say: left to review.
        if (has_wildcard(g.resource) && can_name_iam_resource(e, g.resource) &&
            glob_match(g.action, e, true) && !denied(e, g.resource)) {
          f.escalation.emplace_back(e);
          break;
        }
      }
    }
    std::sort(f.escalation.begin(), f.escalation.end());
    f.administrative = f.full_admin || !f.escalation.empty();
  }
  // Who may assume whom, and which components act as which principal.
  std::vector<std::vector<int>> assumers(np);  // per principal: principals that may assume it
  bool any_component = false;
  auto component_of = [&](const Ref& r) {
    const IdEntry* e = r.resolved() ? m.find(r.id) : nullptr;
    return e && e->kind == Kind::Component ? e->index : -1;
  };
  auto principal_of = [&](const Ref& r) {
    const IdEntry* e = r.resolved() ? m.find(r.id) : nullptr;
    return e && e->kind == Kind::Principal ? e->index : -1;
  };
  for (size_t p = 0; p < np; ++p) {
    for (const Ref& r : m.principals[p].assumable_by) {
      if (int q = principal_of(r); q >= 0 && q != static_cast<int>(p)) {
        assumers[p].push_back(q);
      } else if (component_of(r) >= 0) {
        any_component = true;
      }
    }
  }
  for (const Component& c : m.components) any_component |= c.runs_as.resolved();
  if (any_component) {
    of_component_.resize(m.components.size());
    for (size_t c = 0; c < m.components.size(); ++c) {
      int p = principal_of(m.components[c].runs_as);
      if (p >= 0) of_component_[c].push_back(p);
    }
    for (size_t p = 0; p < np; ++p) {
      for (const Ref& r : m.principals[p].assumable_by) {
        if (int c = component_of(r); c >= 0) of_component_[c].push_back(static_cast<int>(p));
      }
    }
    for (size_t c = 0; c < of_component_.size(); ++c) {
      auto& v = of_component_[c];
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      for (int p : v) principals[p].components.push_back(static_cast<int>(c));
    }
  }
  // Administrative rights and production reach pass to every principal that may assume one
  // that has them: one breadth-first pass each over the reversed assume edges.
  auto spread = [&](auto has, auto set) {
    std::vector<int> queue;
    for (size_t p = 0; p < np; ++p) {
      if (has(static_cast<int>(p))) queue.push_back(static_cast<int>(p));
    }
    for (size_t head = 0; head < queue.size(); ++head) {
      int q = queue[head];
      for (int p : assumers[q]) {
        if (has(p)) continue;
        set(p, q);
        queue.push_back(p);
      }
    }
  };
  spread([&](int p) { return principals[p].administrative; },
         [&](int p, int via) {
           principals[p].administrative = true;
           principals[p].admin_via = via;
         });
  for (size_t p = 0; p < np; ++p) {
    const Principal& pr = m.principals[p];
    PrincipalFacts& f = principals[p];
    f.production = pr.production;
    for (const Ref& r : pr.acts_on) {
      int c = component_of(r);
      const Component* comp = c >= 0 ? &m.components[c] : nullptr;
      if (comp && comp->boundary.resolved() &&
          m.boundaries[comp->boundary.index].trust == Trust::Trusted) {
        f.production_target = c;
        if (!pr.production) f.production = true;
        break;
      }
    }
  }
  spread([&](int p) { return principals[p].production == true; },
         [&](int p, int via) {
           principals[p].production = true;
           principals[p].production_via = via;
         });
}

const std::vector<int>& IamFacts::of_component(int c) const {
  return of_component_.empty() ? kNone : of_component_[c];
}

std::string IamFacts::admin_chain(int p) const {
  std::vector<int> chain{p};
  for (int q = principals[p].admin_via; q >= 0 && chain.size() <= principals.size();
       q = principals[q].admin_via) {
    chain.push_back(q);
  }
  return join_ids(model, chain);
}

std::string IamFacts::production_chain(int p) const {
  std::vector<int> chain{p};
  for (int q = principals[p].production_via; q >= 0 && chain.size() <= principals.size();
       q = principals[q].production_via) {
    chain.push_back(q);
  }
  return join_ids(model, chain);
}

std::string IamFacts::admin_reason(int p) const {
  int end = p;
  for (size_t n = 0; principals[end].admin_via >= 0 && n <= principals.size(); ++n) {
    end = principals[end].admin_via;
  }
  const PrincipalFacts& f = principals[end];
  std::string why;
  if (f.full_admin) {
    why = "every action on every resource";
  } else {
    for (const std::string& e : f.escalation) why += (why.empty() ? "" : ", ") + e;
  }
  if (end == p) return "allowed " + why;
  return "may assume " + admin_chain(p).substr(model.principals[p].id.size() + 4) +
         ", which is allowed " + why;
}

}  // namespace tw::model
