// libFuzzer targets, one per family of infrastructure reader (TW_FAMILY picks it): any bytes
// as that kind of file must be read to observations or a recorded problem, never crash, hang
// or grow without bound; drift against a small model and a discovered draft must follow.

#include <cstddef>
#include <cstdint>
#include <string>

#include "drift/discover.h"
#include "drift/drift.h"
#include "load/loader.h"
#include "observe/reader.h"
#include "observe/scan.h"

#ifndef TW_FAMILY
#define TW_FAMILY "kubernetes"
#endif

namespace {

const tw::model::Model& sample_model() {
  static auto* r = new tw::load::LoadResult(tw::load::load_model_text("m.yaml", R"(
threatwright: 1
system: {name: Fuzz, methodology: stride}
assets: [{id: a, name: A, value: low, impact: x}]
components:
  - {id: web, type: process, kind: web-app, internet_facing: false}
  - {id: db, type: data-store, kind: sql-database, encrypted_at_rest: true}
supply_chain:
  - {id: libs, kind: library, ecosystem: npm, source: public-registry, pinned: true,
     integrity_checked: true}
  - {id: py, kind: library, ecosystem: pypi, pinned: true, integrity_checked: true}
flows: [{id: f, from: web, to: db, protocol: sql, encrypted: true}]
)"));
  return *r->model;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tw::observe;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string family = TW_FAMILY;
  ObservedSystem obs;
  ReadContext ctx{"fuzz", "", &obs};
  // The lockfile families are sniffed by file name: each has its own.
  std::string sniffed = family == "terraform-hcl"  ? "x.tf"
                        : family == "package-lock" ? "package-lock.json"
                        : family == "requirements" ? "requirements.txt"
                        : family == "go-sum"       ? "go.sum"
                        : family == "cargo-lock"   ? "Cargo.lock"
                        : family == "poetry-lock"  ? "poetry.lock"
                                                   : "x.yaml";
  if (family == "terraform-hcl") {
    ctx.file = "fuzz.tf";
    read_terraform_hcl(ctx, text);
  } else if (family == "requirements") {
    read_requirements(ctx, text);
  } else if (family == "go-sum") {
    read_go_sum(ctx, text);
  } else if (family == "cargo-lock") {
    read_cargo_lock(ctx, text);
  } else if (family == "poetry-lock") {
    read_poetry_lock(ctx, text);
  } else {
    ParsedFile parsed = parse_documents(text);
    std::vector<const Doc*> docs;
    for (auto& d : parsed.documents)
      if (d) docs.push_back(d.get());
    if (!docs.empty()) {
      const Doc& first = *docs[0];
      if (family == "terraform-plan")
        read_terraform_json(ctx, first);
      else if (family == "cloudformation")
        read_cloudformation(ctx, first);
      else if (family == "compose")
        read_compose(ctx, first);
      else if (family == "github-actions")
        read_github_actions(ctx, first);
      else if (family == "openapi")
        read_openapi(ctx, first);
      else if (family == "package-lock")
        read_package_lock(ctx, first);
      else
        read_kubernetes(ctx, docs);
    }
  }
  // The content sniffer sees the same bytes too.
  read_text(sniffed, text, obs);
  obs.finish();
  auto findings = tw::drift::find_drift(sample_model(), obs, {});
  std::string out = tw::drift::render_text(findings, obs) + tw::drift::render_json(findings, obs) +
                    tw::drift::render_sarif(findings, "0") +
                    tw::drift::render_markdown(findings, obs);
  std::string draft = tw::drift::discover_model(obs, {});
  auto loaded = tw::load::load_model_text("draft.yaml", draft);
  // A draft must always load: anything else means discover wrote invalid YAML.
  if (!loaded.ok()) __builtin_trap();
  return out.empty() ? 1 : 0;
}
