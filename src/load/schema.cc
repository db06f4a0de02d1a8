#include "load/schema.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "load/format.h"
#include "model/vocabulary.h"

namespace tw::load {

namespace {

using json = nlohmann::ordered_json;

// A single value the loader reads as text: YAML gives it as a string, number or boolean.
json scalar() { return json{{"type", {"string", "number", "boolean"}}}; }
// An id or a reference to one: ids may be written unquoted as numbers (`id: 42`).
json id_like() { return json{{"type", {"string", "integer"}}, {"minimum", 0}}; }
// `x` or a list of `x`: the loader accepts a single value for a list of one.
json one_or_list(const json& x) {
  return json{{"anyOf", {x, json{{"type", "array"}, {"items", x}}}}};
}

json vocabulary(Vocab v, bool closed) {
  json values = json::array();
  json descriptions = json::array();
  auto add = [&](std::string_view id, std::string_view what) {
    values.push_back(id);
    descriptions.push_back(what);
  };
  switch (v) {
    case Vocab::Kind:
      for (const auto& k : model::builtin_kinds()) add(k.id, k.what);
      break;
    case Vocab::Protocol:
      for (const auto& p : model::builtin_protocols()) add(p.id, p.what);
      break;
    case Vocab::Ecosystem:
      for (std::string_view e : model::builtin_ecosystems()) add(e, "");
      break;
    case Vocab::Source:
      for (std::string_view s : model::builtin_sources()) add(s, "");
      break;
    case Vocab::None:
      break;
  }
  json known{{"enum", values}};
  bool described = false;
  for (const auto& d : descriptions) described = described || !d.get<std::string>().empty();
  // enumDescriptions: shown beside each completion by the YAML language server.
  if (described) known["enumDescriptions"] = descriptions;
  if (closed) return known;
  // Known values are offered; any other text still loads (a warning, not an error).
  return json{{"anyOf", {known, json{{"type", "string"}}}}};
}

json ref_to(const MapSpec& spec) {
  return json{{"$ref", "#/definitions/" + std::string(spec.name)}};
}

json value_schema(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::Text:
      return f.vocab == Vocab::None ? scalar() : vocabulary(f.vocab, f.closed_vocab);
    case FieldType::Id:
      return json{
          {"type", {"string", "integer"}}, {"pattern", "^[a-z0-9][a-z0-9._-]*$"}, {"minimum", 0}};
    case FieldType::Ref:
      return id_like();
    case FieldType::Refs:
      return one_or_list(id_like());
    case FieldType::Texts:
      return one_or_list(scalar());
    case FieldType::Numbers:
      return one_or_list(
          json{{"anyOf",
                {json{{"type", "integer"}, {"minimum", 0}, {"maximum", 99999999}},
                 json{{"type", "string"}, {"pattern", "^((CWE|CAPEC)-)?[0-9]{1,8}$"}}}}});
    case FieldType::Bool:
      return json{{"type", "boolean"}};
    case FieldType::Integer:
      return json{{"type", "integer"}, {"minimum", f.min}, {"maximum", f.max}};
    case FieldType::Date:
      return json{
          {"type", "string"}, {"format", "date"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}};
    case FieldType::Rating:
      return json{{"enum", {"very-low", "low", "medium", "high", "very-high", 1, 2, 3, 4, 5}}};
    case FieldType::Enum: {
      json values = json::array();
      for (std::string_view v : f.values()) {
        if (v != f.except) values.push_back(v);
      }
      return json{{"enum", values}};
    }
    case FieldType::Strides:
      return one_or_list(json{{"enum", model::names<model::Stride>()}});
    case FieldType::Enums:
      return one_or_list(json{{"enum", f.values()}});
    case FieldType::Version:
      return json{{"const", 1}};
    case FieldType::Map:
      return json{{"allOf", {ref_to(*f.item)}}};
    case FieldType::List: {
      json list{{"type", "array"}, {"items", ref_to(*f.item)}};
      if (f.min > 0) list["minItems"] = f.min;
      return list;
    }
  }
  return json::object();
}

// Optional keys may be null ("not given", like leaving them out).
json nullable(json s) {
  if (s.contains("type") && !s.contains("anyOf")) {
    json t = s["type"].is_array() ? s["type"] : json::array({s["type"]});
    t.push_back("null");
    s["type"] = t;
    return s;
  }
  if (s.contains("enum")) {
    s["enum"].push_back(nullptr);
    return s;
  }
  if (s.contains("anyOf")) {
    s["anyOf"].push_back(json{{"type", "null"}});
    return s;
  }
  if (s.contains("allOf")) return json{{"anyOf", {s["allOf"][0], json{{"type", "null"}}}}};
  return json{{"anyOf", {s, json{{"type", "null"}}}}};
}

json map_schema(const MapSpec& spec, bool root) {
  json s{{"type", "object"}, {"description", spec.description}};
  json props = json::object();
  json required = json::array();
  json conditions = json::array();
  for (const FieldSpec& f : spec.fields) {
    json v = value_schema(f);
    bool needed = f.required || (root && std::find(std::begin(format::kRootRequired),
                                                   std::end(format::kRootRequired),
                                                   f.key) != std::end(format::kRootRequired));
    if (!needed || !f.unless[0].empty()) v = nullable(std::move(v));
    json p{{"description", f.description}};
    p.update(v);
    props[std::string(f.key)] = p;
    if (!needed) continue;
    if (f.unless[0].empty()) {
      required.push_back(f.key);
      continue;
    }
    json others = json::array();
    for (std::string_view u : f.unless) {
      if (!u.empty()) others.push_back(json{{"required", {u}}});
    }
    conditions.push_back(
        json{{"if", {{"not", {{"anyOf", others}}}}}, {"then", {{"required", {f.key}}}}});
  }
  s["properties"] = props;
  // Keys starting with x- are the user's extensions, accepted anywhere.
  s["patternProperties"] = json{{"^x-", json::object()}};
  s["additionalProperties"] = false;
  if (!required.empty()) s["required"] = required;
  if (!spec.exclusive[0].empty()) {
    conditions.push_back(json{{"not", {{"required", {spec.exclusive[0], spec.exclusive[1]}}}}});
  }
  if (conditions.size() == 1) {
    s.update(conditions[0]);
  } else if (!conditions.empty()) {
    s["allOf"] = conditions;
  }
  return s;
}

}  // namespace

std::string json_schema(SchemaFor which) {
  bool root = which == SchemaFor::Root;
  json s{{"$schema", "http://json-schema.org/draft-07/schema#"},
         {"title", root ? "threatwright model" : "threatwright model (included file)"}};
  json body = map_schema(format::model_file, root);
  if (!root) {
    body["description"] =
        "A file included by a threatwright model: any of the model's sections; "
        "'threatwright: 1' is optional.";
  }
  s.update(body);
  json defs = json::object();
  for (const MapSpec* spec : format::all()) {
    if (spec != &format::model_file) defs[std::string(spec->name)] = map_schema(*spec, false);
  }
  s["definitions"] = defs;
  return s.dump(2) + "\n";
}

}  // namespace tw::load
