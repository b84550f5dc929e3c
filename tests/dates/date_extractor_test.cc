#include "indexer/dates/date_extractor.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace kavosh::dates {
namespace {

// 7 Ordibehesht 1404, a Sunday: the day the seed page was collected.
constexpr GregorianDate kRef{2025, 4, 27};

struct Case {
  std::string body;
  std::string expected;  // Jalali "YYYY-MM-DD", or "" for no date
  std::optional<YearSource> year = std::nullopt;
  std::string title = "";
  std::string published = "";
  GregorianDate reference = kRef;
  std::string from = "";  // expected ArticleDate::from; "" means "text" when found
};

std::string Describe(const Case& c) {
  return "title=[" + c.title + "] body=[" + c.body + "] published=[" + c.published + "]";
}

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(Describe(c));
    DateContext ctx;
    ctx.reference = c.reference;
    ctx.published = c.published;
    std::optional<ExtractedDate> d = ExtractEventDate(c.title, c.body, ctx);
    schema::ArticleDate a = ToArticleDate(d);
    EXPECT_EQ(a.jalali, c.expected);
    if (c.expected.empty()) {
      EXPECT_FALSE(d.has_value());
      EXPECT_EQ(a.from, "");
      continue;
    }
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(a.from, c.from.empty() ? "text" : c.from);
    if (c.year) {
      EXPECT_EQ(static_cast<int>(d->year), static_cast<int>(*c.year));
    }
    GregorianDate g;
    ASSERT_TRUE(ToGregorian(d->jalali, &g));
    EXPECT_EQ(FormatGregorian(g), a.gregorian);
  }
}

constexpr auto kWritten = YearSource::kWritten;
constexpr auto kRepaired = YearSource::kRepaired;
constexpr auto kInferred = YearSource::kInferred;

TEST(DateExtractorTest, SeedPagePhrases) {
  RunCases({
      {"روز جمعه ۵ اردیبهشت ماه ۱۴۰۴ برگزار گردید.", "1404-02-05", kWritten},
      {"استان دوشنبه ۱ اردیبهشت ماه با حضور مربی", "1404-02-01", kInferred},
      {"برنامه های سال ۱۴۰۴ سه شنبه ۲ اردیبهشت ماه با حضور اعضای", "1404-02-02", kInferred},
      {"استان چهارشنبه ۳ اردیبهشت ماه ۴۰۴ از ساعت ۸ صبح تا ۱۲ ظهر", "1404-02-03", kRepaired},
      {"🔹 شنبه سی ام فروردین ماه ۱۴۰۴ جلسهای", "1404-01-30", kWritten},
      {"🔹 امروز یکشنبه سی و یکم فروردین ماه ۱۴۰۴ جلسه ای", "1404-01-31", kWritten},
      {"لرستان پنج شنبه ۲۸ فروردین ماه از ساعت ۹تا ۱۱ صبح", "1404-01-28", kInferred},
  });
}

TEST(DateExtractorTest, DaysInWordsAndDigits) {
  RunCases({
      {"سی‌ام فروردین", "1404-01-30"},
      {"سیام فروردین", "1404-01-30"},
      {"سی ام فروردین", "1404-01-30"},
      {"سی و یکم فروردین", "1404-01-31"},
      {"سی‌ویکم فروردین", "1404-01-31"},
      {"بیست و یکم فروردین", "1404-01-21"},
      {"بیست ونهم فروردین", "1404-01-29"},
      {"بیستم فروردین", "1404-01-20"},
      {"یکم اردیبهشت", "1404-02-01"},
      {"اول اردیبهشت", "1404-02-01"},
      {"دوم اردیبهشت", "1404-02-02"},
      {"سوم اردیبهشت", "1404-02-03"},
      {"پانزدهم فروردین", "1404-01-15"},
      {"۵ام اردیبهشت", "1404-02-05"},
      {"۵‌ام اردیبهشت", "1404-02-05"},
      {"۰۵ اردیبهشت", "1404-02-05"},
      {"5 اردیبهشت", "1404-02-05"},
      {"٥ اردیبهشت", "1404-02-05"},
      {"جمعه 5 اردیبهشت 1404", "1404-02-05"},
      {"جمعه ٥ ارديبهشت ١٤٠٤", "1404-02-05"},
      {"۵ اردیبهشت‌ماه", "1404-02-05"},
      {"۵ اردیبهشتماه سال ۱۴۰۴", "1404-02-05"},
      {"۵ تا ۷ اردیبهشت ۱۴۰۴", "1404-02-05"},
      {"۵ و ۶ اردیبهشت", "1404-02-05"},
  });
}

