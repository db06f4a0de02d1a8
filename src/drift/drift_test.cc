#include "drift/drift.h"

#include <gtest/gtest.h>

#include "drift/discover.h"
#include "load/loader.h"
#include "observe/scan.h"

namespace tw::drift {
namespace {

TEST(Slug, FoldsToKebabCase) { EXPECT_EQ(slug("OWASP crAPI_web"), "owasp-crapi-web"); }

}  // namespace
}  // namespace tw::drift
