// OpenAPI 3.x and Swagger 2.0: the API's entry point, its servers and which operations
// require no authentication.

#include "observe/reader.h"

namespace tw::observe {

namespace {

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "api" : out;
}

}  // namespace

void read_openapi(const ReadContext& ctx, const Doc& root) {
  std::string title = path(&root, {"info", "title"}) ? path(&root, {"info", "title"})->text : "";
  std::string stem = ctx.file.substr(ctx.file.rfind('/') + 1);
  std::string id = "api-" + slug(title.empty() ? stem.substr(0, stem.rfind('.')) : title);
  auto& c = ctx.component(id, title.empty() ? id : title, "api", "OpenAPI", Source::OpenApi,
                          ctx.at(root.get("info") ? root.get("info") : &root));
  const Doc* servers = root.get("servers");
  if (servers && servers->is_seq())
    for (auto& s : servers->items) {
      std::string url = s->str("url");
      c.aliases.push_back(url);
      if (url.rfind("http://", 0) == 0 && url.find("localhost") == std::string::npos &&
          url.find("127.0.0.1") == std::string::npos)
        ctx.weakness("plaintext-server", id, "API server " + url + " is plain HTTP",
                     ctx.at(s->get("url")));
    }
  const Doc* root_sec = root.get("security");
  bool root_secured = root_sec && root_sec->is_seq() && !root_sec->items.empty();
  const Doc* paths = root.get("paths");
  if (!paths || !paths->is_map()) return;
  static const char* methods[] = {"get",   "put",  "post",    "delete",
                                  "patch", "head", "options", "trace"};
  for (auto& [pk, item] : paths->entries) {
    if (!item || !item->is_map()) continue;
    for (auto& [mk, op] : item->entries) {
      bool method = false;
      for (const char* m : methods)
        if (mk->text == m) method = true;
      if (!method || !op || !op->is_map()) continue;
      const Doc* sec = op->get("security");
      bool secured = sec ? (sec->is_seq() && !sec->items.empty()) : root_secured;
      if (sec && sec->is_seq())  // `security: [{}]` makes authentication optional
        for (auto& r : sec->items)
          if (r->is_map() && r->entries.empty()) secured = false;
      if (!secured) {
        std::string upper;
        for (char ch : mk->text) upper += static_cast<char>(std::toupper(ch));
        ctx.weakness("operation-without-security", id,
                     upper + " " + pk->text + " requires no authentication" +
                         (sec ? " (security: [])" : " (no security requirement)"),
                     ctx.at(sec ? sec : mk.get()));
      }
    }
  }
}

}  // namespace tw::observe