TEST(DateExtractorTest, AllJalaliMonths) {
  RunCases({
      {"۱۰ فروردین ۱۴۰۳", "1403-01-10"},
      {"۱۰ اردیبهشت ۱۴۰۳", "1403-02-10"},
      {"۱۰ خرداد ۱۴۰۳", "1403-03-10"},
      {"۱۰ تیر ۱۴۰۳", "1403-04-10"},
      {"۱۰ مرداد ۱۴۰۳", "1403-05-10"},
      {"۱۰ امرداد ۱۴۰۳", "1403-05-10"},
      {"۱۰ شهریور ۱۴۰۳", "1403-06-10"},
      {"۱۰ مهر ۱۴۰۳", "1403-07-10"},
      {"۱۰ آبان ۱۴۰۳", "1403-08-10"},
      {"۱۰ آذر ۱۴۰۳", "1403-09-10"},
      {"۱۰ دی ۱۴۰۳", "1403-10-10"},
      {"۱۰ دی‌ماه ۱۴۰۳", "1403-10-10"},
      {"۱۰ دی ماه ۱۴۰۳", "1403-10-10"},
      {"۱۰ بهمن ۱۴۰۳", "1403-11-10"},
      {"۱۰ اسفند ۱۴۰۳", "1403-12-10"},
  });
}

TEST(DateExtractorTest, WeekdaySpellings) {
  RunCases({
      {"یکشنبه ۳۱ فروردین", "1404-01-31"},
      {"یک شنبه ۳۱ فروردین", "1404-01-31"},
      {"یک‌شنبه ۳۱ فروردین", "1404-01-31"},
      {"دوشنبه ۱ اردیبهشت", "1404-02-01"},
      {"دو شنبه ۱ اردیبهشت", "1404-02-01"},
      {"سه شنبه ۲ اردیبهشت", "1404-02-02"},
      {"سه‌شنبه ۲ اردیبهشت", "1404-02-02"},
      {"سهشنبه ۲ اردیبهشت", "1404-02-02"},
      {"چهارشنبه ۳ اردیبهشت", "1404-02-03"},
      {"چهار شنبه ۳ اردیبهشت", "1404-02-03"},
      {"پنجشنبه ۲۸ فروردین", "1404-01-28"},
      {"پنج شنبه ۲۸ فروردین", "1404-01-28"},
      {"پنج‌شنبه ۲۸ فروردین", "1404-01-28"},
      {"جمعه ۲۹ فروردین", "1404-01-29"},
      {"شنبه، ۳۰ فروردین", "1404-01-30"},
      {"روز شنبه ۳۰ فروردین", "1404-01-30"},
  });
}

TEST(DateExtractorTest, YearLeftOut) {
  RunCases({
      // The weekday decides, across the new year: 25 Esfand 1403 was a Saturday.
      {"شنبه ۲۵ اسفند", "1403-12-25", kInferred},
      {"شنبه ۲۵ اسفند ماه جلسه برگزار شد", "1403-12-25", kInferred},
      // 5 Ordibehesht 1403 was a Wednesday; in 1404 it is a Friday.
      {"چهارشنبه ۵ اردیبهشت", "1403-02-05", kInferred},
      {"جمعه ۵ اردیبهشت", "1404-02-05", kInferred},
      // No weekday: nearest at or before the reference, a few days ahead allowed.
      {"۵ اردیبهشت", "1404-02-05", kInferred},
      {"۱۰ اردیبهشت", "1404-02-10", kInferred},
      {"۲۰ اردیبهشت", "1403-02-20", kInferred},
      {"۱۰ دی", "1403-10-10", kInferred},
      {"۱ فروردین", "1404-01-01", kInferred},
      {"۳۰ اسفند", "1403-12-30", kInferred},  // only 1403 has it
      // A weekday that fits no nearby year: the nearest year all the same.
      {"دوشنبه ۵ اردیبهشت", "1404-02-05", kInferred},
      // The reference can come from the published date.
      {"دوشنبه ۱ اردیبهشت", "1404-02-01", kInferred, "", "2025-04-27", {}},
      // An archived page: the published day, not the collection day, anchors the year.
      {"۵ مرداد", "1398-05-05", kInferred, "", "1398/05/10"},
      {"۵ مرداد", "1403-05-05", kInferred, "", "1405/05/10"},  // published in the future
      // Nothing to decide the year with.
      {"دوشنبه ۱ اردیبهشت", "", std::nullopt, "", "", {}},
      {"۱ اردیبهشت ۱۴۰۴", "1404-02-01", kWritten, "", "", {}},
  });
}

