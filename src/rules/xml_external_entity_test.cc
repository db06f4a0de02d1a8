#include <gtest/gtest.h>

#include "rules/context.h"
#include "rules/registry.h"
#include "rules/rule_set.h"
#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(XmlExternalEntity, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop", [](ModelBuilder& b) { (void)b; }, {}},
      {"api accepts xml",
       [](ModelBuilder& b) { b.comp("api").data_formats = {DataFormat::Xml}; },
       {"xml-external-entity@api"}},
      {"a store accepts xml",
       [](ModelBuilder& b) {
         b.comp("db").data_formats = {DataFormat::Json, DataFormat::Xml};
       },
       {"xml-external-entity@db"}},
      {"api accepts json only",
       [](ModelBuilder& b) { b.comp("api").data_formats = {DataFormat::Json}; },
       {}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    secure_shop(b);
    c.edit(b);
    EXPECT_EQ(run_rule("xml-external-entity", *b.build()), c.want) << c.name;
  }
}

}  // namespace
}  // namespace tw::rules::testing
