#include "load/loader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tw::load {
namespace {

namespace fs = std::filesystem;

const char* kHeader =
    "threatwright: 1\n"
    "system: {name: T}\n"
    "assets:\n"
    "  - {id: data, name: Data, value: high, impact: Leak}\n";

std::string errors_of(const std::string& text) {
  LoadOptions o;
  o.warnings = false;
  auto r = load_model_text("m.yaml", text, o);
  return base::render_text(r.diagnostics, false);
}

// A scratch folder for file-based tests, removed afterwards.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("tw_load_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string write(const std::string& rel, const std::string& text) {
    fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  fs::path path() const { return path_; }

 private:
  fs::path path_;
};

TEST(Loader, ValidModelLoads) {
  auto r = load_model_text("m.yaml", std::string(kHeader) +
                                         "components:\n"
                                         "  - {id: web, type: process, stores: [data]}\n");
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  ASSERT_EQ(r.model->components.size(), 1u);
  EXPECT_EQ(r.model->components[0].stores[0].index, 0);
  EXPECT_FALSE(r.model->components[0].authentication.has_value());
}

// Found by fuzz_rule_pack under UBSan: a long number in a list of numbers overflowed while it
// was read, before it was refused.
TEST(Loader, LongOrNonNumericCweIsRefusedWithoutOverflow) {
  std::string errors = errors_of(std::string(kHeader) +
                                 "components:\n"
                                 "  - {id: web, type: process}\n"
                                 "threats:\n"
                                 "  - {id: t1, title: T, stride: [tampering], target: web,\n"
                                 "     cwe: [CWE-79, 99999999999999999999, 7x, CWE-123456789]}\n");
  EXPECT_NE(errors.find("lists numbers, got '99999999999999999999'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("lists numbers, got '7x'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("lists numbers, got 'CWE-123456789'"), std::string::npos) << errors;
  EXPECT_EQ(errors.find("got 'CWE-79'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("3 errors"), std::string::npos) << errors;
}

TEST(Loader, UnknownKeyWithSuggestion) {
  EXPECT_EQ(errors_of(std::string(kHeader) + "components:\n"
                                             "  - id: web\n"
                                             "    type: process\n"
                                             "    autentication: none\n"),
            "m.yaml:8:5: error: unknown key 'autentication' in component; did you mean "
            "'authentication'? [unknown-key]\n"
            "        autentication: none\n"
            "        ^~~~~~~~~~~~~\n"
            "1 error, 0 warnings\n");
}

TEST(Loader, DuplicateIdNotesFirstDefinition) {
  EXPECT_EQ(errors_of(std::string(kHeader) + "components:\n"
                                             "  - {id: data, type: process}\n"),
            "m.yaml:6:10: error: duplicate id 'data' (component) [duplicate-id]\n"
            "      - {id: data, type: process}\n"
            "             ^~~~\n"
            "m.yaml:4:10: note: first defined here as an asset\n"
            "      - {id: data, name: Data, value: high, impact: Leak}\n"
            "             ^~~~\n"
            "hint: every id must be unique across the whole model, includes too\n"
            "1 error, 0 warnings\n");
}

TEST(Loader, FlowFromAnAssetIsWrongKind) {
  EXPECT_EQ(errors_of(std::string(kHeader) + "components:\n"
                                             "  - {id: web, type: process}\n"
                                             "flows:\n"
                                             "  - {id: f, from: data, to: web}\n"),
            "m.yaml:8:19: error: flow source 'data' is an asset, expected a component "
            "[wrong-kind]\n"
            "      - {id: f, from: data, to: web}\n"
            "                      ^~~~\n"
            "m.yaml:4:10: note: 'data' is defined here\n"
            "      - {id: data, name: Data, value: high, impact: Leak}\n"
            "             ^~~~\n"
            "1 error, 0 warnings\n");
}

TEST(Loader, ReportsAllProblemsNotJustTheFirst) {
  LoadOptions o;
  o.warnings = false;
  auto r = load_model_text("m.yaml",
                           std::string(kHeader) +
                               "components:\n"
                               "  - {id: a, type: proces}\n"
                               "  - {id: b, type: process, boundary: nowhere}\n"
                               "  - {id: c, type: process, internet_facing: 'true'}\n"
                               "flows:\n"
                               "  - {id: f, from: a}\n"
                               "decisions:\n"
                               "  - {threat: x, status: accepted, review_by: 2026-13-01}\n",
                           o);
  EXPECT_EQ(r.diagnostics.error_count(), 5u) << base::render_text(r.diagnostics, false);
  std::string text = base::render_text(r.diagnostics, false);
  for (const char* code :
       {"[bad-value]", "[unknown-id]", "[wrong-type]", "[missing-field]", "[bad-date]"}) {
    EXPECT_NE(text.find(code), std::string::npos) << code;
  }
}

TEST(Loader, MissingRequiredSectionsAndVersion) {
  std::string text = errors_of("system: {name: x}\n");
  EXPECT_NE(text.find("the model has no 'threatwright'"), std::string::npos) << text;
  EXPECT_NE(text.find("the model lists no assets"), std::string::npos) << text;
  EXPECT_NE(errors_of("threatwright: 2\nsystem: {name: x}\n").find("unsupported format version"),
            std::string::npos);
}

TEST(Loader, ExtensionKeysAreIgnored) {
  auto r = load_model_text("m.yaml", std::string(kHeader) +
                                         "x-team: platform\n"
                                         "components:\n"
                                         "  - {id: web, type: process, x-jira: SEC-1}\n");
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
}

TEST(Loader, WarnsAboutUnknownFactsAndContradictions) {
  auto r = load_model_text("m.yaml", std::string(kHeader) +
                                         "components:\n"
                                         "  - {id: web, type: process, stores: [data]}\n"
                                         "  - {id: db, type: data-store}\n"
                                         "flows:\n"
                                         "  - {id: f, from: web, to: db, protocol: https,\n"
                                         "     encrypted: false, authenticated: true}\n");
  EXPECT_TRUE(r.ok());
  std::string text = base::render_text(r.diagnostics, false);
  EXPECT_NE(text.find("process 'web' leaves security facts unknown: internet_facing, "
                      "authentication, authorization, input_validation, audit_log"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("flow 'f' uses https but says encrypted: false [contradictory-flow]"),
            std::string::npos);
}

// The method facts decide the yes/no facts rules read; a stated one that disagrees is a
// warning (docs/model-format.md, "components" and "flows").
TEST(Loader, MethodFactsSetTheYesNoFactsAndWarnOnContradictions) {
  auto r = load_model_text(
      "m.yaml",
      std::string(kHeader) +
          "components:\n"
          "  - {id: web, type: process, machine: container, runs_on: host,\n"
          "     data_formats: [xml, json, xml], used_by_humans: false}\n"
          "  - {id: host, type: process, kind: runtime}\n"
          "  - {id: db, type: data-store, encryption: shared-key}\n"
          "  - {id: files, type: data-store, encryption: none, encrypted_at_rest: true}\n"
          "flows:\n"
          "  - {id: f, from: web, to: db, protocol: sql-tls, authentication: token,\n"
          "     authorization: technical-user, vpn: true, read_only: true, usage: devops}\n"
          "  - {id: g, from: web, to: files, protocol: nfs, authentication: none,\n"
          "     authenticated: true}\n");
  ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  const model::Model& m = *r.model;
  EXPECT_EQ(m.components[0].machine, model::Machine::Container);
  EXPECT_EQ(m.components[0].runs_on.index, 1);
  EXPECT_EQ(m.components[0].data_formats,
            (std::vector<model::DataFormat>{model::DataFormat::Json, model::DataFormat::Xml}));
  EXPECT_EQ(m.components[0].used_by_humans, false);
  EXPECT_EQ(m.components[2].encrypted_at_rest, true);  // from shared-key
  EXPECT_EQ(m.components[3].encrypted_at_rest, true);  // stated: kept, with a warning
  EXPECT_EQ(m.flows[0].authenticated, true);           // from token
  EXPECT_EQ(m.flows[0].authorization, model::FlowAuthorization::TechnicalUser);
  EXPECT_EQ(m.flows[0].vpn, true);
  EXPECT_EQ(m.flows[0].ip_filtered, std::nullopt);  // unset stays unknown
  EXPECT_EQ(m.flows[0].read_only, true);
  EXPECT_EQ(m.flows[0].usage, model::Usage::Devops);
  EXPECT_EQ(m.flows[1].authenticated, true);
  std::string text = base::render_text(r.diagnostics, false);
  EXPECT_NE(text.find("component 'files' says encryption: none but encrypted_at_rest: true "
                      "[contradictory-component]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("flow 'g' says authentication: none but authenticated: true "
                      "[contradictory-flow]"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("flow 'f' says"), std::string::npos) << text;
}

TEST(Loader, AnEnumListRejectsUnknownValuesAtTheirPlace) {
  auto r =
      load_model_text("m.yaml", std::string(kHeader) +
                                    "components:\n"
                                    "  - {id: web, type: process, data_formats: [json, yml]}\n");
  EXPECT_FALSE(r.ok());
  std::string text = base::render_text(r.diagnostics, false);
  EXPECT_NE(text.find("m.yaml:"), std::string::npos) << text;
  EXPECT_NE(text.find("yml"), std::string::npos) << text;
  EXPECT_NE(text.find("[bad-value]"), std::string::npos) << text;
}

TEST(Loader, AnchorsInsideStreamedItemsSurviveForLaterAliases) {
  auto r = load_model_text("m.yaml",
                           "threatwright: 1\n"
                           "system: {name: T}\n"
                           "assets:\n"
                           "  - {id: a, name: A, value: high, impact: x,\n"
                           "     cia: &strict {confidentiality: high, integrity: high}}\n"
                           "  - {id: filler, name: F, value: low, impact: x}\n"
                           "  - {id: b, name: B, value: low, impact: y, cia: *strict}\n");
  ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  ASSERT_EQ(r.model->assets.size(), 3u);
  EXPECT_EQ(r.model->assets[2].cia.integrity, model::Level3::High);
}

// Review B2 (uaf_anchor_small): `*a` is the second item (the last `&a`), so the model has a
// duplicate id 'a2', never a node from reused memory ('a3' or garbage).
TEST(Loader, AliasToAnAnchorRedefinedInAConsumedItemIsThatItem) {
  const std::string big(1000000, 'q');
  for (const std::string& filler : {std::string("x"), big}) {
    auto r = load_model_text("m.yaml",
                             "threatwright: 1\n"
                             "system: {name: T}\n"
                             "assets:\n"
                             "  - &a {id: a1, name: first, value: high, impact: x}\n"
                             "  - &a {id: a2, name: second, value: high, impact: '" +
                                 filler + "', description: '" + filler +
                                 "'}\n"
                                 "  - {id: a3, name: third, value: low, impact: y}\n"
                                 "  - *a\n");
    std::string text = base::render_text(r.diagnostics, false);
    EXPECT_NE(text.find("duplicate id 'a2'"), std::string::npos) << text.substr(0, 300);
    EXPECT_EQ(text.find("duplicate id 'a3'"), std::string::npos) << text.substr(0, 300);
  }
}

// Long sections reserve room for the rest of the file once 64 items are in (an estimate):
// whatever it guesses, every item arrives once, in order, with its position.
TEST(Loader, LongSectionsLoadWhole) {
  for (bool one_per_line : {false, true}) {
    std::string text = std::string(kHeader) + "components:\n";
    for (int i = 0; i < 300; ++i) {
      std::string id = "c" + std::to_string(i);
      text += one_per_line ? "  - {id: " + id + ", type: process}\n"
                           : "  - id: " + id + "\n    type: process\n    name: N\n";
    }
    text += "flows:\n";
    for (int i = 0; i < 500; ++i) {
      text += "  - {id: f" + std::to_string(i) + ", from: c" + std::to_string(i % 300) + ", to: c" +
              std::to_string((i + 1) % 300) + "}\n";
    }
    LoadOptions o;
    o.warnings = false;
    auto r = load_model_text("m.yaml", text, o);
    ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
    ASSERT_EQ(r.model->components.size(), 300u);
    ASSERT_EQ(r.model->flows.size(), 500u);
    uint32_t first_line = r.model->components[0].loc.line;
    for (int i = 0; i < 300; ++i) {
      EXPECT_EQ(r.model->components[i].id, "c" + std::to_string(i));
      EXPECT_EQ(r.model->components[i].loc.line, first_line + i * (one_per_line ? 1 : 3));
    }
    for (int i = 0; i < 500; ++i) {
      const model::Flow& f = r.model->flows[i];
      EXPECT_EQ(f.id, "f" + std::to_string(i));
      EXPECT_EQ(f.to.index, (i + 1) % 300);
    }
  }
}

// Large models are parsed and resolved partly on worker threads. Dangling and wrong-kind
// references anywhere must still be reported exactly as on one thread, in the same order.
TEST(Loader, LargeModelReportsTheSameWithAnyThreadCount) {
  std::string text = std::string(kHeader) + "components:\n";
  for (int i = 0; i < 2000; ++i) {
    text += "  - {id: c" + std::to_string(i) + ", type: process, stores: [data]}\n";
  }
  text += "flows:\n";
  for (int i = 0; i < 20000; ++i) {
    std::string to = "c" + std::to_string((i * 7) % 2000);
    if (i == 3) to = "c-missing";
    if (i == 17000) to = "data";  // an asset, not a component
    if (i == 19999) to = "c19x";  // close to an id: a suggestion
    text += "  - {id: f" + std::to_string(i) + ", from: c" + std::to_string(i % 2000) +
            ", to: " + to + (i == 9000 ? ", data: [nope]" : "") + "}\n";
  }
  auto run = [&](const char* threads) {
    setenv("THREATWRIGHT_THREADS", threads, 1);
    LoadOptions o;
    o.warnings = false;
    auto r = load_model_text("m.yaml", text, o);
    unsetenv("THREATWRIGHT_THREADS");
    std::string out = base::render_text(r.diagnostics, false);
    for (const model::Flow& f : r.model->flows) out += std::to_string(f.to.index) + ",";
    return out;
  };
  std::string one = run("1");
  EXPECT_EQ(one, run("4"));
  EXPECT_NE(one.find("flow destination 'c-missing' does not exist"), std::string::npos) << one;
  EXPECT_NE(one.find("flow destination 'data' is an asset, expected a component"),
            std::string::npos);
  EXPECT_NE(one.find("carried asset 'nope' does not exist"), std::string::npos);
  EXPECT_NE(one.find("flow destination 'c19x' does not exist; did you mean 'c19'?"),
            std::string::npos);
  size_t errors = 0;
  for (size_t at = one.find(": error: "); at != std::string::npos;
       at = one.find(": error: ", at + 1)) {
    ++errors;
  }
  EXPECT_EQ(errors, 4u);
}

TEST(Loader, JsonModel) {
  auto r = load_model_text("m.json",
                           R"({"threatwright": 1, "system": {"name": "J"},
          "assets": [{"id": "a", "name": "A", "value": "low", "impact": "x"}],
          "components": [{"id": "c", "type": "data-store", "stores": ["a"]}]})");
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  EXPECT_EQ(r.model->components[0].type, model::ComponentType::DataStore);
}

TEST(Loader, IncludesLoadLikeTheirFlatTwin) {
  TempDir dir;
  std::string components =
      "  - {id: web, type: process, internet_facing: true}\n"
      "  - {id: db, type: data-store, stores: [data]}\n";
  std::string flows = "  - {id: q, from: web, to: db, data: [data]}\n";
  std::string flat = dir.write(
      "flat.yaml", std::string(kHeader) + "components:\n" + components + "flows:\n" + flows);
  std::string split = dir.write("split/model.yaml", std::string(kHeader) +
                                                        "include: [parts/*.yaml]\n"
                                                        "components:\n" +
                                                        components);
  dir.write("split/parts/flows.yaml", "flows:\n" + flows);
  auto a = load_model(flat);
  auto b = load_model(split);
  ASSERT_TRUE(a.ok()) << base::render_text(a.diagnostics, false);
  ASSERT_TRUE(b.ok()) << base::render_text(b.diagnostics, false);
  ASSERT_EQ(a.model->flows.size(), b.model->flows.size());
  EXPECT_EQ(a.model->flows[0].to.index, b.model->flows[0].to.index);
  EXPECT_EQ(a.model->ids.size(), b.model->ids.size());
  EXPECT_EQ(b.model->sources.size(), 2u);
  EXPECT_EQ(b.model->flows[0].loc.path(), dir.path().string() + "/split/parts/flows.yaml");
}

TEST(Loader, IncludeCycleIsReported) {
  TempDir dir;
  std::string root = dir.write("m.yaml", std::string(kHeader) + "include: [a.yaml]\n");
  dir.write("a.yaml", "include: [b.yaml]\n");
  dir.write("b.yaml", "include: [a.yaml]\n");
  auto r = load_model(root);
  std::string text = base::render_text(r.diagnostics, false);
  EXPECT_NE(text.find("b.yaml:1:11: error: include cycle: 'a.yaml' is already being loaded "
                      "[include-cycle]"),
            std::string::npos)
      << text;
}

TEST(Loader, IncludeMayNotEscapeTheModelFolder) {
  TempDir dir;
  dir.write("outside.yaml", "flows: []\n");
  std::string root =
      dir.write("model/m.yaml", std::string(kHeader) + "include: [../outside.yaml]\n");
  fs::create_symlink(dir.path() / "outside.yaml", dir.path() / "model" / "link.yaml");
  auto r = load_model(root);
  std::string text = base::render_text(r.diagnostics, false);
  EXPECT_NE(text.find("[include-escape]"), std::string::npos) << text;
  std::string root2 = dir.write("model/m2.yaml", std::string(kHeader) + "include: [link.yaml]\n");
  auto r2 = load_model(root2);
  std::string text2 = base::render_text(r2.diagnostics, false);
  EXPECT_NE(text2.find("outside the model's folder"), std::string::npos) << text2;
}

// Review B4: a glob whose folder part climbs out of the model's folder is refused before any
// walk, so nothing outside is visited or named; variants deeper, through a subfolder, in rules.
TEST(Loader, IncludeGlobsThatClimbOutAreNotWalked) {
  TempDir dir;
  dir.write("outside/secret-passwd.yaml", "flows: []\n");
  dir.write("model/sub/in.yaml", "flows: []\n");
  for (const std::string& entry : {std::string("include: ['../outside/*']"),
                                   std::string("include: ['../../../../../etc/*s*wd*']"),
                                   std::string("include: ['sub/../../outside/**']"),
                                   std::string("rules: ['../outside/*.yaml']")}) {
    std::string root = dir.write("model/m.yaml", std::string(kHeader) + entry + "\n");
    LoadOptions o;
    o.warnings = false;
    auto r = load_model(root, o);
    std::string text = base::render_text(r.diagnostics, false);
    EXPECT_NE(text.find("climbs out of the model's folder"), std::string::npos) << text;
    EXPECT_EQ(text.find("secret-passwd"), std::string::npos) << text;
    EXPECT_EQ(text.find("/etc/passwd"), std::string::npos) << text;
  }
  // Inside the tree, '..' that stays inside is fine.
  std::string ok =
      dir.write("model/m.yaml", std::string(kHeader) + "include: ['sub/../sub/*.yaml']\n");
  auto r = load_model(ok);
  EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
}

// Review B5: a root model that is a link out of its folder is refused without echoing a line
// of the target; a FIFO or /proc file as the root model is refused at once, never read.
TEST(Loader, RootModelLinksOutOfItsFolderAreRefusedSilently) {
  TempDir dir;
  dir.write("home/.aws/credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
  fs::create_directories(dir.path() / "repo");
  fs::create_symlink(dir.path() / "home/.aws/credentials", dir.path() / "repo/model.yaml");
  fs::create_symlink("/proc/self/environ", dir.path() / "repo/env.yaml");
  fs::create_symlink("/dev/stdin", dir.path() / "repo/stdin.yaml");
  ASSERT_EQ(::mkfifo((dir.path() / "repo/fifo.yaml").c_str(), 0600), 0);
  for (const char* name :
       {"repo/model.yaml", "repo/env.yaml", "repo/stdin.yaml", "repo/fifo.yaml"}) {
    auto r = load_model((dir.path() / name).string());
    std::string text = base::render_text(r.diagnostics, false);
    EXPECT_FALSE(r.ok()) << name;
    EXPECT_EQ(text.find("AKIA"), std::string::npos) << text;
    EXPECT_EQ(text.find("PATH="), std::string::npos) << text;
    EXPECT_EQ(text.find("credentials"), std::string::npos) << text;
  }
}

TEST(Loader, MissingIncludeAndEmptyGlob) {
  TempDir dir;
  std::string root =
      dir.write("m.yaml", std::string(kHeader) + "include: [nope.yaml, parts/*.yaml]\n");
  auto r = load_model(root);
  std::string text = base::render_text(r.diagnostics, false);
  EXPECT_NE(text.find("include file 'nope.yaml' does not exist [include-missing]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("include pattern 'parts/*.yaml' matches no file [include-empty]"),
            std::string::npos);
}

TEST(Loader, SecondSystemInAnIncludeIsAnError) {
  TempDir dir;
  std::string root = dir.write("m.yaml", std::string(kHeader) + "include: [a.yaml]\n");
  dir.write("a.yaml", "system: {name: again}\n");
  auto r = load_model(root);
  EXPECT_NE(base::render_text(r.diagnostics, false).find("[duplicate-section]"), std::string::npos);
}

TEST(Loader, FileSizeLimitRefusesBeforeReading) {
  TempDir dir;
  std::string root = dir.write("m.yaml", std::string(kHeader));
  LoadOptions o;
  o.limits.max_file_bytes = 10;
  auto r = load_model(root, o);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(base::render_text(r.diagnostics, false).find("over the limit of 10"),
            std::string::npos);
}

TEST(Loader, MissingFile) {
  auto r = load_model("/nonexistent/model.yaml");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(base::render_text(r.diagnostics, false).find("No such file"), std::string::npos);
}

// ---- IAM ----

TEST(LoaderIam, PrincipalsLoadWithTheirReferencesResolved) {
  auto r = load_model_text("m.yaml", std::string(kHeader) +
                                         "components:\n"
                                         "  - {id: ci, type: process, kind: ci-pipeline, "
                                         "runs_as: deploy}\n"
                                         "  - {id: db, type: data-store, stores: [data]}\n"
                                         "iam:\n"
                                         "  principals:\n"
                                         "    - id: deploy\n"
                                         "      kind: ci-identity\n"
                                         "      long_lived_keys: false\n"
                                         "      permissions:\n"
                                         "        - actions: [rds:*]\n"
                                         "          resources: '*'\n"
                                         "        - {effect: deny, actions: rds:Delete*, "
                                         "resources: ['*']}\n"
                                         "      assumable_by: [ci, reader]\n"
                                         "      trust:\n"
                                         "        - {issuer: 'https://token.actions."
                                         "githubusercontent.com', subject: 'repo:a/b:*'}\n"
                                         "      acts_on: db\n"
                                         "    - {id: reader, kind: role, permissions: []}\n");
  ASSERT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
  const model::Model& m = *r.model;
  ASSERT_EQ(m.principals.size(), 2u);
  const model::Principal& p = m.principals[0];
  EXPECT_EQ(m.components[0].runs_as.index, 0);
  EXPECT_EQ(p.kind, model::PrincipalKind::CiIdentity);
  EXPECT_EQ(p.long_lived_keys, false);
  EXPECT_FALSE(p.production.has_value());
  ASSERT_TRUE(p.permissions.has_value());
  ASSERT_EQ(p.permissions->size(), 2u);
  EXPECT_EQ((*p.permissions)[0].effect, model::Effect::Allow);
  EXPECT_EQ((*p.permissions)[0].resources, std::vector<std::string>{"*"});
  EXPECT_EQ((*p.permissions)[1].effect, model::Effect::Deny);
  EXPECT_EQ((*p.permissions)[1].actions, std::vector<std::string>{"rds:Delete*"});
  ASSERT_EQ(p.assumable_by.size(), 2u);
  EXPECT_EQ(p.assumable_by[0].index, 0);  // the component ci
  EXPECT_EQ(p.assumable_by[1].index, 1);  // the principal reader
  ASSERT_EQ(p.trust.size(), 1u);
  EXPECT_EQ(p.trust[0].subject, "repo:a/b:*");
  EXPECT_EQ(p.acts_on[0].index, 1);
  // Unknown stays unknown; [] is a known empty policy.
  EXPECT_TRUE(m.principals[1].permissions.has_value());
  EXPECT_TRUE(m.principals[1].permissions->empty());
  EXPECT_FALSE(m.principals[1].long_lived_keys.has_value());
  EXPECT_EQ(m.find("reader")->kind, model::Kind::Principal);
}

TEST(LoaderIam, DanglingAndWrongKindReferencesArePlaced) {
  EXPECT_EQ(errors_of(std::string(kHeader) + "components:\n"
                                             "  - {id: web, type: process, runs_as: app-rol}\n"
                                             "iam:\n"
                                             "  principals:\n"
                                             "    - id: app-role\n"
                                             "      acts_on: [app-role]\n"),
            "m.yaml:6:39: error: principal 'app-rol' does not exist; did you mean 'app-role'? "
            "[unknown-id]\n"
            "      - {id: web, type: process, runs_as: app-rol}\n"
            "                                          ^~~~~~~\n"
            "m.yaml:10:17: error: component 'app-role' is a principal, expected a component "
            "[wrong-kind]\n"
            "          acts_on: [app-role]\n"
            "                    ^~~~~~~~\n"
            "m.yaml:9:11: note: 'app-role' is defined here\n"
            "        - id: app-role\n"
            "              ^~~~~~~~\n"
            "2 errors, 0 warnings\n");
}

TEST(LoaderIam, StatementsAndTrustNeedTheirKeys) {
  EXPECT_EQ(errors_of(std::string(kHeader) + "iam:\n"
                                             "  principals:\n"
                                             "    - id: r\n"
                                             "      permissions:\n"
                                             "        - {effect: allow, actions: ['*']}\n"
                                             "      trust:\n"
                                             "        - {issuer: x}\n"),
            "m.yaml:9:11: error: permission has no 'resources' [missing-field]\n"
            "            - {effect: allow, actions: ['*']}\n"
            "              ^\n"
            "hint: add 'resources: ...' to it\n"
            "m.yaml:11:11: error: trust entry has no 'subject' [missing-field]\n"
            "            - {issuer: x}\n"
            "              ^\n"
            "hint: add 'subject: ...' to it\n"
            "2 errors, 0 warnings\n");
}

TEST(LoaderIam, WarnsAboutPrincipalsNoComponentHolds) {
  auto r = load_model_text("m.yaml", std::string(kHeader) +
                                         "components:\n"
                                         "  - {id: ci, type: process, runs_as: a}\n"
                                         "iam:\n"
                                         "  principals:\n"
                                         "    - {id: a, permissions: [], long_lived_keys: false}\n"
                                         "    - {id: b, permissions: [], long_lived_keys: false,"
                                         " assumable_by: a}\n"
                                         "    - {id: lonely, long_lived_keys: false}\n");
  std::vector<std::string> iam;
  for (const auto& d : r.diagnostics.items()) {
    if (d.message.find("principal") != std::string::npos) iam.push_back(d.code + ": " + d.message);
  }
  EXPECT_EQ(iam, (std::vector<std::string>{
                     "unknown-fact: principal 'lonely' leaves security facts unknown: "
                     "permissions",
                     "unused-principal: principal 'lonely' is not run as or assumed by any "
                     "component, so no threat about it can be placed"}));
}

}  // namespace
}  // namespace tw::load