TEST(DateExtractorTest, MistypedYears) {
  RunCases({
      {"۵ اردیبهشت ۴۰۴", "1404-02-05", kRepaired},
      {"۵ اردیبهشت ۰۴", "1404-02-05", kRepaired},
      {"۵ اردیبهشت ۹۸", "1398-02-05", kRepaired},
      {"۵ اردیبهشت ۱۴۰۳", "1403-02-05", kWritten},
      {"جمعه ۵ اردیبهشت ۱۵۰۴", "1404-02-05", kRepaired},
      {"جمعه ۵ اردیبهشت ۱۲۰۴", "1404-02-05", kRepaired},
      {"۵ اردیبهشت ۱۵۰۴", ""},
      {"چهارشنبه ۵ اردیبهشت ۱۵۰۴", "1403-02-05", kRepaired},
      // Small numbers after the month are not years.
      {"۵ اردیبهشت ۲۸ نفر شرکت کردند", "1404-02-05", kInferred},
  });
}

TEST(DateExtractorTest, NumericAndGregorianForms) {
  RunCases({
      {"۱۴۰۴/۰۲/۰۵", "1404-02-05", kWritten},
      {"1404-02-05", "1404-02-05", kWritten},
      {"۱۴۰۴.۰۲.۰۵", "1404-02-05", kWritten},
      {"١٤٠٤/٠٢/٠٥", "1404-02-05", kWritten},
      {"۱۴۰۴/۲/۵", "1404-02-05", kWritten},
      {"۰۵/۰۲/۱۴۰۴", "1404-02-05", kWritten},
      {"مورخ 2025-04-25", "1404-02-05", kWritten},
      {"۲۵ آوریل ۲۰۲۵", "1404-02-05", kWritten},
      {"25 April 2025", "1404-02-05", kWritten},
      {"April 25, 2025", "1404-02-05", kWritten},
      {"25th April 2025", "1404-02-05", kWritten},
      {"۲۵ آپریل ۲۰۲۵", "1404-02-05", kWritten},
      {"۱ مه ۲۰۲۵", "1404-02-11", kWritten},
      {"۱ می ۲۰۲۵", "1404-02-11", kWritten},
      {"۲۰ ژانویه ۲۰۲۰", "1398-10-30", kWritten},
      {"۱۴ ژوئیه ۲۰۲۴", "1403-04-24", kWritten},
      {"۱۴ جولای ۲۰۲۴", "1403-04-24", kWritten},
      {"۲۵ آوریل", "1404-02-05", kInferred},
      {"۵ می", ""},  // "می" is a verb prefix: a date only with its year
      {"۱۴۰۴/۱۳/۰۵", ""},
      {"۱۲:۳۰", ""},
      {"0912-123-4567", ""},
      {"1404/02/05/7", ""},
      {"رشد ۲.۵ تیر", ""},
      {"ساعت ۱۰:۳۰ مهر", ""},
  });
}

TEST(DateExtractorTest, NotEventDates) {
  RunCases({
      {"اجرای برنامه های سال ۱۴۰۴", ""},
      {"طی اردیبهشت ماه سال جاری در محل نمایشگاه", ""},
      {"کارگروه موظف به تهیه طرح ها تا ۲۰ اردیبهشت ماه شدند.", ""},
      {"مهلت ثبت نام ۲۰ اردیبهشت است", ""},
      {"تا پایان ۲۰ اردیبهشت", ""},
      {"حداکثر تا روز ۲۰ اردیبهشت", ""},
      {"۳۱ اسفند ۱۴۰۳", ""},
      {"۳۲ فروردین", ""},
      {"۳۰ اسفند ۱۴۰۴", ""},
      {"۳۰ اسفند ۱۴۰۳", "1403-12-30", kWritten},
      {"۳۱ مهر ۱۴۰۳", ""},
      {"۳۱ مهر", ""},
      // A later paragraph with no cue: a mention in passing, not the event.
      {"جلسه شورا برگزار شد.\nاین قانون مصوب ۱۵ دی ۱۴۰۲ است.", ""},
  });
}

