#include "import/import.h"

#include <algorithm>

#include "base/file.h"
#include "import/context.h"
#include "import/formats.h"
#include "import/model_out.h"
#include "import/update.h"
#include "load/yaml_node.h"

namespace tw::import {

namespace {

// TM-BOM files that threatwright exported carry the whole model in the extension
// `threatwright.dev/model` (a threatwright JSON model document): importing them gives that
// model back as it was, so the round trip is lossless (docs/interop.md, "tm-bom").
const Node* embedded_model(const Node* root) {
  const Node* ext = get(root, "extensions");
  const Node* doc = ext ? get(ext, "threatwright.dev/model") : nullptr;
  return doc && doc->is_map() && get(doc, "threatwright") ? doc : nullptr;
}

struct FormatName {
  Format format;
  std::string_view name;
};

constexpr FormatName kFormats[] = {
    {Format::CycloneDx, "cyclonedx"},
    {Format::ThreatDragon, "threat-dragon"},
    {Format::Otm, "otm"},
    {Format::Threagile, "threagile"},
    {Format::ThreatComposer, "threat-composer"},
    {Format::TmBom, "tm-bom"},
    {Format::Threatcl, "threatcl"},
};

/// XML (a Microsoft Threat Modeling Tool .tm7, for one) is not read at all: its DTDs can
/// expand without bound, and no supported format is XML.
bool looks_like_xml(const std::string& text) {
  size_t i = 0;
  if (text.compare(0, 3, "\xef\xbb\xbf") == 0) i = 3;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) {
    ++i;
  }
  return i < text.size() && text[i] == '<';
}

/// Only blank lines and comments.
bool blank_yaml(const std::string& text) {
  bool line_start = true, comment = false;
  for (char c : text) {
    if (c == '\n') {
      line_start = true;
      comment = false;
    } else if (comment || c == ' ' || c == '\t' || c == '\r') {
    } else if (c == '#' && line_start) {
      comment = true;
    } else {
      return false;
    }
  }
  return true;
}

std::string system_name(ModelOut& m) {
  const Yaml* n = m.system.find("name");
  return n ? n->text() : "";
}

/// Boundary parents that loop (a zone inside itself, or A in B in A) would make the written
/// model unloadable: the parent link that closes each loop is reported as broken and dropped.
void break_boundary_cycles(Context& cx, ModelOut& m) {
  std::map<std::string, Yaml*> by_id;
  for (auto& entry : m.boundaries.entries()) {
    if (Yaml* id = entry.second.find("id")) by_id.emplace(id->text(), &entry.second);
  }
  auto parent_of = [](Yaml* b) {
    Yaml* p = b->find("parent");
    return p ? p->text() : std::string();
  };
  enum State { kNew, kOnPath, kDone };
  std::map<std::string, State> state;
  for (auto& [start, unused] : by_id) {
    std::vector<std::string> path;
    for (std::string cur = start; by_id.count(cur) && state[cur] == kNew;) {
      state[cur] = kOnPath;
      path.push_back(cur);
      std::string next = parent_of(by_id[cur]);
      if (state.count(next) && state[next] == kOnPath) {
        std::string loop;
        bool in = false;
        for (const std::string& p : path) {
          in = in || p == next;
          if (in) loop += p + " -> ";
        }
        loop += next;
        auto where = m.parent_locs.find(cur);
        cx.broken(where != m.parent_locs.end() ? where->second : cx.loc(nullptr), kInvalid,
                  "trust boundaries nest in a loop: " + loop + " (each inside the next)",
                  "give '" + cur + "' a parent outside the loop, or none");
        auto& e = by_id[cur]->entries();
        e.erase(
            std::remove_if(e.begin(), e.end(), [](const auto& kv) { return kv.first == "parent"; }),
            e.end());
        break;
      }
      cur = next;
    }
    for (const std::string& p : path) state[p] = kDone;
  }
}

void add_placeholders(Context& cx, ModelOut& m, const std::string& source_name) {
  if (!m.system.find("name")) {
    m.system.set("name", Yaml::str(source_name)).comment("inferred: the source names no system");
    cx.inferred(nullptr, "the source names no system; its file name is used");
  }
  if (m.assets.empty()) {
    Yaml a = Yaml::map();
    a.set("id", Yaml::word(cx.ids().make("system-data")));
    a.set("name", Yaml::str("Data of " + system_name(m)));
    a.comment("inferred: the source names no data; threatwright needs at least one asset");
    m.assets.add(std::move(a));
    cx.inferred(nullptr, "the source names no data assets; a placeholder asset was added",
                "describe what the system protects under 'assets:' (value and impact)");
  }
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  for (const FormatName& f : kFormats) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

const std::vector<std::string_view>& format_names() {
  static const std::vector<std::string_view> v = [] {
    std::vector<std::string_view> out;
    for (const FormatName& f : kFormats) out.push_back(f.name);
    return out;
  }();
  return v;
}

std::string_view format_name(Format f) {
  for (const FormatName& n : kFormats) {
    if (n.format == f) return n.name;
  }
  return "?";
}

std::string ModelOut::render(const std::string& tool, const std::string& source_name) const {
  std::string out = "# Imported by `threatwright import " + tool + "` from " + source_name +
                    ".\n# Comments mark values the source did not state; review them.\n";
  out += "threatwright: 1\n";
  Yaml doc = Yaml::map();
  doc.set("system", system);
  auto section = [&](const char* key, const Yaml& y) {
    if (!y.empty()) doc.set(key, y);
  };
  section("assets", assets);
  section("adversaries", adversaries);
  section("boundaries", boundaries);
  section("components", components);
  section("flows", flows);
  section("supply_chain", supply_chain);
  section("controls", controls);
  section("threats", threats);
  section("decisions", decisions);
  section("not_applicable", not_applicable);
  for (const auto& [k, v] : extensions.entries()) doc.set(k, v);
  doc.set("x-import", fingerprints(*this, tool));
  // A blank line between sections.
  std::string body;
  for (const auto& [k, v] : doc.entries()) {
    Yaml one = Yaml::map();
    one.set(k, v);
    body += "\n" + one.emit();
  }
  return out + body;
}

Imported import_text(Format format,
                     const std::string& path,
                     std::string text,
                     const Options& options) {
  Imported out;
  out.diagnostics = base::Diagnostics(options.limits.max_diagnostics);
  out.sources.push_back(std::make_unique<base::SourceFile>(path, std::move(text)));
  const base::SourceFile& file = *out.sources.front();
  std::string tool(format_name(format));
  std::string xtool = tool == "threat-dragon" ? "td" : tool == "threat-composer" ? "tc" : tool;
  Context cx(file, out.diagnostics, xtool, options.skip_broken);
  if (format == Format::Threatcl && path.size() > 4 && path.substr(path.size() - 4) == ".hcl") {
    out.diagnostics
        .error(kInvalid, base::Loc{&file, 1, 1, 1},
               "threatcl HCL files are not read (HCL is a language of its own)")
        .hint = "run 'threatcl export -format=json FILE > model.json' and import model.json";
    return out;
  }
  if (looks_like_xml(file.text())) {
    out.diagnostics
        .error(kInvalid, base::Loc{&file, 1, 1, 1},
               "this is XML, not a " + tool + " file (JSON or YAML); XML is never parsed")
        .hint =
        "a Microsoft Threat Modeling Tool .tm7 file converts to OTM with StartLeft "
        "(startleft parse --type MTMT); import that with 'threatwright import otm'";
    return out;
  }
  std::vector<std::unique_ptr<load::Arena>> arenas;
  arenas.push_back(std::make_unique<load::Arena>());
  uint64_t budget = options.limits.max_nodes;
  const Node* root =
      load::parse_yaml(file, *arenas.front(), options.limits, budget, out.diagnostics);
  if (!root) return out;
  if (!root->is_map() && !(format == Format::Threatcl && root->is_seq())) {
    cx.invalid(root, std::string("a ") + tool + " file holds a mapping (an object) at the top; " +
                         "this one holds " + root->describe());
    return out;
  }
  ModelOut m;
  uint64_t total = file.text().size();
  IncludeReader include = [&](const std::string& rel, const Node* at) -> const Node* {
    const base::SourceFile& from = cx.file();
    if (rel.find("://") != std::string::npos) {
      cx.invalid(at, "'" + rel + "' is a URL; threatwright never fetches anything",
                 "download the file, check it, and name it by a relative path");
      return nullptr;
    }
    if (!rel.empty() && rel[0] == '/') {
      cx.invalid(at, "'" + rel + "' is an absolute path; includes must stay in the model's folder");
      return nullptr;
    }
    if (out.sources.size() >= options.limits.max_files) {
      cx.invalid(at, "more than " + std::to_string(options.limits.max_files) + " files");
      return nullptr;
    }
    std::string p = base::join_path(base::dir_name(from.path()), rel);
    auto root_dir = base::canonical_path(base::dir_name(path));
    auto canon = base::canonical_path(p);
    if (!canon) {
      cx.invalid(at, "cannot read '" + rel + "': " + canon.error().message);
      return nullptr;
    }
    if (!root_dir || !base::path_within(*canon, *root_dir)) {
      cx.invalid(at, "'" + rel + "' lies outside the imported file's folder",
                 "includes must stay inside the folder of the file you import");
      return nullptr;
    }
    for (const auto& s : out.sources) {
      auto c = base::canonical_path(s->path());
      if (c && *c == *canon) return nullptr;  // read already: a diamond or a cycle
    }
    auto bytes = base::read_file(p, options.limits.max_file_bytes, *root_dir);
    if (!bytes) {
      cx.invalid(at, "cannot read '" + rel + "': " + bytes.error().message);
      return nullptr;
    }
    total += bytes->size();
    if (total > options.limits.max_total_bytes) {
      cx.invalid(at, "the included files exceed --max-total-size");
      return nullptr;
    }
    if (blank_yaml(*bytes)) return nullptr;  // comments only: nothing to merge
    out.sources.push_back(std::make_unique<base::SourceFile>(p, std::move(*bytes)));
    arenas.push_back(std::make_unique<load::Arena>());
    const Node* r = load::parse_yaml(*out.sources.back(), *arenas.back(), options.limits, budget,
                                     out.diagnostics);
    cx.set_last_included(out.sources.back().get());
    if (r && !r->is_map()) {
      cx.invalid(at, "'" + rel + "' does not hold a mapping");
      return nullptr;
    }
    return r;
  };
  if (format == Format::TmBom) {
    if (const Node* doc = embedded_model(root)) {
      cx.set_file(file);
      out.yaml =
          "# Imported from a TM-BOM file threatwright exported: the model it carries in\n"
          "# its extension 'threatwright.dev/model', as it was.\n" +
          yaml_of(doc).emit();
      out.diagnostics.sort();
      return out;
    }
  }
  switch (format) {
    case Format::CycloneDx:
      import_cyclonedx(cx, root, options, m);
      break;
    case Format::ThreatDragon:
      import_threat_dragon(cx, root, options, m);
      break;
    case Format::Otm:
      import_otm(cx, root, options, m);
      break;
    case Format::Threagile:
      import_threagile(cx, root, options, include, m);
      break;
    case Format::ThreatComposer:
      import_threat_composer(cx, root, options, m);
      break;
    case Format::TmBom:
      import_tm_bom(cx, root, options, m);
      break;
    case Format::Threatcl:
      import_threatcl(cx, root, options, m);
      break;
  }
  cx.set_file(file);
  break_boundary_cycles(cx, m);
  if (out.diagnostics.has_errors()) {  // nothing is written: placeholders would only be noise
    out.diagnostics.sort();
    return out;
  }
  std::string name = path;
  size_t slash = name.find_last_of('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  add_placeholders(cx, m, name);
  out.supply_chain = m.supply_chain;
  out.bom_key = m.bom_key;
  out.xtool = xtool;
  if (out.diagnostics.has_errors()) return out;
  out.source_name = name;
  out.yaml = m.render(tool, name);
  out.model = std::make_shared<const ModelOut>(std::move(m));
  out.diagnostics.sort();
  return out;
}

Imported import_file(Format format, const std::string& path, const Options& options) {
  // Like a root model: a symbolic link may lead only to a file inside its own folder.
  auto bytes = base::read_file(path, options.limits.max_file_bytes, base::folder_of(path));
  if (!bytes) {
    Imported out;
    out.diagnostics.error(kInvalid, base::Loc{},
                          "cannot read '" + path + "': " + bytes.error().message);
    return out;
  }
  return import_text(format, path, std::move(*bytes), options);
}

base::Diagnostics validate_model(const std::string& display_path, const std::string& yaml) {
  load::LoadOptions lo;
  lo.warnings = false;
  load::LoadResult r = load::load_model_text(display_path, yaml, lo);
  base::Diagnostics out;
  for (const base::Diagnostic& d : r.diagnostics.items()) {
    if (d.severity == base::Severity::Error) {
      base::Diagnostic copy = d;
      copy.loc.file = nullptr;  // the text dies with `r`
      copy.notes.clear();
      copy.message = display_path + ":" + std::to_string(d.loc.line) + ":" +
                     std::to_string(d.loc.col) + ": " + d.message;
      out.add(std::move(copy));
    }
  }
  return out;
}

}  // namespace tw::import
