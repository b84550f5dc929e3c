#include "indexer/entities/event_types.h"

#include <gtest/gtest.h>

#include "tests/entities/test_util.h"

namespace kavosh::entities {
namespace {

using testing::Join;

struct Case {
  const char* title;
  const char* lead;
  const char* body;
  std::vector<std::string> expected;
};

TEST(EventTypesTest, ClassifiesFromTitleLeadAndBody) {
  const Case cases[] = {
      {"اردوی راهیان پیشرفت سازمان بسیج مهندسین صنعتی استان لرستان", "", "", {"trip"}},
      {"جلسه حلقه صالحین دفتر بسیج مهندسین صنعتی", "", "", {"meeting"}},
      {"کارگاه آموزشی ویژه کاربران ثبت میزان سوخت", "", "", {"workshop"}},
      {"مهندسین بسیجی در مراسم افتتاحیه راهیان نور شرکت کردند", "", "", {"ceremony", "trip"}},
      {"شورای هماهنگی بانکهای استان تشکیل جلسه داد", "", "", {"meeting"}},
      {"جلسه هم اندیشی حضور در نمایشگاه توانمندی های صادراتی استان",
       "",
       "",
       {"meeting", "exhibition"}},
      {"جلسه‌ای برای بررسی", "", "", {"meeting"}},
      {"جلسهای برای بررسی", "", "", {"meeting"}},
      {"گزارش عملکرد", "در نمایشگاه کتاب حضور یافت", "", {"exhibition"}},
      // Title beats lead.
      {"افتتاح پروژه آبرسانی",
       "در جلسه‌ای با حضور مسئولان",
       "",
       {"project", "meeting"}},
      {"توزیع بسته معیشتی بین نیازمندان", "", "", {"charity"}},
      {"بیانیه بسیج در محکومیت حمله", "", "", {"statement"}},
      {"آیین تودیع و معارفه مدیرکل", "", "", {"ceremony", "appointment"}},  // first cue wins
      {"دیدار استاندار با خانواده شهدا", "", "", {"visit"}},
      // Body alone: twice is enough, once is not.
      {"خبر", "", "در این بازدید ... بازدید از کارخانه", {"visit"}},
      {"خبر", "", "در این بازدید", {"other"}},
      {"", "", "", {"other"}},
      {"بانک ملی", "", "", {"other"}},
      {"نشستن", "", "", {"other"}},  // whole words only
  };
  for (const Case& c : cases) {
    std::vector<std::string> got = ClassifyEventTypes(c.title, c.lead, c.body);
    EXPECT_EQ(got, c.expected) << "title: " << c.title << "\ngot: " << Join(got);
  }
}

TEST(EventTypesTest, LabelsFollowTheInterfaceTable) {
  const std::pair<const char*, const char*> cases[] = {
      {"meeting", "جلسه و نشست"},
      {"visit", "دیدار و بازدید"},
      {"workshop", "کارگاه و آموزش"},
      {"ceremony", "مراسم و آیین"},
      {"exhibition", "نمایشگاه"},
      {"charity", "کمک و نیکوکاری"},
      {"statement", "بیانیه"},
      {"trip", "اردو"},
      {"appointment", "انتصاب و معارفه"},
      {"project", "طرح و افتتاح پروژه"},
      {"other", "سایر"},
  };
  for (const auto& [value, label] : cases) EXPECT_EQ(EventTypeLabel(value), label) << value;
  EXPECT_EQ(EventTypeLabel("nope"), "");
  EXPECT_EQ(EventTypeTable::BuiltIn().types().size(), 11u);
}

TEST(EventTypesTest, CustomTableAndBadInput) {
  std::vector<std::string> errors;
  EventTypeTable t = EventTypeTable::Parse(
      "meeting\tجلسه\tجلسه|نشست\nbroken line\nvisit\tدیدار\tدیدار|جلسه\n", "x.tsv", &errors);
  EXPECT_EQ(t.types().size(), 2u);
  ASSERT_EQ(errors.size(), 2u) << Join(errors);
  EXPECT_EQ(errors[0].rfind("x.tsv:2:", 0), 0u);
  EXPECT_EQ(errors[1].rfind("x.tsv:3: cue 'جلسه'", 0), 0u);
  EXPECT_EQ(ClassifyEventTypes("دیدار", "", "", t), (std::vector<std::string>{"visit"}));
  EXPECT_EQ(ClassifyEventTypes(std::string("\xff\xfe", 2), "\xc3", "", t),
            (std::vector<std::string>{"other"}));
}

}  // namespace
}  // namespace kavosh::entities
