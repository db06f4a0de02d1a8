// SVG through Graphviz's library (libgvc). Only the built-in layout and SVG plugins are loaded
// (no installed font renderer), so text is measured with Graphviz's own font metrics and the
// output depends only on the DOT text and the Graphviz version, not on the machine's fonts.
// Names get ids in order of appearance (see IdState), so repeated layouts in one process
// give identical bytes.
//
// Graphviz is loaded with dlopen on the first layout, not linked: its eight libraries cost
// every run of threatwright (check, --version) about a millisecond of dynamic loading and
// relocation, and only an SVG diagram needs them (bench/startup.sh).

#include <dlfcn.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "report/diagram.h"

#ifndef TW_GRAPHVIZ_PLUGIN_DIR
#define TW_GRAPHVIZ_PLUGIN_DIR "/usr/lib/graphviz"
#endif

namespace tw::report {

namespace {

/// The Graphviz entry points svg.cc uses, resolved from the two plugin libraries (which pull in
/// libgvc, libcgraph and the rest as their own dependencies).
struct Graphviz {
  decltype(&gvContextPlugins) context_plugins = nullptr;
  decltype(&gvFreeContext) free_context = nullptr;
  decltype(&gvLayout) layout = nullptr;
  decltype(&gvFreeLayout) free_layout = nullptr;
  decltype(&gvRenderData) render_data = nullptr;
  decltype(&gvFreeRenderData) free_render_data = nullptr;
  decltype(&agread) read = nullptr;
  decltype(&agclose) close = nullptr;
  Agmemdisc_t* mem_disc = nullptr;
  Agiodisc_t* io_disc = nullptr;
  lt_symlist_t builtins[3] = {};
  std::string error;  ///< why it could not be loaded; empty when it was
};

template <class T>
bool bind(void* lib, const char* name, T& out, std::string& error) {
  out = reinterpret_cast<T>(dlsym(lib, name));
  if (!out && error.empty()) error = std::string("no symbol ") + name + " in Graphviz";
  return out != nullptr;
}

Graphviz load_graphviz() {
  Graphviz g;
  const char* paths[] = {TW_GRAPHVIZ_PLUGIN_DIR "/libgvplugin_dot_layout.so.6",
                         TW_GRAPHVIZ_PLUGIN_DIR "/libgvplugin_core.so.6"};
  void* libs[2] = {};
  for (int i = 0; i < 2; ++i) {
    libs[i] = dlopen(paths[i], RTLD_NOW | RTLD_LOCAL);
    if (!libs[i]) {
      const char* why = dlerror();
      g.error = std::string("cannot load Graphviz for SVG (") + (why ? why : paths[i]) +
                "); install the libgvc6 package";
      return g;
    }
  }
  void *dot = libs[0], *core = libs[1];
  void *dot_plugin = nullptr, *core_plugin = nullptr;
  bind(dot, "gvContextPlugins", g.context_plugins, g.error);
  bind(dot, "gvFreeContext", g.free_context, g.error);
  bind(dot, "gvLayout", g.layout, g.error);
  bind(dot, "gvFreeLayout", g.free_layout, g.error);
  bind(dot, "gvRenderData", g.render_data, g.error);
  bind(dot, "gvFreeRenderData", g.free_render_data, g.error);
  bind(dot, "agread", g.read, g.error);
  bind(dot, "agclose", g.close, g.error);
  bind(dot, "AgMemDisc", g.mem_disc, g.error);
  bind(dot, "AgIoDisc", g.io_disc, g.error);
  bind(dot, "gvplugin_dot_layout_LTX_library", dot_plugin, g.error);
  bind(core, "gvplugin_core_LTX_library", core_plugin, g.error);
  g.builtins[0] = {"gvplugin_dot_layout_LTX_library", dot_plugin};
  g.builtins[1] = {"gvplugin_core_LTX_library", core_plugin};
  g.builtins[2] = {nullptr, nullptr};
  return g;  // the libraries stay loaded for the life of the process
}

/// Drops the XML prolog, DOCTYPE and comments so the SVG can be inlined into HTML; comments
/// hold only Graphviz's own names (version, graph, node ids), never user text.
std::string strip_prolog(const std::string& svg) {
  std::string out;
  out.reserve(svg.size());
  size_t i = 0;
  while (i < svg.size()) {
    if (svg.compare(i, 5, "<?xml") == 0 || svg.compare(i, 9, "<!DOCTYPE") == 0) {
      size_t end = svg.find('>', i);
      i = end == std::string::npos ? svg.size() : end + 1;
      if (i < svg.size() && svg[i] == '\n') ++i;
      continue;
    }
    if (svg.compare(i, 4, "<!--") == 0) {
      size_t end = svg.find("-->", i);
      i = end == std::string::npos ? svg.size() : end + 3;
      if (i < svg.size() && svg[i] == '\n') ++i;
      continue;
    }
    out += svg[i++];
  }
  return out;
}

// cgraph's default id discipline uses the address of each interned name as the object's id,
// and subgraphs (our clusters) are kept in id order: the layout then depends on where malloc
// put the names. This discipline numbers names in the order they are first seen instead.
struct IdState {
  std::map<std::string, IDTYPE, std::less<>> ids;
  std::map<IDTYPE, std::string> names;
  IDTYPE next_named = 2;  // even: named objects
  IDTYPE next_anon = 1;   // odd: anonymous objects
};

void* id_open(Agraph_t*, Agdisc_t*) { return new IdState; }

long id_map(void* state, int, char* str, IDTYPE* id, int create) {
  auto* s = static_cast<IdState*>(state);
  if (!str) {
    *id = s->next_anon;
    s->next_anon += 2;
    return 1;
  }
  auto it = s->ids.find(std::string_view(str));
  if (it != s->ids.end()) {
    *id = it->second;
    return 1;
  }
  if (!create) {
    *id = 0;  // no such name; 0 is never handed out
    return 1;
  }
  IDTYPE v = s->next_named;
  s->next_named += 2;
  s->ids.emplace(str, v);
  s->names.emplace(v, str);
  *id = v;
  return 1;
}

long id_alloc(void*, int, IDTYPE) { return 0; }
void id_free(void*, int, IDTYPE) {}
char* id_print(void* state, int, IDTYPE id) {
  auto* s = static_cast<IdState*>(state);
  auto it = s->names.find(id);
  return it == s->names.end() ? nullptr : it->second.data();
}
void id_close(void* state) { delete static_cast<IdState*>(state); }
void id_register(void*, int, void*) {}

Agiddisc_t kIdDisc = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};

struct Reader {
  const std::string* text;
  size_t cur = 0;
};

/// Hands the DOT text to the parser a line at a time, as agmemread does.
int mem_read(void* chan, char* buf, int bufsize) {
  auto* r = static_cast<Reader*>(chan);
  if (bufsize <= 0 || r->cur >= r->text->size()) return 0;
  int n = 0;
  while (n < bufsize && r->cur < r->text->size()) {
    char c = (*r->text)[r->cur++];
    buf[n++] = c;
    if (c == '\n') break;
  }
  return n;
}

Agiodisc_t kIoDisc = {mem_read, nullptr, nullptr};

/// The layout itself.
base::Result<std::string> render_here(const std::string& dot) {
  static const Graphviz gv = load_graphviz();
  if (!gv.error.empty()) return base::Error{gv.error};
  GVC_t* gvc = gv.context_plugins(gv.builtins, 0);
  if (!gvc) return base::Error{"cannot initialise Graphviz"};
  kIoDisc.putstr = gv.io_disc->putstr;
  kIoDisc.flush = gv.io_disc->flush;
  Agdisc_t disc = {gv.mem_disc, &kIdDisc, &kIoDisc};
  Reader reader{&dot};
  Agraph_t* g = gv.read(&reader, &disc);
  if (!g) {
    gv.free_context(gvc);
    return base::Error{"Graphviz cannot parse the generated diagram"};
  }
  std::string svg;
  if (gv.layout(gvc, g, "dot") != 0) {
    gv.close(g);
    gv.free_context(gvc);
    return base::Error{"Graphviz cannot lay out the diagram"};
  }
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gv.render_data(gvc, g, "svg", &data, &length);
  if (rc == 0 && data) svg.assign(data, length);
  if (data) gv.free_render_data(data);
  gv.free_layout(gvc, g);
  gv.close(g);
  gv.free_context(gvc);
  if (rc != 0 || svg.empty()) {
    return base::Error{"Graphviz has no SVG renderer (install the graphviz plugins)"};
  }
  return strip_prolog(svg);
}

}  // namespace

base::Result<std::string> render_svg(const std::string& dot) {
  static std::mutex mutex;  // libgvc is not thread-safe
  std::lock_guard<std::mutex> lock(mutex);
  return render_here(dot);
}

base::Result<std::string> write_svg(const model::Model& m,
                                    const engine::Analysis& a,
                                    const Options& o) {
  View v(m, a, o);
  auto svg = render_svg(dot_graph(v, DotOptions{}));
  if (!svg.ok()) return svg;
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + *svg;
}

}  // namespace tw::report
