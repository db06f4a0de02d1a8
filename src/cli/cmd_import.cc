// threatwright import FORMAT FILE [-o MODEL] [--merge MODEL | --update MODEL]: a model from a
// file another tool
// wrote (docs/interop.md). The importers live in src/import/; this only wires them up.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <ostream>
#include <set>

#include "base/file.h"
#include "cli/common.h"
#include "engine/analysis.h"
#include "import/context.h"
#include "import/import.h"
#include "import/merge.h"
#include "import/model_out.h"
#include "import/update.h"
#include "load/loader.h"

namespace tw::cli {

namespace {

struct ImportArgs {
  std::string format;
  std::string file;
  std::string output;
  std::string merge;
  std::string update;
  bool keep_removed = false;
  std::string used_by;
  std::string diag_format = "text";
  bool skip_broken = false;
  load::Limits limits;
};

/// Diagnostics go to stderr in both formats: stdout carries the model.
void report(const base::Diagnostics& ds, const std::string& format, Io& io) {
  if (ds.items().empty()) return;
  io.err << (format == "json" ? base::render_json(ds) : base::render_text(ds, io.err_color));
}

/// The component of `model` the SBOM describes: one whose id or name is the application's.
std::string find_user(const model::Model& m, const std::string& app) {
  std::string id = import::sanitize_id(app);
  for (const auto& c : m.components) {
    if (c.id == id || import::lower(c.name) == import::lower(app)) return c.id;
  }
  return "";
}

int run_merge(ImportArgs& a, import::Imported& im, Io& io) {
  auto text = base::read_file(a.merge, a.limits.max_file_bytes, base::folder_of(a.merge));
  if (!text) {
    io.err << "threatwright: error: cannot read '" << a.merge << "': " << text.error().message
           << "\n";
    return kExitInvalid;
  }
  load::LoadOptions lo;
  lo.limits = a.limits;
  lo.warnings = false;
  load::LoadResult before = load::load_model(a.merge, lo);
  if (!before.ok()) {
    io.err << "threatwright: error: '" << a.merge
           << "' does not load; fix it before merging into it\n";
    report(before.diagnostics, a.diag_format, io);
    return kExitInvalid;
  }
  std::string user = a.used_by.empty() ? find_user(*before.model, im.bom_key) : a.used_by;
  import::Yaml entries = im.supply_chain;
  for (auto& [k, e] : entries.entries()) {
    if (user.empty()) {
      auto& es = e.entries();
      for (size_t i = 0; i < es.size(); ++i) {
        if (es[i].first == "used_by") {
          es.erase(es.begin() + static_cast<long>(i));
          break;
        }
      }
    } else {
      e.set("used_by", import::Yaml::words({user}));
    }
  }
  if (user.empty()) {
    io.err << "threatwright: warning: no component of '" << a.merge << "' is named '" << im.bom_key
           << "'; the entries have no used_by (pass --used-by ID)\n";
  }
  import::Merged mr =
      import::merge_supply_chain(a.merge, std::move(*text), entries, im.bom_key, a.limits);
  report(mr.diagnostics, a.diag_format, io);
  if (!mr.ok()) return kExitInvalid;
  std::string target = a.output.empty() ? a.merge : a.output;
  if (target == "-") {
    io.out << mr.text;
  } else {
    auto written = base::write_file(target, mr.text);
    if (!written) {
      io.err << "threatwright: error: " << written.error().message << "\n";
      return kExitInternal;
    }
  }
  io.err << "threatwright: merged " << im.bom_key << " into " << target << ": " << mr.replaced
         << " replaced, " << mr.added << " added, " << mr.removed << " removed, " << mr.kept
         << " kept as written\n";
  return kExitOk;
}

/// A decision on a generated threat (`rule@element`, from a file threatwright exported) whose
/// rule does not apply to the element as the other tool left it (its type changed) would stop
/// the model from analysing: such decisions are dropped, each with a warning.
void drop_unraisable_decisions(import::Imported& im, const std::string& format) {
  if (!im.model || im.model->decisions.empty()) return;
  load::LoadOptions lo;
  lo.warnings = false;
  load::LoadResult r = load::load_model_text("<import>", im.yaml, lo);
  if (!r.ok()) return;  // reported as an internal error by the caller
  engine::AnalyzeOptions ao;
  ao.today = base::today();
  engine::Analysis an = engine::analyze(*r.model, ao);
  std::set<std::pair<uint32_t, uint32_t>> at;  // where the analysis names an unknown threat
  for (const auto& d : an.diagnostics.items()) {
    if (d.code == "unknown-threat") at.emplace(d.loc.line, d.loc.col);
  }
  auto unraisable = [&](const model::Ref& ref) {
    return at.count({ref.loc.line, ref.loc.col}) && ref.id.find('@') != std::string::npos;
  };
  std::set<std::string> drop;
  for (const auto& d : r.model->decisions) {
    if (unraisable(d.threat)) drop.insert(d.threat.id);
  }
  for (const auto& c : r.model->controls) {
    for (const auto& ref : c.mitigates) {
      if (unraisable(ref)) drop.insert(ref.id);
    }
  }
  if (drop.empty()) return;
  auto m = std::make_shared<import::ModelOut>(*im.model);
  auto& es = m->decisions.entries();
  for (auto it = es.begin(); it != es.end();) {
    import::Yaml* t = it->second.find("threat");
    it = t && drop.count(t->text()) ? es.erase(it) : it + 1;
  }
  for (auto& [unused, c] : m->controls.entries()) {
    import::Yaml* mit = c.find("mitigates");
    if (!mit) continue;
    std::vector<std::string> keep;
    for (const auto& [k, v] : mit->entries()) {
      if (!drop.count(v.text())) keep.push_back(v.text());
    }
    auto& ce = c.entries();
    if (keep.empty()) {
      ce.erase(std::remove_if(ce.begin(), ce.end(),
                              [](const auto& kv) { return kv.first == "mitigates"; }),
               ce.end());
    } else {
      c.set("mitigates", import::Yaml::words(keep));
    }
  }
  for (const std::string& id : drop) {
    im.diagnostics
        .warning(import::kLost, base::Loc{im.sources.front().get(), 1, 1, 1},
                 "threat '" + id +
                     "' is not raised on the imported model: its rule does not apply to that "
                     "element as the file describes it now (its type changed), so its decision "
                     "and the controls' links to it are dropped")
        .hint = "decide the threats 'threatwright analyze' raises on the imported model";
  }
  im.yaml = m->render(format, im.source_name);
  im.model = std::move(m);
}

int run_update(ImportArgs& a, import::Imported& im, Io& io) {
  if (!im.model) {
    io.err << "threatwright: error: this TM-BOM file carries a whole threatwright model: import "
              "it with -o and compare with 'threatwright diff' instead of --update\n";
    return kExitInvalid;
  }
  auto text = base::read_file(a.update, a.limits.max_file_bytes, base::folder_of(a.update));
  if (!text) {
    io.err << "threatwright: error: cannot read '" << a.update << "': " << text.error().message
           << "\n";
    return kExitInvalid;
  }
  import::UpdateOptions uo;
  uo.limits = a.limits;
  uo.keep_removed = a.keep_removed;
  import::Updated up =
      import::update_model(a.update, std::move(*text), *im.model, a.format, im.xtool, uo);
  report(up.diagnostics, a.diag_format, io);
  if (!up.ok()) return kExitInvalid;
  std::string target = a.output.empty() ? a.update : a.output;
  if (target == "-") {
    io.out << up.text;
  } else {
    auto written = base::write_file(target, up.text);
    if (!written) {
      io.err << "threatwright: error: " << written.error().message << "\n";
      return kExitInternal;
    }
  }
  auto list = [&](const char* what, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    io.err << "  " << what << ":";
    for (const auto& id : ids) io.err << " " << id;
    io.err << "\n";
  };
  io.err << "threatwright: updated " << target << " from " << a.file << ": " << up.added.size()
         << " added, " << up.updated.size() << " updated, " << up.removed.size() << " removed, "
         << up.kept_removed.size() << " kept though removed, " << up.kept_edits << " edits kept, "
         << up.conflicts << " conflicts\n";
  list("added", up.added);
  list("updated", up.updated);
  list("removed", up.removed);
  list("kept though removed", up.kept_removed);
  return kExitOk;
}

int run_import(ImportArgs& a, Io& io) {
  auto format = import::parse_format(a.format);
  if (!a.merge.empty() && format != import::Format::CycloneDx) {
    io.err << "threatwright: error: --merge works with cyclonedx only\n";
    return kExitInvalid;
  }
  if (!a.merge.empty() && !a.update.empty()) {
    io.err << "threatwright: error: --merge and --update exclude each other\n";
    return kExitInvalid;
  }
  if (a.keep_removed && a.update.empty()) {
    io.err << "threatwright: error: --keep-removed works with --update only\n";
    return kExitInvalid;
  }
  if (!a.used_by.empty() && import::sanitize_id(a.used_by) != a.used_by) {
    io.err << "threatwright: error: --used-by '" << a.used_by
           << "' is not a component id ([a-z0-9][a-z0-9._-]*)\n";
    return kExitInvalid;
  }
  import::Options o;
  o.limits = a.limits;
  o.skip_broken = a.skip_broken;
  o.used_by = a.used_by;
  import::Imported im = import::import_file(*format, a.file, o);
  if (im.ok() && a.merge.empty()) drop_unraisable_decisions(im, a.format);
  report(im.diagnostics, a.diag_format, io);
  if (!im.ok()) return kExitInvalid;
  if (!a.merge.empty()) return run_merge(a, im, io);
  if (!a.update.empty()) return run_update(a, im, io);
  base::Diagnostics bad = import::validate_model(a.output.empty() ? "<output>" : a.output, im.yaml);
  if (bad.has_errors()) {
    io.err << "threatwright: internal error: the imported model does not load (a bug in the "
              "importer):\n";
    for (const auto& d : bad.items()) io.err << "  " << d.message << "\n";
    return kExitInternal;
  }
  return write_output(im.yaml, a.output, io);
}

}  // namespace

Command register_import(CLI::App& root) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* app = root.add_subcommand(
      "import", "Write a threatwright model from a file another tool wrote (docs/interop.md)");
  std::vector<std::string> names;
  for (auto n : import::format_names()) names.emplace_back(n);
  app->add_option("FORMAT", args->format,
                  "cyclonedx, threat-dragon, otm, threagile, threat-composer, tm-bom or threatcl "
                  "(its JSON export)")
      ->required()
      ->check(CLI::IsMember(names));
  app->add_option("FILE", args->file, "The file to import (JSON or YAML; never fetched)")
      ->required();
  app->add_option(
         "--output,-o", args->output,
         "Write the model to MODEL instead of standard output (with --merge or --update: write the "
         "merged model there instead of updating it in place)")
      ->type_name("MODEL");
  app->add_option("--merge", args->merge,
                  "cyclonedx: update the supply_chain of this existing model in place, keeping "
                  "everything a person wrote")
      ->type_name("MODEL");
  app->add_option("--update", args->update,
                  "Re-import over this model, which an earlier import wrote: ids already given "
                  "stay, what a person changed where the source did not change is kept, "
                  "elements the source removed are removed (docs/interop.md)")
      ->type_name("MODEL");
  app->add_flag("--keep-removed", args->keep_removed,
                "With --update: keep elements the source no longer has");
  app->add_option("--used-by", args->used_by,
                  "cyclonedx: the component id that uses the supply chain (default: the "
                  "component named like the SBOM's application)")
      ->type_name("ID");
  app->add_flag("--skip-broken", args->skip_broken,
                "Drop broken elements (dangling references, invalid types) with a warning "
                "instead of failing");
  app->add_option("--diagnostics-format", args->diag_format,
                  "text or json, both on stderr (stdout carries the model)")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  add_limit_options(*app, args->limits);
  return Command{"import", app, [args](Io& io) { return run_import(*args, io); }};
}

}  // namespace tw::cli
