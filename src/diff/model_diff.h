#pragma once
// The structural diff of two threat models: elements added, removed and changed (attribute by
// attribute), new attack surface and weakened security properties. Needs only the models.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace tw::diff {

enum class Change { Added, Removed, Changed };
std::string_view change_name(Change c);

/// Where an element is declared: the file as shown to the user and the line.
struct Place {
  std::string file;
  uint32_t line = 0;
  bool known() const { return !file.empty(); }
  std::string str() const;  ///< "file:line", or "" when unknown
};
Place place_of(const base::Loc& loc);

/// One attribute that differs; nullopt means "not set" (unknown).
struct AttrChange {
  std::string name;
  std::optional<std::string> before, after;
};

/// An element added, removed or changed. `section` is the model section ("components"),
/// `kind` the element's label ("component").
struct ElementChange {
  std::string section, kind, id, name;
  Change change = Change::Changed;
  std::vector<AttrChange> attrs;  ///< for Changed, in the attribute order of the format
  Place where;                    ///< in the new model (the old one when removed)
};

enum class SurfaceKind {
  EntryPoint,      ///< a flow crossing from a less into a more trusted zone
  Crossing,        ///< a flow crossing a trust boundary outbound or laterally
  InternetFacing,  ///< a component newly exposed to the internet
};
std::string_view surface_kind_name(SurfaceKind k);

/// New attack surface: present in the new model and not in the old one.
struct SurfaceChange {
  SurfaceKind kind = SurfaceKind::EntryPoint;
  std::string element;  ///< "flow" or "component"
  std::string id;
  bool new_element = false;  ///< the element itself is new (else an existing one changed)
  std::string from, to;      ///< flows: the ends, as "component (zone, trust)"
  std::string detail;        ///< one line for people
  Place where;
};

/// A security property that got weaker, or a control that went away.
struct Weakening {
  std::string element;  ///< "component", "flow", "control", "supply-chain", "boundary"
  std::string id;
  std::string property;  ///< attribute name, or "removed" for a control that is gone
  std::optional<std::string> before, after;
  std::string detail;  ///< one line for people
  Place where;
};

struct ModelDiff {
  std::vector<ElementChange> elements;  ///< sorted by section (format order), then id
  std::vector<SurfaceChange> surface;   ///< sorted by kind, then id
  std::vector<Weakening> weakened;      ///< sorted by element, id, property
  bool empty() const { return elements.empty() && surface.empty() && weakened.empty(); }
  size_t count(Change c) const;
};

/// Compares two resolved models. Source positions do not matter: moving an element to an
/// included file is no change.
ModelDiff diff_models(const model::Model& before, const model::Model& after);

/// Strength rank of an authentication method: none 0 < password, api-key 1 < token, oauth 2 <
/// password+mfa, mtls, client-certificate 3 (docs/diff.md).
int authentication_rank(model::Authentication a);
/// none 0 < rbac, abac, ownership 1.
int authorization_rank(model::Authorization a);
/// Whether a flow protocol is encrypted by definition (https, grpc-tls, sql-tls, amqps, ssh,
/// ...); nullopt when the protocol is unknown to threatwright.
std::optional<bool> protocol_encrypted(std::string_view protocol);

/// The attributes of each element as (name, rendered value), unset ones left out. Exposed for
/// tests and for renderers that show whole added elements.
using Attrs = std::vector<std::pair<std::string, std::string>>;
Attrs attributes(const model::Component& c);
Attrs attributes(const model::Flow& f);

}  // namespace tw::diff
