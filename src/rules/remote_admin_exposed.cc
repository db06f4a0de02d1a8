// Rule remote-admin-exposed: Remote administration protocol open to the internet.
// Metadata and logic; docs/rules/remote-admin-exposed.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Flow& f = ctx.flow(t.index);
  static const std::string_view kProtocols[] = {"ssh", "rdp", "telnet", "vnc", "winrm"};
  bool admin = false;
  for (auto p : kProtocols) admin = admin || f.effective_protocol() == p;
  if (f.port)
    for (int p : {22, 23, 3389, 5900, 5985, 5986}) admin = admin || *f.port == p;
  if (!admin) return std::nullopt;
  if (!ctx.facts.entry_point(t.index) || ctx.facts.trust[f.from.index] != Trust::Untrusted)
    return Verdict::clear();
  return Finding{
      label(f) + " opens remote administration (" +
          (f.protocol.empty() ? "port " + std::to_string(f.port.value_or(0)) : f.protocol) +
          ") of " + label(ctx.to(t.index)) +
          " to an untrusted zone: credential attacks and protocol exploits reach a shell",
      0,
      {},
      {}};
}
}  // namespace

const Rule& rule_remote_admin_exposed() {
  static const Rule rule{
      .id = "remote-admin-exposed",
      .title = "Remote administration protocol open to the internet",
      .stride = {Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Flow},
      .cwe = {668},
      .capec = {555},
      .detection =
          "A flow from an untrusted zone into a more trusted one over a remote "
          "administration protocol (ssh, rdp, telnet, vnc, winrm) or port (22, 23, 3389, "
          "5900, 5985, 5986).",
      .likelihood = 3,
      .impact = 5,
      .mitigation =
          "Close administration ports to the internet; use a bastion or session manager "
          "with SSO and MFA, or a VPN with device posture checks.",
      .false_positives =
          "Bastion hosts that are hardened for exactly this purpose; record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/668.html",
                     "https://capec.mitre.org/data/definitions/555.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
