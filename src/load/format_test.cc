// The loader against its own tables (format.cc), field by field: every key the tables list is
// known to the loader and read with the type they declare, every key they mark required is
// required, and nothing else is. The JSON Schema (schema.cc) is generated from the same tables,
// so this is what keeps the editor schema and the loader in agreement.

#include "load/format.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "load/loader.h"
#include "load/schema.h"
#include "model/enums.h"
#include "model/vocabulary.h"

namespace tw::load {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Diagnostic codes about the shape of a file: what a JSON Schema can see. Others (dangling
// references, duplicate ids, includes) need the whole model.
const std::set<std::string> kShapeCodes = {
    "unknown-key", "wrong-type", "bad-value",   "missing-field",
    "bad-id",      "bad-date",   "bad-version", "conflicting-fields"};

std::string closed_value(const FieldSpec& f) {
  if (f.vocab == Vocab::Kind) return std::string(model::builtin_kinds().front().id);
  if (f.vocab == Vocab::Protocol) return std::string(model::builtin_protocols().front().id);
  if (f.vocab == Vocab::Ecosystem) return std::string(model::builtin_ecosystems().front());
  if (f.vocab == Vocab::Source) return std::string(model::builtin_sources().front());
  return "text";
}

json item(const MapSpec& spec, bool full, int depth = 0);

json good(const FieldSpec& f, int depth) {
  switch (f.type) {
    case FieldType::Text:
      return closed_value(f);
    case FieldType::Id:
      return "an-id." + std::string(f.key);
    case FieldType::Ref:
      return "some-id";
    case FieldType::Refs:
      return json::array({"some-id", "other-id"});
    case FieldType::Texts:
      return json::array({"one", "two"});
    case FieldType::Numbers:
      return json::array({79, "CWE-89"});
    case FieldType::Bool:
      return true;
    case FieldType::Integer:
      return f.max;
    case FieldType::Date:
      return "2026-02-28";
    case FieldType::Rating:
      return "very-high";
    case FieldType::Enum:
      for (std::string_view v : f.values()) {
        if (v != f.except) return std::string(v);
      }
      return nullptr;
    case FieldType::Strides:
      return json::array({"spoofing", "tampering"});
    case FieldType::Enums:
      return json::array({std::string(f.values().front()), std::string(f.values().back())});
    case FieldType::Version:
      return 1;
    case FieldType::Map:
      return item(*f.item, depth < 2, depth + 1);
    case FieldType::List:
      return json::array({item(*f.item, depth < 2, depth + 1)});
  }
  return nullptr;
}

json bad(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::Text:
    case FieldType::Ref:
    case FieldType::Refs:
    case FieldType::Texts:
      return json{{"a", "mapping"}};
    case FieldType::Id:
      return "Not An Id";
    case FieldType::Numbers:
      return json::array({"CWE-x"});
    case FieldType::Bool:
      return "yes";
    case FieldType::Integer:
      return f.max + 1;
    case FieldType::Date:
      return "2026-02-30";
    case FieldType::Rating:
      return "extreme";
    case FieldType::Enum:
      return "no-such-value";
    case FieldType::Strides:
      return json::array({"spoofy"});
    case FieldType::Enums:
      return json::array({"no-such-value"});
    case FieldType::Version:
      return 2;
    case FieldType::Map:
    case FieldType::List:
      return "text";
  }
  return nullptr;
}

// Keys that other keys' requirements depend on (an attack tree node's any/all) and the second
// of two exclusive keys are left out of a full item, so every other key is read.
bool skipped_in_full(const MapSpec& spec, const FieldSpec& f) {
  if (!spec.exclusive[1].empty() && f.key == spec.exclusive[1]) return true;
  for (const FieldSpec& g : spec.fields) {
    if (std::find(g.unless.begin(), g.unless.end(), f.key) != g.unless.end()) return true;
  }
  return false;
}

json item(const MapSpec& spec, bool full, int depth) {
  json out = json::object();
  for (const FieldSpec& f : spec.fields) {
    bool want = f.required || (full && !skipped_in_full(spec, f));
    if (want) out[std::string(f.key)] = good(f, depth);
  }
  return out;
}

// Where each spec sits in a model file: the keys from the top, and whether each is a list.
using Path = std::vector<std::pair<std::string, bool>>;
std::map<const MapSpec*, Path> paths() {
  std::map<const MapSpec*, Path> out{{&format::model_file, {}}};
  std::vector<const MapSpec*> todo{&format::model_file};
  while (!todo.empty()) {
    const MapSpec* s = todo.back();
    todo.pop_back();
    for (const FieldSpec& f : s->fields) {
      if (!f.item || out.count(f.item)) continue;
      Path p = out[s];
      p.emplace_back(std::string(f.key), f.type == FieldType::List);
      out[f.item] = p;
      todo.push_back(f.item);
    }
  }
  return out;
}

// A valid model with `x` placed at `path`.
json model_with(const Path& path, const json& x) {
  json m{{"threatwright", 1},
         {"system", {{"name", "S"}}},
         {"assets", json::array({{{"id", "a"}, {"name", "A"}}})}};
  if (path.empty()) {
    m.update(x);
    return m;
  }
  json* at = &m;
  for (size_t i = 0; i < path.size(); ++i) {
    const auto& [key, list] = path[i];
    bool last = i + 1 == path.size();
    // Parents take the minimal form of their own spec, so only `x` varies.
    json& slot = (*at)[key];
    if (list) {
      slot = json::array({last ? x : json::object()});
      at = &slot[0];
    } else {
      slot = last ? x : json::object();
      at = &slot;
    }
  }
  return m;
}

class FormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tw_format_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The shape diagnostics of loading `m` (as JSON text, which is YAML too): "code: message".
  std::vector<std::string> shape(const json& m) {
    std::string path = (dir_ / "m.yaml").string();
    std::ofstream(path) << m.dump();
    LoadOptions o;
    o.warnings = false;
    auto r = load_model(path, o);
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics.items()) {
      if (kShapeCodes.count(d.code)) out.push_back(d.code + ": " + d.message);
    }
    return out;
  }

  fs::path dir_;
};

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