TEST(DateExtractorTest, PrefersTheEventDate) {
  RunCases({
      {"جلسه شورا روز دوشنبه ۱ اردیبهشت برگزار شد.\nاین طرح در ۱۵ دی ۱۴۰۲ تصویب شد.", "1404-02-01"},
      {"مهلت طرح ها تا ۲۰ اردیبهشت است.\nجلسه روز ۳ اردیبهشت برگزار شد.", "1404-02-03"},
      {"جلسه شورا برگزار شد.\nاین جلسه ۳ اردیبهشت برگزار شد.", "1404-02-03"},
      {"از شنبه ۶ اردیبهشت تا دوشنبه ۸ اردیبهشت نمایشگاه برپاست", "1404-02-06"},
      {"دوشنبه ۱ اردیبهشت ماه با حضور مربی", "1404-02-02", std::nullopt, "نشست ۲ اردیبهشت"},
      {"در این جلسه مصوبه ۱۰ دی ۱۴۰۳ بررسی شد.\nروز جمعه ۵ اردیبهشت اردو برگزار شد.", "1404-02-05"},
  });
}

TEST(DateExtractorTest, FallsBackToPublished) {
  RunCases({
      {"جلسه شورا برگزار شد.", "1404-02-05", std::nullopt, "", "2025-04-24T22:00:00Z", kRef,
       "published"},
      {"جلسه شورا برگزار شد.", "1404-02-05", std::nullopt, "", "۵ اردیبهشت ۱۴۰۴", kRef,
       "published"},
      {"تا ۲۰ اردیبهشت ماه", "1404-02-04", std::nullopt, "", "1404/02/04", kRef, "published"},
      {"جلسه شورا برگزار شد.", "", std::nullopt, "", "yesterday"},
      {"", "", std::nullopt, "", ""},
  });
}

TEST(DateExtractorTest, OffsetsPointAtThePhrase) {
  struct OffsetCase {
    std::string title;
    std::string body;
    std::string phrase;
    DateField field;
  };
  const OffsetCase kCases[] = {
      {"", "اردوی راهیان روز جمعه ۵ اردیبهشت ماه ۱۴۰۴ برگزار گردید.", "جمعه ۵ اردیبهشت ماه ۱۴۰۴",
       DateField::kBody},
      // U+200F RIGHT-TO-LEFT MARK before the phrase: dropped by folding, offsets still hold.
      {"", "\u200fامروز یکشنبه سی و یکم فروردین ماه ۱۴۰۴ جلسه", "یکشنبه سی و یکم فروردین ماه ۱۴۰۴",
       DateField::kBody},
      {"نشست ١٤٠٤/٠٢/٠٢ برگزار شد", "", "١٤٠٤/٠٢/٠٢", DateField::kTitle},
      {"", "استان چهارشنبه ۳ اردیبهشت ماه ۴۰۴ از ساعت", "چهارشنبه ۳ اردیبهشت ماه ۴۰۴",
       DateField::kBody},
  };
  for (const OffsetCase& c : kCases) {
    SCOPED_TRACE(c.title + " | " + c.body);
    DateContext ctx;
    ctx.reference = kRef;
    std::optional<ExtractedDate> d = ExtractEventDate(c.title, c.body, ctx);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(static_cast<int>(d->field), static_cast<int>(c.field));
    const std::string& s = c.field == DateField::kTitle ? c.title : c.body;
    ASSERT_LE(d->start, d->end);
    ASSERT_LE(d->end, s.size());
    EXPECT_EQ(s.substr(d->start, d->end - d->start), c.phrase);
  }
}

TEST(DateExtractorTest, FindDatesListsEveryDateInOrder) {
  DateContext ctx;
  ctx.reference = kRef;
  std::vector<ExtractedDate> all =
      FindDates("۱ اردیبهشت و ۲ اردیبهشت، تا ۲۰ اردیبهشت، ۱۴۰۴/۰۱/۰۵", ctx);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(FormatJalali(all[0].jalali), "1404-02-01");
  EXPECT_EQ(FormatJalali(all[1].jalali), "1404-02-02");
  EXPECT_EQ(FormatJalali(all[2].jalali), "1404-01-05");
  EXPECT_LT(all[0].start, all[1].start);
}

TEST(DateExtractorTest, ArticleDateConvenience) {
  DateContext ctx;
  ctx.reference = kRef;
  schema::ArticleDate a = ExtractArticleDate("", "روز جمعه ۵ اردیبهشت ماه ۱۴۰۴", ctx);
  EXPECT_EQ(a.gregorian, "2025-04-25");
  EXPECT_EQ(a.jalali, "1404-02-05");
  EXPECT_EQ(a.from, "text");
  schema::ArticleDate none = ExtractArticleDate("", "بدون تاریخ", ctx);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.from, "");
  EXPECT_TRUE(ToArticleDate(std::nullopt).empty());
}

