#pragma once
// IAM facts derived from a resolved model's principals (model.h, `iam.principals`), computed
// once: effective grants (allows minus denies), administrative rights and privilege escalation,
// how far each trust entry opens a principal, what reaches production, and which principals
// each component acts as. Linear in the principals, their statements and trust edges (within
// the bounds below); nothing here is a regular expression.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace tw::model {

/// Whether `pattern` matches all of `text`: `*` matches any run of characters (none too), `?`
/// exactly one, everything else itself (`ignore_case`: ASCII letters in any case). Greedy with
/// one backtrack point, no recursion: at most |pattern| x |text| steps. Patterns or texts
/// longer than kMaxPatternLength never match.
bool glob_match(std::string_view pattern, std::string_view text, bool ignore_case = false);
/// Whether every text `inner` matches is also matched by `outer` (sound, not complete: a
/// wildcard of `inner` is matched only by a `*` of `outer`). `*` covers everything.
bool glob_covers(std::string_view outer, std::string_view inner, bool ignore_case = false);
inline constexpr size_t kMaxPatternLength = 4096;

/// One allowed pair of an allow statement that no single deny statement wholly covers.
struct Grant {
  int statement = -1;  ///< index into the principal's permissions
  std::string action, resource;
};

/// How far a trust entry opens a principal, from narrowest to widest.
enum class TrustBreadth {
  Exact,       ///< one named subject
  AnyRef,      ///< one repository, any branch, tag, pull request or environment
  AnyInScope,  ///< a wildcard in the subject: any repository of an organisation, ...
  AnyAccount,  ///< any account (`arn:aws:iam::*:...`)
  AnySubject,  ///< every subject the issuer vouches for
  Anyone,      ///< `*` without an issuer: any identity at all
};

struct PrincipalFacts {
  /// Allowed action/resource pairs after denies, in statement order (at most kMaxGrants).
  std::vector<Grant> grants;
  bool truncated = false;  ///< the policy has more pairs than kMaxGrants: the rest is not read
  /// Some grant allows every action on every resource.
  bool full_admin = false;
  /// Privilege-escalation actions it is allowed on a wildcard of resources (escalation_actions()
  /// spellings; sorted).
  std::vector<std::string> escalation;
  /// Grants with a wildcard action or the resource `*`, as "action on resource" (in order).
  std::vector<std::string> wildcards;
  /// Every wildcard grant is of a read-only action family (Get*, List*, Describe*, ...).
  bool wildcards_read_only = true;
  /// Full admin, an escalation action, or it may assume an administrative principal.
  bool administrative = false;
  /// The principal it may assume on the way to an administrative one (-1: it is one itself).
  int admin_via = -1;
  /// Reaches production: `production: true`, `acts_on` a component in a trusted zone, or it
  /// may assume a principal that does. nullopt: unknown.
  std::optional<bool> production;
  int production_via = -1;     ///< the principal it may assume on the way there (-1: itself)
  int production_target = -1;  ///< a component in a trusted zone it acts on (-1: none)
  /// Per trust entry: its breadth (same order as Principal::trust).
  std::vector<TrustBreadth> trust_breadth;
  /// Components that run as it or may assume it (sorted).
  std::vector<int> components;
};

class IamFacts {
 public:
  explicit IamFacts(const Model& m);

  const Model& model;
  std::vector<PrincipalFacts> principals;  ///< per principal

  /// The principals component `c` acts as directly: the one it runs as and those that list it
  /// under `assumable_by` (sorted). Empty when it has none.
  const std::vector<int>& of_component(int c) const;
  /// "app-role may assume admin-role" chain from `p` to the administrative principal it leads
  /// to, as ids joined by " -> " (just its id when it is administrative itself).
  std::string admin_chain(int p) const;
  std::string production_chain(int p) const;
  /// Why principal `p` is administrative, in words ("allowed * on *", "allowed iam:PassRole").
  std::string admin_reason(int p) const;

  static constexpr size_t kMaxGrants = 4096;
  static constexpr size_t kMaxDenyPairs = 1024;

 private:
  std::vector<std::vector<int>> of_component_;  ///< empty when no component has a principal
  static const std::vector<int> kNone;
};

/// Actions that let a principal grant itself more rights (AWS, Google Cloud, Azure spellings).
const std::vector<std::string_view>& escalation_actions();
/// The breadth of one trust entry, and words for it ("any repository of acme").
TrustBreadth trust_breadth(const TrustEntry& t);
std::string describe_trust(const TrustEntry& t);
std::string_view breadth_name(TrustBreadth b);

}  // namespace tw::model
