#include "load/loader.h"

#include <algorithm>
#include <filesystem>
#include <unordered_set>

#include "base/file.h"
#include "base/glob.h"
#include "base/text.h"
#include "load/builder.h"
#include "load/reader.h"
#include "load/resolve.h"
#include "load/yaml_node.h"

namespace tw::load {

using base::squote;

base::Result<std::string> DiskSource::read(const std::string& path,
                                           uint64_t max_bytes,
                                           const std::string& within) {
  return base::read_file(path, max_bytes, within);
}
base::Result<std::vector<std::string>> DiskSource::glob(const std::string& dir,
                                                        const std::string& pattern) {
  return base::expand_glob(dir, pattern, 200000, &glob_entries_left_);
}
base::Result<std::string> DiskSource::canonical(const std::string& path) {
  return base::canonical_path(path);
}

namespace {

class Loader {
 public:
  Loader(FileSource& files, const LoadOptions& o, LoadResult& out)
      : files_(files), opt_(o), m_(*out.model), d_(out.diagnostics) {
    budget_ = o.limits.max_nodes;
  }

  void load_root(const std::string& path);
  void load_text(const std::string& display, std::string text);
  /// Whether every file parsed, so references can be resolved without spurious errors
  /// about elements that a syntax error hid (and the root parsed, so "missing section"
  /// errors make sense).
  bool all_parsed() const { return root_parsed_ && !parse_failed_; }

 private:
  // Loads one file (already read) and the files it includes.
  void load_file(const std::string& path, const std::string& canon, std::string text, bool root);
  // Expands the `include:` or `rules:` entries of one file into canonical paths.
  std::vector<std::pair<std::string, base::Loc>> expand(BuildContext& ctx,
                                                        const Node* list,
                                                        const std::string& dir,
                                                        const std::string& canon_dir,
                                                        const char* what);
  // Whether the folder part of `pattern` (up to its first wildcard), from the canonical
  // folder `canon_dir`, leaves the model's folder.
  bool climbs_out(const std::string& canon_dir, const std::string& pattern) const {
    size_t wild = pattern.find_first_of("*?[");
    size_t slash = pattern.rfind('/', wild);
    std::string prefix = slash == std::string::npos ? "" : pattern.substr(0, slash);
    std::string abs =
        std::filesystem::path(canon_dir + "/" + prefix).lexically_normal().generic_string();
    while (abs.size() > 1 && abs.back() == '/') abs.pop_back();
    return !base::path_within(abs, m_.root_dir);
  }
  // Parses ctx.file, building list-section items as they arrive (see ItemSink).
  const Node* parse_streaming(BuildContext& ctx) {
    ItemSink sink = [&](std::string_view section, const Node* item) {
      return build_item(ctx, section, item, m_);
    };
    const Node* top = parse_yaml(*ctx.file, arena_, opt_.limits, budget_, d_, &sink);
    if (!top) parse_failed_ = true;
    return top;
  }
  base::SourceFile* add_source(const std::string& path, std::string text) {
    m_.sources.push_back(std::make_unique<base::SourceFile>(path, std::move(text)));
    return m_.sources.back().get();
  }

