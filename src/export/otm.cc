#include "export/common.h"
#include "export/export.h"
namespace tw::exports {
std::string write_otm(const model::Model& m, const engine::Analysis& a, const Options& o) {
  return "{}\n";
}
}  // namespace tw::exports
