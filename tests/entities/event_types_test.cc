#include "indexer/entities/event_types.h"

#include <gtest/gtest.h>

#include <span>
#include <string_view>
#include <vector>

#include "indexer/entities/phrase_matcher.h"
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

// The enricher tokenises title and body once (TokenizedText) for entities and event
// types; the lead is then the body's first paragraph. Same answers as from the strings.
TEST(EventTypesTest, TokenizedTextsClassifyAsTheStrings) {
  const char* const bodies[] = {
      "در جلسه‌ای با حضور مسئولان\nافتتاح پروژه آبرسانی و بازدید از کارخانه",
      "بازدید از کارخانه\nدر این بازدید ... بازدید از کارخانه",
      "\nجلسه شورا بعد از خط خالی",
      "بدون خط دوم: نمایشگاه کتاب",
      // U+2028 LINE SEPARATOR breaks a token line but not the paragraph.
      "کارگاه آموزشی\u2028 نمایشگاه\nجلسه",
      "",
  };
  for (const char* title : {"گزارش عملکرد", "افتتاح پروژه", ""}) {
    for (const char* body : bodies) {
      std::string_view b(body);
      std::string_view lead = b.substr(0, b.find('\n'));
      const EventTypeTable& table = EventTypeTable::BuiltIn();
      std::vector<std::string> expected = table.Classify(title, lead, body);
      std::vector<std::string> got = table.Classify(TokenizedText(title), TokenizedText(body));
      EXPECT_EQ(got, expected) << "title: " << title << "\nbody: " << body;
    }
  }
}

TEST(EventTypesTest, FirstParagraphIsWhatTheParagraphAloneTokenizesTo) {
  for (std::string_view text :
       {"الف ب\nج د", "\nالف", "  \n الف", "الف\u2028ب ج\nد", "بی‌خط", "", "۱۲، «ب»\n"}) {
    TokenizedText whole(text);
    std::vector<internal::Token> alone = internal::Tokenize(text.substr(0, text.find('\n')));
    std::span<const internal::Token> first = whole.FirstParagraph();
    ASSERT_EQ(first.size(), alone.size()) << text;
    for (size_t i = 0; i < alone.size(); ++i) {
      EXPECT_EQ(first[i].key, alone[i].key) << text;
      EXPECT_EQ(first[i].begin, alone[i].begin) << text;
      EXPECT_EQ(first[i].end, alone[i].end) << text;
      EXPECT_EQ(first[i].kind, alone[i].kind) << text;
      EXPECT_EQ(first[i].line_break_before, alone[i].line_break_before) << text;
    }
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
