#include "model/enums.h"

#include <gtest/gtest.h>

namespace tw::model {
namespace {

TEST(Enums, RoundTrip) {
  EXPECT_EQ(name(Stride::InformationDisclosure), "information-disclosure");
  EXPECT_EQ(parse<Authentication>("password+mfa"), Authentication::PasswordMfa);
  EXPECT_FALSE(parse<Trust>("trusted-ish"));
  EXPECT_EQ(names<ComponentType>().size(), 3u);
}

TEST(Enums, ClassicStridePerElementChart) {
  std::string ee, proc, store, flow;
  for (Stride s : kAllStride) {
    if (stride_applies(ComponentType::ExternalEntity, s)) ee += stride_letter(s);
    if (stride_applies(ComponentType::Process, s)) proc += stride_letter(s);
    if (stride_applies(ComponentType::DataStore, s)) store += stride_letter(s);
    if (stride_applies_to_flow(s)) flow += stride_letter(s);
  }
  EXPECT_EQ(ee, "SR");
  EXPECT_EQ(proc, "STRIDE");
  EXPECT_EQ(store, "TRID");
  EXPECT_EQ(flow, "TID");
}

}  // namespace
}  // namespace tw::model