TEST(DateExtractorTest, SurvivesBadInput) {
  std::string digits(1 << 20, '5');
  std::string persian_digits;
  for (int i = 0; i < (1 << 18); ++i) persian_digits += "۵";  // U+06F5, 2 bytes each
  std::string punctuation(1 << 20, '!');
  std::string dates;
  while (dates.size() < (1 << 20)) dates += "۵ اردیبهشت ";
  const std::string kInputs[] = {
      "",
      std::string("\xff\xfe\xc3\x28\xe2\x82", 6),
      std::string("۵ ارد\xd8یبهشت \xff ۱۴۰۴") + std::string(1, '\0') + "/",
      "،؛!؟.../---///",
      digits,
      persian_digits,
      punctuation,
      "1404/02/05/06/07/08",
      "۰۰ اردیبهشت ۰۰۰۰",
      "۹۹۹۹۹۹۹۹۹۹۹ اردیبهشت ۹۹۹۹۹۹۹۹۹۹۹۹",
  };
  DateContext ctx;
  ctx.reference = kRef;
  for (const std::string& input : kInputs) {
    SCOPED_TRACE(input.substr(0, 40));
    std::optional<ExtractedDate> d = ExtractEventDate(input, input, ctx);
    if (d) {
      EXPECT_TRUE(IsValidJalali(d->jalali));
      EXPECT_LE(d->end, input.size());
    }
    GregorianDate g;
    ParseDateParam(input, &g);
  }
  std::optional<ExtractedDate> many = ExtractEventDate("", dates, ctx);
  ASSERT_TRUE(many.has_value());
  EXPECT_EQ(FormatJalali(many->jalali), "1404-02-05");
  EXPECT_FALSE(ExtractEventDate("", digits, ctx).has_value());
  EXPECT_FALSE(ExtractEventDate("", punctuation, ctx).has_value());
  EXPECT_FALSE(ExtractEventDate("", "", DateContext()).has_value());
}

// The seed page (../shared/seed/000_46709ee19c80b50a.txt), paragraph by paragraph.
std::string SeedPath() {
  const char* shared = std::getenv("KAVOSH_SHARED");
  std::string dir =
      shared != nullptr && *shared != '\0' ? shared : std::string(KAVOSH_SOURCE_DIR "/../shared");
  return dir + "/seed/000_46709ee19c80b50a.txt";
}

TEST(DateExtractorTest, SeedPageParagraphs) {
  std::ifstream in(SeedPath());
  if (!in) GTEST_SKIP() << "seed page not found at " << SeedPath() << " (set KAVOSH_SHARED)";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string page = ss.str();
  struct SeedCase {
    std::string phrase;
    std::string expected;
  };
  const SeedCase kCases[] = {
      {"جمعه ۵ اردیبهشت ماه ۱۴۰۴", "1404-02-05"},
      {"دوشنبه ۱ اردیبهشت ماه", "1404-02-01"},
      {"سه شنبه ۲ اردیبهشت ماه", "1404-02-02"},
      {"چهارشنبه ۳ اردیبهشت ماه ۴۰۴", "1404-02-03"},
      {"شنبه سی ام فروردین ماه ۱۴۰۴", "1404-01-30"},
      {"یکشنبه سی و یکم فروردین ماه ۱۴۰۴", "1404-01-31"},
      {"پنج شنبه ۲۸ فروردین ماه", "1404-01-28"},
      {"تا ۲۰ اردیبهشت ماه", ""},  // a deadline
  };
  DateContext ctx;
  ctx.reference = kRef;
  for (const SeedCase& c : kCases) {
    SCOPED_TRACE(c.phrase);
    size_t at = page.find(c.phrase);
    ASSERT_NE(at, std::string::npos) << "phrase not in the seed page";
    size_t begin = page.rfind('\n', at);
    begin = begin == std::string::npos ? 0 : begin + 1;
    size_t end = page.find('\n', at);
    std::string paragraph = page.substr(begin, end == std::string::npos ? end : end - begin);
    std::optional<ExtractedDate> d = ExtractEventDate("", paragraph, ctx);
    EXPECT_EQ(ToArticleDate(d).jalali, c.expected) << paragraph;
    if (d && !c.expected.empty()) {
      EXPECT_EQ(paragraph.substr(d->start, d->end - d->start), c.phrase);
    }
  }
}

}  // namespace
}  // namespace kavosh::dates
