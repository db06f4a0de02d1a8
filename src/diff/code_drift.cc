#include "diff/code_drift.h"

#include <algorithm>
#include <set>

#include "base/glob.h"
#include "diff/git.h"

namespace tw::diff {

std::vector<std::string> repo_globs(const model::Component& c, const std::string& file_dir) {
  std::vector<std::string> out;
  for (const std::string& g : c.code) {
    if (g.empty()) continue;
    std::string full;
    if (g[0] == '/') {
      full = g.substr(1);
    } else {
      full = file_dir.empty() || file_dir == "." ? g : file_dir + "/" + g;
    }
    // Normalise the literal part only; wildcards stay as written.
    size_t wild = full.find_first_of("*?[");
    size_t cut = wild == std::string::npos ? full.size() : full.rfind('/', wild);
    if (cut == std::string::npos) cut = 0;
    std::string head = normalize_path(full.substr(0, cut));
    std::string tail = full.substr(cut);
    if (!tail.empty() && tail[0] == '/') tail = tail.substr(1);
    if (head == ".") head.clear();
    full = head.empty() ? tail : tail.empty() ? head : head + "/" + tail;
    out.push_back(full);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<CodeDrift> find_code_drift(
    const model::Model& model,
    const std::function<std::string(const model::Component&)>& dir_of,
    const std::vector<std::string>& changed,
    const std::vector<std::string>& model_files) {
  std::set<std::string> mf(model_files.begin(), model_files.end());
  for (const std::string& f : changed) {
    if (mf.count(f)) return {};
  }
  std::vector<CodeDrift> out;
  for (const model::Component& c : model.components) {
    if (c.code.empty()) continue;
    CodeDrift d{c.id, c.name, repo_globs(c, dir_of(c)), {}};
    for (const std::string& f : changed) {
      for (const std::string& g : d.globs) {
        // "dir" alone also covers the files below it.
        if (base::glob_match(g, f) || (!base::has_glob(g) && base::glob_match(g + "/**", f))) {
          d.files.push_back(f);
          break;
        }
      }
    }
    if (!d.files.empty()) out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(),
            [](const CodeDrift& a, const CodeDrift& b) { return a.component < b.component; });
  return out;
}

}  // namespace tw::diff