TEST_F(FormatTest, EveryKeyOfEveryMappingIsKnownAndReadWithItsType) {
  auto where = paths();
  ASSERT_EQ(where.size(), format::all().size()) << "a spec is not reachable from model_file";
  for (const MapSpec* spec : format::all()) {
    SCOPED_TRACE(std::string(spec->name));
    const Path& path = where.at(spec);
    json full = item(*spec, true);
    json minimal = item(*spec, false);
    // A parent spec's required keys, so the item is valid where it sits.
    auto place = [&](const json& x) {
      json m = model_with(path, x);
      json* at = &m;
      const MapSpec* s = &format::model_file;
      for (size_t i = 0; i + 1 < path.size(); ++i) {
        const auto& [key, list] = path[i];
        const FieldSpec* f = s->field(key);
        json& slot = list ? (*at)[key][0] : (*at)[key];
        json required = item(*f->item, false);
        for (auto& [k, v] : required.items()) {
          if (!slot.contains(k)) slot[k] = v;
        }
        at = &slot;
        s = f->item;
      }
      return m;
    };
    // Every key the table lists is known, and the values the table's types describe load.
    EXPECT_EQ(joined(shape(place(full))), "") << place(full).dump();
    EXPECT_EQ(joined(shape(place(minimal))), "") << place(minimal).dump();
    // A key the table lacks is unknown.
    json extra = full;
    extra["no_such_key"] = "x";
    auto e = shape(place(extra));
    EXPECT_TRUE(e.size() == 1 && e[0].rfind("unknown-key: ", 0) == 0) << joined(e);

    for (const FieldSpec& f : spec->fields) {
      SCOPED_TRACE(std::string(f.key));
      // Required keys are required; the loader names the key.
      if (f.required && spec != &format::model_file) {
        json without = minimal;
        without.erase(std::string(f.key));
        auto d = shape(place(without));
        EXPECT_TRUE(d.size() == 1 && d[0].rfind("missing-field: ", 0) == 0 &&
                    d[0].find("'" + std::string(f.key) + "'") != std::string::npos)
            << joined(d);
      }
      // A value of the wrong type is refused.
      json wrong = full;
      for (std::string_view u : f.unless) {
        if (!u.empty()) wrong.erase(std::string(u));
      }
      wrong[std::string(f.key)] = bad(f);
      auto d = shape(place(wrong));
      EXPECT_FALSE(d.empty()) << place(wrong).dump();
      if (!f.except.empty()) {
        wrong[std::string(f.key)] = std::string(f.except);
        EXPECT_FALSE(shape(place(wrong)).empty()) << "'" << f.except << "' is refused";
      }
    }
    if (!spec->exclusive[0].empty()) {
      json both = full;
      for (std::string_view k : spec->exclusive) {
        both[std::string(k)] = good(*spec->field(k), 0);
      }
      auto d = shape(place(both));
      EXPECT_TRUE(std::any_of(d.begin(), d.end(), [](const std::string& s) {
        return s.rfind("conflicting-fields: ", 0) == 0;
      })) << joined(d);
    }
  }
}

TEST_F(FormatTest, RootFileNeedsItsVersion) {
  json m{{"system", {{"name", "S"}}}, {"assets", json::array({{{"id", "a"}}})}};
  auto d = shape(m);
  ASSERT_EQ(d.size(), 1u) << joined(d);
  EXPECT_EQ(d[0], "missing-field: the model has no 'threatwright'");
  for (std::string_view k : format::kRootRequired) {
    EXPECT_NE(format::model_file.field(k), nullptr) << k;
  }
}

TEST(Schema, IsValidJsonAndListsEveryTableKey) {
  for (SchemaFor which : {SchemaFor::Root, SchemaFor::Include}) {
    json s = json::parse(json_schema(which));
    EXPECT_EQ(s["$schema"], "http://json-schema.org/draft-07/schema#");
    EXPECT_EQ(s["additionalProperties"], false);
    for (const MapSpec* spec : format::all()) {
      const json& d = spec == &format::model_file ? s : s["definitions"][std::string(spec->name)];
      ASSERT_TRUE(d.is_object()) << spec->name;
      std::set<std::string> keys, want;
      for (auto& [k, v] : d["properties"].items()) keys.insert(k);
      for (const FieldSpec& f : spec->fields) want.insert(std::string(f.key));
      EXPECT_EQ(keys, want) << spec->name;
    }
    bool root = which == SchemaFor::Root;
    EXPECT_EQ(s.contains("required") && s["required"] == json::array({"threatwright"}), root);
  }
}

}  // namespace
}  // namespace tw::load
