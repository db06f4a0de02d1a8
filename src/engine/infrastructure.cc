#include "engine/infrastructure.h"

namespace tw::engine {

std::string InfraWhere::str() const {
  if (file.empty()) return "";
  return file + ":" + std::to_string(line) + ":" + std::to_string(col);
}

std::string_view infra_effect_name(InfraFact::Effect e) {
  switch (e) {
    case InfraFact::Effect::Verified:
      return "verified";
    case InfraFact::Effect::Filled:
      return "observed";
    case InfraFact::Effect::Overridden:
      return "contradicted";
    case InfraFact::Effect::ModelStricter:
      return "model-stricter";
  }
  return "verified";
}

namespace {

void where_json(base::JsonWriter& w, const InfraWhere& at) {
  w.begin_object();
  w.field("file", at.file);
  w.field("line", at.line);
  w.field("column", at.col);
  w.end_object();
}

void model_json(base::JsonWriter& w, const std::string& id, const base::Loc& at) {
  w.begin_object();
  w.field("id", id);
  if (at.valid()) {
    w.field("file", at.path());
    w.field("line", at.line);
    w.field("column", at.col);
  }
  w.end_object();
}

}  // namespace

void write_infrastructure_json(base::JsonWriter& w, const Infrastructure& infra) {
  w.begin_object();
  w.field_strings("dirs", infra.dirs);
  w.field("files", infra.files);
  w.field("unresolved", infra.unresolved);
  w.field("problems", infra.problems);
  w.key("findings");
  w.begin_array();
  for (const InfraFinding& f : infra.findings) {
    w.begin_object();
    w.field("code", f.code);
    w.field("severity", severity_name(f.severity));
    w.field("message", f.message);
    if (!f.observed_at.file.empty()) {
      w.key("observed");
      where_json(w, f.observed_at);
    }
    if (!f.element.empty()) {
      w.key("model");
      model_json(w, f.element, f.model_at);
    }
    w.field("hint", f.hint);
    w.end_object();
  }
  w.end_array();
  w.key("facts");
  w.begin_array();
  for (const InfraFact& f : infra.facts) {
    w.begin_object();
    w.field("element", f.element);
    w.field("fact", f.fact);
    w.field("value", f.value);
    w.key("model_value");
    if (f.model_value.empty()) {
      w.null();
    } else {
      w.value(f.model_value);
    }
    w.field("effect", infra_effect_name(f.effect));
    w.key("observed");
    where_json(w, f.at);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace tw::engine
