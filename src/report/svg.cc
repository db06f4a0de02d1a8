// SVG through Graphviz's library (libgvc). Only the built-in layout and SVG plugins are loaded
// (no installed font renderer), so text is measured with Graphviz's own font metrics and the
// output depends only on the DOT text and the Graphviz version, not on the machine's fonts.
// Names get ids in order of appearance (see IdState), so repeated layouts in one process
// give identical bytes.

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "report/diagram.h"

extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
}

namespace tw::report {

namespace {

const lt_symlist_t kBuiltins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {nullptr, nullptr},
};

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
  GVC_t* gvc = gvContextPlugins(kBuiltins, 0);
  if (!gvc) return base::Error{"cannot initialise Graphviz"};
  kIoDisc.putstr = AgIoDisc.putstr;
  kIoDisc.flush = AgIoDisc.flush;
  Agdisc_t disc = {&AgMemDisc, &kIdDisc, &kIoDisc};
  Reader reader{&dot};
  Agraph_t* g = agread(&reader, &disc);
  if (!g) {
    gvFreeContext(gvc);
    return base::Error{"Graphviz cannot parse the generated diagram"};
  }
  std::string svg;
  if (gvLayout(gvc, g, "dot") != 0) {
    agclose(g);
    gvFreeContext(gvc);
    return base::Error{"Graphviz cannot lay out the diagram"};
  }
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gvRenderData(gvc, g, "svg", &data, &length);
  if (rc == 0 && data) svg.assign(data, length);
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc, g);
  agclose(g);
  gvFreeContext(gvc);
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
