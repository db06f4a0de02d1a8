#pragma once
// The threat model as MCP tools, resources and prompts, for AI coding agents:
//   get_threat_model  the model's sections, optionally scoped to one component or flow
//   list_threats      threats filtered by target, STRIDE category, severity, status
//   assess_change     what a proposed change (a model fragment) does to the threat landscape
//   assess_infrastructure_change  what proposed infrastructure files (Terraform, Kubernetes,
//                     compose, ...) do to the threat model: drift introduced or settled
//   check_controls    which documented threats a proposed control addresses, which stay open
//   explain_rule      a rule's detection logic, mitigation and references
//   get_guidance      the security checklist for an element kind, or for one element
// Resources: the rendered threat model document (Markdown) and the analysis (JSON). Prompt:
// "before-security-change". All read-only. The CLI mirror (cli/cmd_agent.cc) calls the same
// tools.

#include <optional>
#include <string>

#include "mcp/provider.h"

namespace tw::mcp {

class Workspace;

class ThreatTools : public Provider {
 public:
  /// `version` is shown in reports; `workspace` must outlive this object.
  ThreatTools(Workspace& workspace, std::string version = "0.0.0");

  void refresh() override;
  std::string instructions() const override;

  Json tools() const override;
  std::optional<ToolResult> call_tool(const std::string& name, const Json& args) override;

  Json resources() const override;
  std::optional<Json> read_resource(const std::string& uri) override;

  Json prompts() const override;
  base::Result<Json> get_prompt(const std::string& name, const Json& args) override;

  /// The rendered threat model document (Markdown).
  std::string markdown() const;

 private:
  ToolResult get_threat_model(const Json& args);
  ToolResult list_threats(const Json& args);
  ToolResult assess_change(const Json& args);
  ToolResult assess_infrastructure_change(const Json& args);
  ToolResult check_controls(const Json& args);
  ToolResult explain_rule(const Json& args);
  ToolResult get_guidance(const Json& args);

  Workspace& ws_;
  std::string version_;
};

/// URIs of the resources.
inline constexpr const char* kDocumentUri = "threatwright://model/threat-model.md";
inline constexpr const char* kAnalysisUri = "threatwright://model/analysis.json";
/// Name of the prompt.
inline constexpr const char* kChangePrompt = "before-security-change";

}  // namespace tw::mcp
