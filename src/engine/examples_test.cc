// The example models (examples/*/model.yaml) carry planted weaknesses. Each must show up as an
// open threat of the right STRIDE category on the right element, and disappear or be rated
// lower in a copy of the model with that weakness fixed.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/analysis.h"
#include "engine/json_output.h"
#include "load/loader.h"

namespace tw::engine {
namespace {

using model::Stride;
using model::ThreatStatus;

std::string example_text(const std::string& name) {
  std::ifstream in(std::string(TW_SOURCE_DIR) + "/examples/" + name + "/model.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_FALSE(ss.str().empty()) << name;
  return ss.str();
}

struct Loaded {
  load::LoadResult model;
  Analysis analysis;
};

Loaded analyze_text(const std::string& name, const std::string& text, bool clean = true) {
  Loaded l{load::load_model_text("examples/" + name + "/model.yaml", text), {}};
  EXPECT_TRUE(l.model.ok()) << base::render_text(l.model.diagnostics, false);
  AnalyzeOptions o;
  o.today = *base::parse_date("2026-11-26");
  l.analysis = analyze(*l.model.model, o);
  if (clean) {
    EXPECT_EQ(l.analysis.diagnostics.error_count(), 0u)
        << base::render_text(l.analysis.diagnostics, false);
  }
  if (std::getenv("TW_DUMP_EXAMPLES")) {
    for (const Threat& t : l.analysis.threats) {
      std::cerr << name << ": " << t.id << " " << t.score << " " << model::name(t.status) << " "
                << t.status_reason << "\n";
    }
  }
  return l;
}

/// Replaces exactly one occurrence of `from` in `text`.
std::string patch(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "patch target not found: " << from;
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "patch target not unique: " << from;
  return text.substr(0, at) + to + text.substr(at + from.size());
}

struct Planted {
  std::string threat;  ///< expected id: <rule>@<element>
  Stride stride;
  std::string fix_from, fix_to;              ///< the text change that fixes the weakness
  std::string fix2_from = {}, fix2_to = {};  ///< a second change, when one is not enough
};

void check_planted(const std::string& name, const std::vector<Planted>& planted) {
  std::string text = example_text(name);
  Loaded base = analyze_text(name, text);
  for (const Planted& p : planted) {
    SCOPED_TRACE(name + ": " + p.threat);
    const Threat* t = base.analysis.find(p.threat);
    ASSERT_NE(t, nullptr) << "planted weakness not found";
    EXPECT_EQ(t->status, ThreatStatus::Open) << t->status_reason;
    EXPECT_NE(std::find(t->stride.begin(), t->stride.end(), p.stride), t->stride.end());
    EXPECT_EQ(t->target, p.threat.substr(p.threat.find('@') + 1));
    // The fixed model may leave controls naming the vanished threat: reported, not fatal here.
    std::string fixed_text = patch(text, p.fix_from, p.fix_to);
    if (!p.fix2_from.empty()) fixed_text = patch(fixed_text, p.fix2_from, p.fix2_to);
    Loaded fixed = analyze_text(name, fixed_text, false);
    const Threat* after = fixed.analysis.find(p.threat);
    if (after) {
      EXPECT_LT(after->score, t->score) << "fixing the weakness did not lower the risk";
    }
  }
}

TEST(Examples, OnlineShop) {
  check_planted(
      "online-shop",
      {
          {"cross-site-scripting@storefront", Stride::Tampering, "output_encoding: false",
           "output_encoding: true"},
          {"sql-injection@orders-api", Stride::Tampering, "input_validation: false",
           "input_validation: true"},
          {"missing-authorization@orders-api", Stride::ElevationOfPrivilege, "authorization: none",
           "authorization: rbac"},
          {"unencrypted-flow@orders-sql", Stride::InformationDisclosure,
           "protocol: sql,\n     data: [orders, customer-pii, card-tokens], encrypted: false",
           "protocol: sql-tls,\n     data: [orders, customer-pii, card-tokens], encrypted: true"},
          {"missing-backups@orders-db", Stride::DenialOfService, "backups: false", "backups: true"},
      });
}

TEST(Examples, FintechApi) {
  check_planted(
      "fintech-api",
      {
          {"missing-authentication@webhook-receiver", Stride::Spoofing,
           "authentication: none\n    authorization: none",
           "authentication: client-certificate\n    authorization: none"},
          {"spoofable-external-entity@card-network", Stride::Spoofing,
           "encrypted: true, authenticated: false}", "encrypted: true, authenticated: true}"},
          {"unencrypted-data-at-rest@ledger-db", Stride::InformationDisclosure,
           "encrypted_at_rest: false", "encrypted_at_rest: true"},
          {"fail-open-component@fraud-check", Stride::ElevationOfPrivilege, "fail_mode: open",
           "fail_mode: closed"},
          {"fail-open-failure-mode@fraud-check", Stride::ElevationOfPrivilege,
           "behaviour: fail-open, security_impact: Transfers go through unscored.}",
           "behaviour: fail-closed, security_impact: Transfers wait.}"},
          {"dependency-without-failure-analysis@ledger", Stride::DenialOfService,
           "failure_modes:\n",
           "failure_modes:\n  - {id: ledger-down, component: ledger, scenario: Ledger down, "
           "behaviour: fail-closed, security_impact: No transfers.}\n"},
      });
}

TEST(Examples, IotFleet) {
  check_planted("iot-fleet",
                {
                    {"physical-device-tampering@thermostat", Stride::Tampering,
                     "encrypted_at_rest: false", "encrypted_at_rest: true"},
                    {"unauthenticated-queue-producer@publish", Stride::Tampering,
                     "encrypted: true, authenticated: false, port: 8883",
                     "encrypted: true, authenticated: true, port: 8883"},
                    {"missing-rate-limit@ingest-api", Stride::DenialOfService,
                     "rate_limited: false", "rate_limited: true"},
                    {"unsafe-deserialization@telemetry-worker", Stride::ElevationOfPrivilege,
                     "input_validation: false", "input_validation: true"},
                    {"fail-open-failure-mode@thermostat", Stride::ElevationOfPrivilege,
                     "behaviour: fail-open", "behaviour: fail-closed"},
                });
}

TEST(Examples, SaasCicd) {
  check_planted(
      "saas-cicd",
      {
          {"ci-pipeline-untrusted-trigger@ci", Stride::ElevationOfPrivilege,
           "  - {id: pull-request, from: contributor, to: ci, protocol: https, encrypted: true,\n"
           "     authenticated: true}\n",
           ""},
          {"ci-secrets-exposed@ci", Stride::InformationDisclosure,
           "  - {id: pull-request, from: contributor, to: ci, protocol: https, encrypted: true,\n"
           "     authenticated: true}\n",
           ""},
          {"unpinned-ci-actions@gha-actions", Stride::Tampering,
           "used_by: [ci],\n     pinned: false", "used_by: [ci],\n     pinned: true"},
          {"mutable-container-image@base-image", Stride::Tampering,
           "used_by: [app],\n     pinned: false, integrity_checked: true",
           "used_by: [app],\n     pinned: true, integrity_checked: true"},
          {"dependency-confusion@tasklane-ui-kit", Stride::ElevationOfPrivilege,
           "pinned: false, integrity_checked: false, source: private-registry",
           "pinned: true, integrity_checked: true, source: private-registry"},
          {"ci-pipeline-production-access@ci", Stride::ElevationOfPrivilege,
           "pinned: false, integrity_checked: false, source: github-marketplace",
           "pinned: true, integrity_checked: true, source: github-marketplace"},
          // Fixed by taking it off the internet and letting staff in through a VPN zone.
          {"admin-console-internet-exposed@admin", Stride::ElevationOfPrivilege,
           "internet_facing: true", "internet_facing: false",
           "kind: user, boundary: internet}\n  - id: ci",
           "kind: user, boundary: vpn}\n  - id: ci\n"
           "    x-note: staff connect through the VPN"},
      });
}

TEST(Examples, ControlsDecisionsAndExpiryAct) {
  Loaded shop = analyze_text("online-shop", example_text("online-shop"));
  // A planned control leaves the threat open and says so.
  const Threat* xss = shop.analysis.find("cross-site-scripting@storefront");
  ASSERT_NE(xss, nullptr);
  EXPECT_EQ(xss->status, ThreatStatus::Open);
  EXPECT_EQ(xss->controls, std::vector<std::string>{"edge-waf"});
  EXPECT_EQ(xss->status_reason, "open: control edge-waf is planned, not implemented");
  // The acceptance of sending tokens to the PSP expired on 2026-06-30.
  const Threat* psp = shop.analysis.find("sensitive-data-to-untrusted-zone@charge");
  ASSERT_NE(psp, nullptr);
  EXPECT_EQ(psp->status, ThreatStatus::Open);
  EXPECT_EQ(psp->status_reason, "open: acceptance expired on 2026-06-30 (accepted by cfo)");
  // Renewing it makes it accepted again.
  Loaded renewed = analyze_text(
      "online-shop",
      patch(example_text("online-shop"), "review_by: 2026-06-30", "review_by: 2027-06-30"));
  EXPECT_EQ(renewed.analysis.find("sensitive-data-to-untrusted-zone@charge")->status,
            ThreatStatus::Accepted);

  Loaded fin = analyze_text("fintech-api", example_text("fintech-api"));
  // An implemented control mitigates, with a lower residual score.
  const Threat* key = fin.analysis.find("static-api-key@public-api");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->status, ThreatStatus::Mitigated);
  EXPECT_LT(key->score, key->inherent_score);
  // ... unless its verification is failing.
  AnalyzeOptions o;
  o.today = *base::parse_date("2026-11-26");
  o.evidence["key-rotation"].state = ControlEvidence::State::Failing;
  Analysis failing = analyze(*fin.model.model, o);
  EXPECT_EQ(failing.find("static-api-key@public-api")->status, ThreatStatus::Open);
  // A valid acceptance.
  EXPECT_EQ(fin.analysis.find("remote-admin-exposed@ops-ssh")->status, ThreatStatus::Accepted);

  // not_applicable suppresses the category on that element.
  Loaded iot = analyze_text("iot-fleet", example_text("iot-fleet"));
  for (const Threat& t : iot.analysis.threats) {
    if (t.target != "thermostat") continue;
    EXPECT_EQ(std::find(t.stride.begin(), t.stride.end(), Stride::Repudiation), t.stride.end())
        << t.id;
  }
  // A renamed element leaves a dangling decision: reported with a suggestion.
  Loaded renamed =
      analyze_text("fintech-api",
                   patch(example_text("fintech-api"), "threat: remote-admin-exposed@ops-ssh",
                         "threat: remote-admin-exposed@ops-shh"),
                   false);
  EXPECT_EQ(base::render_text(renamed.analysis.diagnostics, false),
            "examples/fintech-api/model.yaml:157:13: error: decision names threat "
            "'remote-admin-exposed@ops-shh', which the analysis does not produce "
            "[unknown-threat]\n"
            "      - threat: remote-admin-exposed@ops-shh\n"
            "                ^~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "hint: did you mean 'remote-admin-exposed@ops-ssh'?\n"
            "1 error, 0 warnings\n");
}

TEST(Examples, IdsAreStableAcrossRuns) {
  for (const char* name : {"online-shop", "fintech-api", "iot-fleet", "saas-cicd"}) {
    std::string text = example_text(name);
    Loaded a = analyze_text(name, text);
    Loaded b = analyze_text(name, text);
    EXPECT_EQ(render_analysis_json(*a.model.model, a.analysis),
              render_analysis_json(*b.model.model, b.analysis))
        << name;
    EXPECT_GE(a.analysis.threats.size(), 5u) << name;
  }
}

}  // namespace
}  // namespace tw::engine
