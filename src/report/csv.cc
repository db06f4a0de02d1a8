// The threat register as CSV (RFC 4180): a header row, one row per threat in id order, CRLF
// line ends, lists joined with "; ".

#include <sstream>
#include <string>
#include <vector>

#include "base/escape.h"
#include "base/output.h"
#include "base/text.h"
#include "report/report.h"
#include "report/view.h"

namespace tw::report {

namespace {

void row(base::Output& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += base::csv_field(fields[i]);
  }
  out += "\r\n";
}

std::string ints(const char* prefix, const std::vector<int>& v) {
  std::vector<std::string> s;
  for (int i : v) s.push_back(prefix + std::to_string(i));
  return base::join(s, "; ");
}

}  // namespace

void write_csv(const model::Model& m,
               const engine::Analysis& a,
               const Options& o,
               std::ostream& os) {
  View v(m, a, o);
  base::Output out(os);
  row(out,
      {"id",         "title",  "stride", "target",        "target_kind", "severity",  "score",
       "likelihood", "impact", "status", "status_reason", "controls",    "owner",     "review_by",
       "rationale",  "assets", "cwe",    "capec",         "rule",        "mitigation"});
  for (const engine::Threat& t : a.threats) {
    std::vector<std::string> stride;
    for (model::Stride s : t.stride) stride.emplace_back(model::name(s));
    const model::Decision* d = v.decision(t.id);
    row(out, {t.id,
              t.title(),
              base::join(stride, "; "),
              t.target,
              std::string(engine::target_kind_name(t.target_kind)),
              std::string(engine::severity_name(t.severity)),
              std::to_string(t.score),
              std::to_string(t.likelihood),
              std::to_string(t.impact),
              std::string(model::name(t.status)),
              t.status_reason,
              base::join(t.controls, "; "),
              t.owner,
              t.review_by ? t.review_by->str() : "",
              d ? d->rationale : "",
              base::join(t.assets(), "; "),
              ints("CWE-", t.cwe()),
              ints("CAPEC-", t.capec()),
              t.rule_id(),
              t.mitigation()});
  }
}

std::string write_csv(const model::Model& m, const engine::Analysis& a, const Options& o) {
  std::ostringstream out;
  write_csv(m, a, o, out);
  return std::move(out).str();
}

}  // namespace tw::report
