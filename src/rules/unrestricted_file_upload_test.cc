#include <gtest/gtest.h>

#include "rules/test_model.h"

namespace tw::rules::testing {
namespace {

TEST(UnrestrictedFileUpload, FindsExactlyThePlantedWeaknesses) {
  const Case cases[] = {
      {"secure shop: no uploads", [](ModelBuilder&) {}, {}},
      {"uploads, unchecked",
       [](ModelBuilder& b) {
         b.comp("web").accepts_uploads = true;
         b.comp("web").upload_validation = false;
       },
       {"unrestricted-file-upload@web"}},
      {"uploads, validation unknown",
       [](ModelBuilder& b) { b.comp("web").accepts_uploads = true; },
       {"unrestricted-file-upload@web"}},
      {"uploads, validated: a claim",
       [](ModelBuilder& b) {
         b.comp("web").accepts_uploads = true;
         b.comp("web").upload_validation = true;
       },
       {}},
      {"unknown whether it accepts uploads",
       [](ModelBuilder& b) {
         b.comp("web").accepts_uploads.reset();
         b.comp("web").upload_validation = false;
       },
       {}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(run_rule("unrestricted-file-upload", *shop(c.edit)), c.want) << c.name;
}

}  // namespace
}  // namespace tw::rules::testing
