#include <gtest/gtest.h>

#include "export/common.h"

namespace tw::exports {
namespace {

TEST(SymbolicNames, EncodesAndKeepsDistinctIdsDistinct) {
  SymbolicNames s;
  EXPECT_EQ(s.name("sql-injection@orders.api"), "sql-injection--at--orders-api");
  EXPECT_EQ(s.name("a_b"), "a-b");
  EXPECT_EQ(s.name("a.b"), "a-b-2");
  EXPECT_EQ(s.name("a_b"), "a-b");  // stable
  EXPECT_EQ(s.originals().at("a-b-2"), "a.b");
}

TEST(StableUuid, IsStableVersion8AndDistinct) {
  std::string u = stable_uuid("threat", "x@y");
  EXPECT_EQ(u, stable_uuid("threat", "x@y"));
  EXPECT_NE(u, stable_uuid("threat", "x@z"));
  ASSERT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '8');
  EXPECT_TRUE(u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b');
}

}  // namespace
}  // namespace tw::exports