  FileSource& files_;
  const LoadOptions& opt_;
  model::Model& m_;
  base::Diagnostics& d_;
  Arena arena_;
  uint64_t budget_;
  uint64_t total_bytes_ = 0;
  bool root_parsed_ = false;
  bool parse_failed_ = false;
  std::string root_display_dir_;            // folder of the root file as the user named it
  std::vector<std::string> chain_;          // canonical paths being loaded (cycle check)
  std::unordered_set<std::string> loaded_;  // canonical paths already merged
};

std::vector<std::pair<std::string, base::Loc>> Loader::expand(BuildContext& ctx,
                                                              const Node* list,
                                                              const std::string& dir,
                                                              const std::string& canon_dir,
                                                              const char* what) {
  std::vector<std::pair<std::string, base::Loc>> out;
  if (!list || list->is_null()) return out;
  std::vector<const Node*> entries;
  if (list->is_scalar()) {
    entries.push_back(list);
  } else if (list->is_seq()) {
    for (size_t i = 0; i < list->count; ++i) entries.push_back(list->item(i));
  } else {
    d_.error(
        "wrong-type", ctx.loc(list),
        std::string("'") + what + "' must be a list of paths or globs, got " + list->describe());
    return out;
  }
  for (const Node* e : entries) {
    base::Loc loc = ctx.loc(e);
    if (!e->is_scalar() || e->text.empty()) {
      d_.error("wrong-type", loc, std::string("an entry of '") + what + "' must be a path");
      continue;
    }
    std::string pattern(e->text);
    if (pattern[0] == '/') {
      d_.error("include-escape", loc,
               std::string(what) + " path " + squote(pattern) +
                   " is absolute; paths are relative to the including file")
          .hint = "write the path relative to this file, inside the model's folder";
      continue;
    }
    if (base::has_glob(pattern) && climbs_out(canon_dir, pattern)) {
      // Not walked, so nothing outside is visited or named (review B4).
      d_.error("include-escape", loc,
               std::string(what) + " pattern " + squote(pattern) +
                   " climbs out of the model's folder; it is not expanded")
          .hint = "a model may only include files in its own folder tree";
      continue;
    }
    auto matches = files_.glob(dir, pattern);
    if (!matches.ok()) {
      d_.error("include-error", loc, matches.error().message);
      continue;
    }
    if (matches->empty()) {
      if (base::has_glob(pattern)) {
        d_.warning("include-empty", loc,
                   std::string(what) + " pattern " + squote(pattern) + " matches no file");
      } else {
        d_.error("include-missing", loc,
                 std::string(what) + " file " + squote(pattern) + " does not exist")
            .hint = "paths are relative to the file that names them";
      }
      continue;
    }
    for (const std::string& path : *matches) {
      auto canon = files_.canonical(path);
      if (!canon.ok()) {
        d_.error("include-missing", loc, canon.error().message);
        continue;
      }
      if (!base::path_within(*canon, m_.root_dir)) {
        d_.error("include-escape", loc,
                 std::string(what) + " " + squote(pattern) + " resolves to " + squote(path) +
                     ", outside the model's folder")
            .hint = "a model may only include files in its own folder tree (symlinks are followed)";
        continue;
      }
      out.emplace_back(*canon, loc);
    }
  }
  return out;
}

void Loader::load_file(const std::string& path,
                       const std::string& canon,
                       std::string text,
                       bool root) {
  base::SourceFile* file = add_source(path, std::move(text));
  BuildContext ctx{file, &d_};
  const Node* top = parse_streaming(ctx);
  if (!top) return;
  if (root) root_parsed_ = true;
  build_sections(ctx, top, root, m_);
  if (!top->is_map()) return;
  const Node* includes = nullptr;
  const Node* rules = nullptr;
  for (size_t i = 0; i < top->entries(); ++i) {
    if (top->key(i)->text == "include") includes = top->value(i);
    if (top->key(i)->text == "rules") rules = top->value(i);
  }
  std::string dir = base::dir_name(path);
  for (auto& [rule_path, loc] : expand(ctx, rules, dir, base::dir_name(canon), "rules")) {
    m_.rule_files.push_back(model::RuleFile{rule_path, loc});
  }
  chain_.push_back(canon);
  for (auto& [inc, loc] : expand(ctx, includes, dir, base::dir_name(canon), "include")) {
    if (std::find(chain_.begin(), chain_.end(), inc) != chain_.end()) {
      auto& d = d_.error("include-cycle", loc,
                         "include cycle: " + squote(base::relative_to(inc, m_.root_dir)) +
                             " is already being loaded");
      d.hint = "remove one of the includes that lead back to this file";
      continue;
    }
    if (!loaded_.insert(inc).second) continue;  // included twice (diamond): merge once
    if (m_.sources.size() >= opt_.limits.max_files) {
      d_.error("limit-files", loc,
               "the model spans more than " + std::to_string(opt_.limits.max_files) + " files")
          .hint = "raise the limit with --max-files";
      break;
    }
    // Shown relative to the root file's folder as the user named it.
    std::string shown = base::join_path(root_display_dir_, base::relative_to(inc, m_.root_dir));
    auto content = files_.read(inc, opt_.limits.max_file_bytes, m_.root_dir);
    if (!content.ok()) {
      d_.error("read-error", loc, content.error().message);
      continue;
    }
    total_bytes_ += content->size();
    if (total_bytes_ > opt_.limits.max_total_bytes) {
      d_.error("limit-total-size", loc,
               "the model's files exceed " + std::to_string(opt_.limits.max_total_bytes) +
                   " bytes in total")
          .hint = "raise the limit with --max-total-size";
      break;
    }
    load_file(shown, inc, std::move(*content), false);
  }
  chain_.pop_back();
}

void Loader::load_root(const std::string& path) {
  m_.root_file = path;
  auto canon = files_.canonical(path);
  if (!canon.ok()) {
    d_.error("read-error", base::Loc{}, canon.error().message);
    return;
  }
  m_.root_dir = base::dir_name(*canon);
  root_display_dir_ = base::dir_name(path);
  // The root may be a symbolic link, but only to a regular file in the folder holding the
  // link: a link committed next to the model cannot make threatwright read (and echo in
  // diagnostics) a file elsewhere, such as credentials or /proc/self/environ.
  auto content = files_.read(path, opt_.limits.max_file_bytes, base::folder_of(path));
  if (!content.ok()) {
    d_.error("read-error", base::Loc{}, content.error().message);
    return;
  }
  total_bytes_ = content->size();
  loaded_.insert(*canon);
  load_file(path, *canon, std::move(*content), true);
}

void Loader::load_text(const std::string& display, std::string text) {
  m_.root_file = display;
  if (text.size() > opt_.limits.max_file_bytes) {
    d_.error("limit-file-size", base::Loc{},
             display + ": text of " + std::to_string(text.size()) + " bytes exceeds the limit");
    return;
  }
  base::SourceFile* file = add_source(display, std::move(text));
  BuildContext ctx{file, &d_};
  const Node* top = parse_streaming(ctx);
  if (!top) return;
  root_parsed_ = true;
  build_sections(ctx, top, true, m_);
  for (size_t i = 0; top->is_map() && i < top->entries(); ++i) {
    std::string_view k = top->key(i)->text;
    if ((k == "include" || k == "rules") && !top->value(i)->is_null()) {
      d_.error("include-unavailable", ctx.loc(top->key(i)),
               "'" + std::string(k) + "' cannot be used in a model given as text");
    }
  }
}

void finish(LoadResult& out, const LoadOptions& o, bool all_parsed) {
  model::Model& m = *out.model;
  if (!all_parsed) {
    out.diagnostics.sort();
    return;
  }
  if (!m.system.loc.valid()) {
    out.diagnostics
        .error("missing-section", base::Loc{m.sources[0].get(), 1, 1, 1},
               "the model has no 'system' section")
        .hint = "add 'system:' with at least a 'name'";
  }
  if (m.assets.empty()) {
    out.diagnostics
        .error("missing-section", base::Loc{m.sources[0].get(), 1, 1, 1},
               "the model lists no assets: a threat model starts from what it protects")
        .hint = "add 'assets:' with at least one asset (id, name, value, impact)";
  }
  resolve(m, out.diagnostics, o.warnings);
  out.diagnostics.sort();
}

}  // namespace

LoadResult load_model(const std::string& path, FileSource& files, const LoadOptions& options) {
  LoadResult out{std::make_unique<model::Model>(),
                 base::Diagnostics(options.limits.max_diagnostics)};
  Loader loader(files, options, out);
  loader.load_root(path);
  finish(out, options, loader.all_parsed());
  return out;
}

LoadResult load_model(const std::string& path, const LoadOptions& options) {
  DiskSource disk;
  return load_model(path, disk, options);
}

LoadResult load_model_text(const std::string& display_path,
                           std::string text,
                           const LoadOptions& options) {
  LoadResult out{std::make_unique<model::Model>(),
                 base::Diagnostics(options.limits.max_diagnostics)};
  DiskSource disk;
  Loader loader(disk, options, out);
  loader.load_text(display_path, std::move(text));
  finish(out, options, loader.all_parsed());
  return out;
}

}  // namespace tw::load
