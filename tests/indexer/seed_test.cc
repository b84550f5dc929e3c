// The real seed page (../shared/seed, when present) through the whole pipeline: the text
// reader finds its 15 items, and enrichment gives each its date, main type and bodies.
#include <cstdlib>
#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "indexer/core/enricher.h"
#include "indexer/readers/reader.h"

namespace kavosh::indexer {
namespace {

std::string SeedPath() {
  const char* env = std::getenv("KAVOSH_SHARED");
  std::string shared = env ? env : std::string(KAVOSH_SOURCE_DIR) + "/../shared";
  return shared + "/seed/000_46709ee19c80b50a.txt";
}

struct Expected {
  const char* title_start;
  const char* jalali;  // "" where the text gives no date
  std::set<std::string> main_types;
  std::vector<std::string> orgs;  // must all be present, canonical
};

TEST(SeedPageTest, FifteenItemsWithDatesTypesAndOrganisations) {
  if (!std::filesystem::exists(SeedPath())) GTEST_SKIP() << "../shared is absent: " << SeedPath();
  readers::ReadResult r = readers::ReadFile(SeedPath());
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.articles.size(), 15u);
  const std::string bmsi = "سازمان بسیج مهندسین صنعتی استان لرستان";
  const std::string samt = "سازمان صنعت، معدن و تجارت استان لرستان";
  const Expected expected[] = {
      {"اردوی راهیان پیشرفت", "1404-02-05", {"trip"}, {bmsi}},
      {"جلسه حلقه صالحین", "1404-02-01", {"meeting"}, {bmsi, samt}},
      {"نشست توجیهی", "1404-02-02", {"meeting"}, {bmsi}},
      {"کارگاه آموزشی ویژه", "1404-02-03", {"workshop"}, {samt, bmsi}},
      {"مهندسین بسیجی استان", "", {"ceremony", "trip"}, {bmsi}},
      {"جلسه هم اندیشی", "1404-01-30", {"meeting"}, {}},
      {"شورای هماهنگی بانکهای", "", {"meeting"}, {"بانک ملی ایران"}},
      {"جلسه بررسی وضعیت سرمایه", "1404-01-31", {"meeting"}, {"هلدینگ انتخاب"}},
      {"نشست نخبگانی بانوان", "", {"meeting"}, {}},
      {"اولین جلسه هیئت اندیشه", "1404-01-28", {"meeting"}, {bmsi}},
      {"رئیسجمهور", "", {"visit"}, {"استانداری لرستان"}},
      {"دیدار فرمانده سپاه", "", {"visit"}, {"استانداری لرستان"}},
      {"کانون بسیج مهندسین", "", {"charity"}, {bmsi}},
      {"رزمایش ضیافت کریمانه", "1403-12-25", {"charity"}, {samt}},
      {"سازمان بسیج مهندسین صنعتی استان لرستان با صدور", "", {"statement"}, {bmsi}},
  };
  entities::Gazetteer gazetteer = entities::Gazetteer::Load({});
  Enricher enricher(&gazetteer);
  dates::GregorianDate reference = NewestWrittenDate(r.articles);
  int dated = 0;
  for (const Expected& e : expected) {
    auto it = std::find_if(r.articles.begin(), r.articles.end(), [&](const schema::Article& a) {
      return a.title.rfind(e.title_start, 0) == 0;
    });
    ASSERT_NE(it, r.articles.end()) << "no item starts with " << e.title_start;
    schema::Article a = *it;
    enricher.Enrich(&a, reference);
    EXPECT_EQ(a.date.jalali, e.jalali) << e.title_start;
    if (*e.jalali) {
      EXPECT_EQ(a.date.from, "text") << e.title_start;
      ++dated;
    }
    ASSERT_FALSE(a.types.empty()) << e.title_start;
    EXPECT_TRUE(e.main_types.count(a.types[0])) << e.title_start << " main type " << a.types[0];
    for (const auto& org : e.orgs) {
      EXPECT_NE(std::find(a.orgs.begin(), a.orgs.end(), org), a.orgs.end())
          << e.title_start << " lacks " << org;
    }
  }
  EXPECT_EQ(dated, 8);
}

}  // namespace
}  // namespace kavosh::indexer
