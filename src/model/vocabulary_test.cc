#include "model/vocabulary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace tw::model {
namespace {

template <class V>
bool sorted_unique(const std::vector<V>& v) {
  for (size_t i = 1; i < v.size(); ++i) {
    if (!(v[i - 1].id < v[i].id)) return false;
  }
  return true;
}

bool kebab(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

TEST(Vocabulary, ListsAreSortedUniqueAndKebabCase) {
  EXPECT_TRUE(sorted_unique(builtin_kinds()));
  EXPECT_TRUE(sorted_unique(builtin_protocols()));
  for (const auto& k : builtin_kinds()) EXPECT_TRUE(kebab(k.id)) << k.id;
  for (const auto& p : builtin_protocols()) EXPECT_TRUE(kebab(p.id)) << p.id;
  const auto& e = builtin_ecosystems();
  EXPECT_TRUE(std::is_sorted(e.begin(), e.end()));
  EXPECT_TRUE(std::adjacent_find(e.begin(), e.end()) == e.end());
}

TEST(Vocabulary, Lookups) {
  ASSERT_NE(builtin_kind("admin-console"), nullptr);
  EXPECT_EQ(builtin_kind("admin-console")->type, ComponentType::Process);
  EXPECT_EQ(builtin_kind("admin-panel"), nullptr);
  ASSERT_NE(builtin_protocol("https"), nullptr);
  EXPECT_EQ(builtin_protocol("https")->encrypted, true);
  EXPECT_EQ(builtin_protocol("http")->encrypted, false);
  EXPECT_EQ(builtin_protocol("htps"), nullptr);
}

// Every synonym means a built-in value, and is not itself one (it would never be looked up).
TEST(Vocabulary, SynonymsMeanBuiltInValues) {
  for (std::string_view w : {"postgres", "mysql", "redis", "nginx", "s3", "admin-panel", "database",
                             "kafka", "vault", "jenkins"}) {
    const Synonym* s = kind_synonym(w);
    ASSERT_NE(s, nullptr) << w;
    EXPECT_NE(builtin_kind(s->means), nullptr) << w << " -> " << s->means;
    EXPECT_EQ(builtin_kind(w), nullptr) << w;
  }
  EXPECT_EQ(kind_synonym("postgres")->means, "sql-database");
  EXPECT_TRUE(kind_synonym("postgres")->technology);
  EXPECT_EQ(kind_synonym("admin-panel")->means, "admin-console");
  EXPECT_FALSE(kind_synonym("admin-panel")->technology);
  for (std::string_view w : {"rest", "grpcs", "websocket", "postgres", "ssl"}) {
    const Synonym* s = protocol_synonym(w);
    ASSERT_NE(s, nullptr) << w;
    EXPECT_NE(builtin_protocol(s->means), nullptr) << w << " -> " << s->means;
    EXPECT_EQ(builtin_protocol(w), nullptr) << w;
  }
  EXPECT_EQ(kind_synonym("web-app"), nullptr);
  for (const Synonym& s : kind_synonyms()) {
    EXPECT_NE(builtin_kind(s.means), nullptr) << s.word << " -> " << s.means;
    EXPECT_EQ(builtin_kind(s.word), nullptr) << s.word;
    EXPECT_EQ(kind_synonym(s.word), &s) << s.word;  // sorted, unique
  }
  for (const Synonym& s : protocol_synonyms()) {
    EXPECT_NE(builtin_protocol(s.means), nullptr) << s.word << " -> " << s.means;
    EXPECT_EQ(builtin_protocol(s.word), nullptr) << s.word;
    EXPECT_EQ(protocol_synonym(s.word), &s) << s.word;
  }
}

}  // namespace
}  // namespace tw::model
