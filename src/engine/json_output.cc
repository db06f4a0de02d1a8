#include "engine/json_output.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "base/parallel.h"
#include "engine/infrastructure.h"
#include "rules/rule.h"
#include "rules/rule_set.h"

#ifndef TW_VERSION
#define TW_VERSION "0.0.0"
#endif

namespace tw::engine {

using nlohmann::ordered_json;

std::string_view threatwright_version() { return TW_VERSION; }

namespace {
ordered_json stride_json(const std::vector<model::Stride>& s) {
  ordered_json out = ordered_json::array();
  for (model::Stride x : s) out.push_back(std::string(model::name(x)));
  return out;
}

ordered_json strings(const std::vector<std::string>& v) {
  ordered_json out = ordered_json::array();
  for (const auto& s : v) out.push_back(s);
  return out;
}

ordered_json ints(const std::vector<int>& v) {
  ordered_json out = ordered_json::array();
  for (int i : v) out.push_back(i);
  return out;
}

/// A string, or null when empty.
void string_or_null(base::JsonWriter& w, std::string_view key, std::string_view s) {
  w.key(key);
  if (s.empty()) {
    w.null();
  } else {
    w.value(s);
  }
}

void int_list(base::JsonWriter& w, std::string_view key, const std::vector<int>& v) {
  w.key(key);
  w.begin_array();
  for (int i : v) w.value(i);
  w.end_array();
}

void counts(base::JsonWriter& w, std::string_view key, const std::map<std::string, int>& m) {
  w.key(key);
  w.begin_object();
  for (const auto& [k, v] : m) w.field(k, v);
  w.end_object();
}
}  // namespace

void write_threat_json(base::JsonWriter& w, const Threat& t) {
  w.begin_object();
  w.field("id", t.id);
  string_or_null(w, "rule", t.rule_id());
  w.field("title", t.title());
  w.key("stride");
  w.begin_array();
  for (model::Stride x : t.stride) w.value(model::name(x));
  w.end_array();
  w.field("target", t.target);
  w.field("target_kind", target_kind_name(t.target_kind));
  w.field("likelihood", t.likelihood);
  w.field("impact", t.impact);
  w.field("score", t.score);
  w.field("severity", severity_name(t.severity));
  w.field("inherent_score", t.inherent_score);
  w.field("status", model::name(t.status));
  w.field("status_reason", t.status_reason);
  string_or_null(w, "claim", t.claim);
  string_or_null(w, "root_cause", t.root_cause);
  string_or_null(w, "reach", t.reach());
  w.field_strings("controls", t.controls);
  w.field_strings("assets", t.assets());
  w.field_strings("adversaries", t.adversaries());
  int_list(w, "cwe", t.cwe());
  int_list(w, "capec", t.capec());
  w.field("description", t.description);
  w.field("mitigation", t.mitigation());
  string_or_null(w, "owner", t.owner);
  w.key("review_by");
  if (t.review_by) {
    w.value(t.review_by->str());
  } else {
    w.null();
  }
  w.key("location");
  w.begin_object();
  if (t.loc.valid()) {
    w.field("file", t.loc.path());
    w.field("line", t.loc.line);
    w.field("col", t.loc.col);
  } else {
    w.field("file", nullptr);
    w.field("line", nullptr);
    w.field("col", nullptr);
  }
  w.end_object();
  w.end_object();
}

void write_analysis_fields(base::JsonWriter& w,
                           const model::Model& m,
                           const Analysis& a,
                           const std::vector<const Threat*>* shown) {
  w.field("threatwright_version", threatwright_version());
  w.field("format_version", kJsonFormatVersion);
  w.key("model");
  w.begin_object();
  w.field("name", m.system.name);
  w.field("file", m.root_file);
  w.field("format_version", m.format_version);
  w.key("methodology");
  if (m.system.methodology) {
    w.value(model::name(*m.system.methodology));
  } else {
    w.null();
  }
  w.field("assets", m.assets.size());
  w.field("components", m.components.size());
  w.field("flows", m.flows.size());
  w.field("supply_chain", m.supply_chain.size());
  w.field("controls", m.controls.size());
  w.end_object();
  w.key("summary");
  w.begin_object();
  w.field("total", a.summary.total);
  w.field("open", a.summary.by_status.count("open") ? a.summary.by_status.at("open") : 0);
  counts(w, "by_severity", a.summary.by_severity);
  counts(w, "by_status", a.summary.by_status);
  counts(w, "by_stride", a.summary.by_stride);
  w.end_object();
  w.key("threats");
  w.begin_array();
  size_t count = shown ? shown->size() : a.threats.size();
  auto threat = [&](size_t i) -> const Threat& { return shown ? *(*shown)[i] : a.threats[i]; };
  // The threats are most of the document: written in chunks on the worker threads, a few
  // chunks at a time (bounded memory), and handed over in order, so the bytes never depend on
  // the thread count.
  constexpr size_t kChunk = 512;
  unsigned threads = base::worker_threads();
  if (threads <= 1 || count <= kChunk) {
    for (size_t i = 0; i < count; ++i) write_threat_json(w, threat(i));
  } else {
    const size_t per_round = size_t{threads} * 4;
    std::vector<std::ostringstream> parts(per_round);
    for (size_t begin = 0; begin < count; begin += per_round * kChunk) {
      size_t chunks = std::min(per_round, (count - begin + kChunk - 1) / kChunk);
      bool first = w.at_first_element();
      base::run_parallel(chunks, threads, [&](size_t c) {
        parts[c].str({});
        base::Output out(parts[c]);
        base::JsonWriter part(out, w.strings_mode(), w.depth(), first && c == 0);
        size_t from = begin + c * kChunk, to = std::min(count, from + kChunk);
        for (size_t i = from; i < to; ++i) write_threat_json(part, threat(i));
      });
      for (size_t c = 0; c < chunks; ++c) w.append_elements(parts[c].view());
    }
  }
  w.end_array();
  if (a.infrastructure) {
    w.key("infrastructure");
    write_infrastructure_json(w, *a.infrastructure);
  }
}

void write_analysis_json(std::ostream& out,
                         const model::Model& m,
                         const Analysis& a,
                         const std::vector<const Threat*>* shown) {
  base::Output o(out);
  base::JsonWriter w(o);
  w.begin_object();
  write_analysis_fields(w, m, a, shown);
  w.end_object();
  o += '\n';
}

std::string render_analysis_json(const model::Model& m, const Analysis& a) {
  std::ostringstream out;
  write_analysis_json(out, m, a);
  return out.str();
}

ordered_json rule_json(const rules::Rule& r) {
  ordered_json j;
  j["id"] = r.id;
  j["title"] = r.title;
  j["stride"] = stride_json(r.stride);
  ordered_json applies = ordered_json::array();
  for (rules::AppliesTo x : r.applies_to) applies.push_back(std::string(rules::applies_to_name(x)));
  j["applies_to"] = applies;
  j["cwe"] = ints(r.cwe);
  j["capec"] = ints(r.capec);
  j["likelihood"] = r.likelihood;
  j["impact"] = r.impact;
  j["detection"] = r.detection;
  j["mitigation"] = r.mitigation;
  j["false_positives"] = r.false_positives;
  j["references"] = strings(r.references);
  j["source"] = r.source;
  return j;
}

ordered_json rules_json(const rules::RuleSet& rules) {
  ordered_json j;
  j["format_version"] = kJsonFormatVersion;
  ordered_json list = ordered_json::array();
  for (const rules::Rule* r : rules.rules()) list.push_back(rule_json(*r));
  j["rules"] = std::move(list);
  return j;
}

}  // namespace tw::engine
