// Entities on the shared seed page (a real Lorestan news page). The page is not part of
// the project: the test skips when ../shared is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "indexer/entities/entity_extractor.h"
#include "indexer/entities/event_types.h"
#include "tests/entities/test_util.h"

namespace kavosh::entities {
namespace {

using testing::Join;
using testing::ProjectGazetteer;

std::string SharedDir() {
  const char* env = std::getenv("KAVOSH_SHARED");
  if (env != nullptr && *env != '\0') return env;
  return std::string(KAVOSH_SOURCE_DIR) + "/../shared";
}

// The paragraph that starts with `head`, with the `lines` lines that follow it.
std::string Item(const std::string& page, const std::string& head, int lines) {
  size_t at = page.find(head);
  if (at == std::string::npos) return "";
  size_t end = at;
  for (int i = 0; i <= lines && end != std::string::npos; ++i) end = page.find('\n', end + 1);
  return page.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

struct SeedCase {
  const char* head;
  int lines;
  std::vector<std::string> orgs;  // expected among the item's organisations
  std::vector<std::string> types;
};

TEST(SeedEntitiesTest, OrganisationsOnThePage) {
  std::string path = SharedDir() + "/seed/000_46709ee19c80b50a.txt";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "seed page not found at " << path << " (set KAVOSH_SHARED)";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string page = buffer.str();

  const SeedCase cases[] = {
      {"کارگاه آموزشی ویژه کاربران",
       2,
       {"شرکت ملی پخش فرآورده‌های نفتی منطقه لرستان",
        "سازمان صنعت، معدن و تجارت استان لرستان", "سازمان نظام مهندسی معدن استان لرستان",
        "سازمان بسیج مهندسین صنعتی استان لرستان"},
       {"workshop"}},
      {"اردوی راهیان پیشرفت", 0, {"سازمان بسیج مهندسین صنعتی استان لرستان"}, {"trip"}},
      {"جلسه حلقه صالحین",
       0,
       {"سازمان بسیج مهندسین صنعتی استان لرستان", "سازمان صنعت، معدن و تجارت استان لرستان"},
       {"meeting"}},
      {"شورای هماهنگی بانکهای استان تشکیل جلسه داد",
       4,
       {"شورای هماهنگی بانک‌های استان لرستان", "بانک ملی ایران"},
       {"meeting"}},
      {"جلسه بررسی وضعیت سرمایه گذاری هلدینگ انتخاب", 2, {"هلدینگ انتخاب"}, {"meeting"}},
  };
  for (const SeedCase& c : cases) {
    std::string item = Item(page, c.head, c.lines);
    ASSERT_FALSE(item.empty()) << c.head;
    size_t nl = item.find('\n');
    std::string title = item.substr(0, nl);
    std::string body = nl == std::string::npos ? "" : item.substr(nl + 1);
    Entities e = ExtractEntities(title, body, ProjectGazetteer());
    for (const std::string& org : c.orgs) {
      EXPECT_NE(std::find(e.orgs.begin(), e.orgs.end(), org), e.orgs.end())
          << c.head << ": missing " << org << "\ngot: " << Join(e.orgs);
    }
    std::vector<std::string> types = ClassifyEventTypes(title, "", body);
    EXPECT_EQ(types.front(), c.types.front()) << c.head << "\ngot: " << Join(types);
  }
  Entities banks =
      ExtractEntities("", Item(page, "شورای هماهنگی بانکهای استان", 4), ProjectGazetteer());
  EXPECT_EQ(banks.people, (std::vector<std::string>{"دکتر امیدی شاه آباد"}));
}

}  // namespace
}  // namespace kavosh::entities
