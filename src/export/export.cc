#include "export/export.h"

namespace tw::exports {

const std::vector<std::string_view>& format_names() {
  static const std::vector<std::string_view> v = {"tm-bom", "threat-dragon", "otm",
                                                  "threat-composer", "cyclonedx"};
  return v;
}

std::optional<Format> parse_format(std::string_view s) {
  const auto& n = format_names();
  for (size_t i = 0; i < n.size(); ++i) {
    if (n[i] == s) return static_cast<Format>(i);
  }
  return std::nullopt;
}

std::string_view format_name(Format f) { return format_names()[static_cast<size_t>(f)]; }

base::Result<std::string> write(Format f,
                                const model::Model& m,
                                const engine::Analysis& a,
                                const Options& o) {
  switch (f) {
    case Format::TmBom:
      return write_tm_bom(m, a, o);
    case Format::ThreatDragon:
      return write_threat_dragon(m, a, o);
    case Format::Otm:
      return write_otm(m, a, o);
    case Format::ThreatComposer:
      return write_threat_composer(m, a, o);
    case Format::CycloneDx:
      return write_cyclonedx(m, o);
  }
  return base::Error{"unknown export format"};
}

}  // namespace tw::exports
