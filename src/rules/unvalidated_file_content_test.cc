#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnvalidatedFileContent, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"uploads validated (a claim)",
       [](ModelBuilder& b) { b.comp("web").data_formats = {DataFormat::File}; },
       {}},
      {"uploads not validated",
       [](ModelBuilder& b) {
         b.comp("web").data_formats = {DataFormat::File};
         b.comp("web").input_validation = false;
       },
       {"unvalidated-file-content@web"}},
      {"validation unknown",
       [](ModelBuilder& b) {
         b.comp("web").data_formats = {DataFormat::File};
         b.comp("web").input_validation.reset();
       },
       {"unvalidated-file-content@web"}},
      {"an off-the-shelf product",
       [](ModelBuilder& b) {
         Component& w = b.comp("web");
         w.data_formats = {DataFormat::File};
         w.input_validation = false;
         w.custom_developed = false;
       },
       {}},
      {"no files",
       [](ModelBuilder& b) {
         b.comp("web").data_formats = {DataFormat::Json};
         b.comp("web").input_validation = false;
       },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("unvalidated-file-content", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
