#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(PathTraversal, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop",
       [](ModelBuilder& b) {

       },
       {}},
      {"web serves files without validation",
       [](ModelBuilder& b) {
         b.store("files", "file-system", "dmz");
         b.flow("read", "web", "files", "nfs");
         b.comp("web").input_validation = false;
       },
       {"path-traversal@web"}},
      {"unknown",
       [](ModelBuilder& b) {
         b.store("files", "object-store", "dmz");
         b.flow("read", "web", "files", "https");
         b.comp("web").input_validation.reset();
       },
       {"path-traversal@web"}},
      {"internal service fed by no less trusted zone",
       [](ModelBuilder& b) {
         b.store("files", "file-system", "core");
         b.process("reports", "service", "core").input_validation = false;
         b.flow("read", "reports", "files", "nfs");
       },
       {}},
      {"an entry point behind the dmz",
       [](ModelBuilder& b) {
         b.store("files", "file-system", "core");
         b.flow("read", "api", "files", "nfs");
         b.comp("api").input_validation = false;
       },
       {"path-traversal@api"}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("path-traversal", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
