#include "indexer/readers/text_page_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "analyzers/normalizer.h"
#include "indexer/readers/text_util.h"
#include "readers_test_util.h"

namespace kavosh::readers {
namespace {

using testing::Fixture;
using testing::SharedDir;
using testing::Titles;

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

TEST(TextPageSeed, FindsTheFifteenItems) {
  std::string shared = SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not found (set KAVOSH_SHARED to run this test)";
  const std::string path = shared + "/seed/000_46709ee19c80b50a.txt";
  std::string page = testing::ReadBytes(path);
  if (page.empty()) GTEST_SKIP() << path << " is missing or empty";

  ReadResult r = ReadTextPage(page, "seed.txt");
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.articles.size(), 15u);
  std::vector<std::string> titles = Titles(r.articles);
  for (const char* want : {"شورای هماهنگی بانکهای استان تشکیل جلسه داد",
                           "جلسه بررسی وضعیت سرمایه گذاری هلدینگ انتخاب در لرستان",
                           "جلسه هم اندیشی حضور در نمایشگاه توانمندی های صادراتی استان"}) {
    EXPECT_NE(std::find(titles.begin(), titles.end(), want), titles.end()) << want;
  }
  std::set<std::string> ids;
  for (const schema::Article& a : r.articles) {
    ids.insert(a.id);
    EXPECT_FALSE(a.body.empty()) << a.title;
    EXPECT_GE(CountWords(a.title), 5u) << "tag or navigation line read as an article: " << a.title;
    EXPECT_EQ(a.id, ContentId(a.title, a.body));
    EXPECT_EQ(a.origin.rfind("seed.txt:", 0), 0u);
    for (const char* tag : {"راهیان پیشرفت", "عکس", "اخبار رونق تولید", "رفتن به محتوای اصلی"}) {
      EXPECT_NE(a.title, tag);
    }
  }
  EXPECT_EQ(ids.size(), 15u);
  // The statement quoted after "… به شرح ذیل است:" stays in its item, and the women's
  // meeting keeps its follow-up paragraphs ("وی …", "حیدرزاده در پایان …").
  EXPECT_EQ(r.articles[8].origin, "seed.txt:113");
  EXPECT_EQ(std::count(r.articles[8].body.begin(), r.articles[8].body.end(), '\n'), 4);
  EXPECT_EQ(r.articles[14].origin, "seed.txt:206");
  EXPECT_NE(r.articles[14].body.find("بسم الله الرحمن الرحیم"), std::string::npos);
  // Re-reading gives the same ids (the indexer upserts).
  ReadResult again = ReadTextPage(page, "seed.txt");
  ASSERT_EQ(again.articles.size(), 15u);
  for (size_t i = 0; i < 15; ++i) EXPECT_EQ(again.articles[i].id, r.articles[i].id);
}

struct Expected {
  std::string title;
  size_t line;
  size_t paragraphs;
};

struct PageCase {
  const char* fixture;
  std::vector<Expected> want;
};

const std::vector<PageCase>& PageCases() {
  static const std::vector<PageCase> kCases = {
      {"page_bullets.txt",
       {{"برگزاری نشست شورای آموزش و پرورش شهرستان ملایر", 3, 3},
        {"افتتاح کتابخانه عمومی روستای ورکانه", 11, 3},
        {"رزمایش کمک مؤمنانه در شهرستان تویسرکان", 31, 3}}},
      {"page_standalone.txt",
       {{"سازمان جهاد کشاورزی استان همدان از آغاز برداشت سیب‌زمینی "
         "در "
         "بیش "
         "از",
         1, 1},
        {"مدیر جهاد کشاورزی شهرستان بهار گفت پیش‌بینی می‌شود امسال "
         "سیصد "
         "هزار "
         "تن",
         3, 3},
        {"اداره کل هواشناسی استان با صدور اطلاعیه‌ای نسبت به "
         "وزش "
         "باد "
         "شدید",
         9, 5},
        {"جشنواره فرهنگی عشایر همدان برگزار شد", 19, 1},
        {"شهردار همدان از آغاز طرح کاشت ده هزار نهال در کمربند سبز", 23, 2}}},
      {"page_titled_plain.txt",
       {{"آغاز عملیات اجرایی پل دوم ورودی شهر نهاوند با حضور معاون عمرانی استاندار", 4, 3},
        {"گروه جهادی دانشجویان دانشگاه بوعلی سینا در اردوی یک‌هفته‌ای "
         "خود "
         "سه "
         "مدرسه",
         13, 1},
        {"برگزاری مسابقات کشتی آزاد قهرمانی نوجوانان کشور در همدان", 19, 2},
        {"افتتاح نمایشگاه", 26, 1}}},
  };
  return kCases;
}

void ExpectPage(const ReadResult& r, const PageCase& c, const std::string& variant) {
  SCOPED_TRACE(std::string(c.fixture) + " " + variant);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.articles.size(), c.want.size());
  for (size_t i = 0; i < c.want.size(); ++i) {
    const schema::Article& a = r.articles[i];
    EXPECT_EQ(a.title, c.want[i].title);
    EXPECT_EQ(a.origin, std::string(c.fixture) + ":" + std::to_string(c.want[i].line));
    EXPECT_EQ(static_cast<size_t>(std::count(a.body.begin(), a.body.end(), '\n')) + 1,
              c.want[i].paragraphs)
        << a.body;
    EXPECT_EQ(a.body, NormalizeParagraphs(a.body));
    EXPECT_FALSE(StartsWithBullet(a.body)) << "bullet kept in body";
  }
}

TEST(TextPage, FixturePages) {
  for (const PageCase& c : PageCases()) {
    ExpectPage(ReadTextPage(Fixture(c.fixture), c.fixture), c, "as written");
  }
}

TEST(TextPage, WindowsAndOldMacLineEndingsGiveTheSameArticles) {
  for (const PageCase& c : PageCases()) {
    std::string page = Fixture(c.fixture);
    ReadResult lf = ReadTextPage(page, c.fixture);
    ReadResult crlf = ReadTextPage(Replace(page, "\n", "\r\n"), c.fixture);
    ReadResult cr = ReadTextPage(Replace(page, "\n", "\r"), c.fixture);
    ExpectPage(crlf, c, "CRLF");
    ExpectPage(cr, c, "CR");
    for (size_t i = 0; i < lf.articles.size() && i < crlf.articles.size(); ++i) {
      EXPECT_EQ(lf.articles[i].id, crlf.articles[i].id);
    }
  }
}

TEST(TextPage, WhitespaceOnlyLinesSeparateLikeBlankLines) {
  for (const PageCase& c : PageCases()) {
    std::string page = Replace(Fixture(c.fixture), "\n\n", "\n \t  \n");
    ExpectPage(ReadTextPage(page, c.fixture), c, "whitespace-only blank lines");
  }
}

TEST(TextPage, SmallPages) {
  struct Case {
    const char* name;
    std::string page;
    std::vector<std::string> titles;
  };
  const std::string kPara1 =
      "کارگاه آموزشی بازیافت پسماند ویژه دانش‌آموزان مدارس ابتدایی شهرستان "
      "رزن "
      "برگزار "
      "شد.";
  const std::string kPara2 = "نمایشگاه کتاب کودک در کانون پرورش فکری شهرستان فامنین گشایش یافت.";
  // An untitled item's title: its first sentence without the final full stop.
  const std::string kTitle1 = kPara1.substr(0, kPara1.size() - 1);
  const std::string kTitle2 = kPara2.substr(0, kPara2.size() - 1);
  const std::string kStatement =
      "شورای شهر بیانیه‌ای صادر کرد که متن آن به شرح زیر "
      "است:";
  const std::string kStatementTitle = FirstWords(kStatement, 12);
  const std::vector<Case> kCases = {
      {"empty", "", {}},
      {"only blank lines", "\n\n \n\t\n", {}},
      {"one standalone paragraph, no skip link", kPara1 + "\n", {kTitle1}},
      {"title with trailing spaces", "عنوان خبر آزمایشی   \n\n" + kPara1, {"عنوان خبر آزمایشی"}},
      {"title then body on the next line", "عنوان خبر آزمایشی\n" + kPara1, {"عنوان خبر آزمایشی"}},
      {"two standalone items", kPara1 + "\n\n" + kPara2, {kTitle1, kTitle2}},
      {"item repeated three times", kPara1 + "\n\n" + kPara1 + "\n\n" + kPara1 + "\n", {kTitle1}},
      {"tag block only", "عکس\nفیلم\nصوت\nاخبار استان\n", {}},
      {"tags at the end", kPara1 + "\n\nعکس\nفیلم\nصوت\n", {kTitle1}},
      {"tags one per block", "عکس\n\nفیلم\n\nصوت\n\n" + kPara2, {kTitle2}},
      {"title without body is dropped", kPara1 + "\n\nعنوان بی‌متن\n", {kTitle1}},
      {"skip link variants", "Skip to content\n\nپرش به محتوا\n\n" + kPara2, {kTitle2}},
      {"bullet without a current item starts one", "\u00a0\n\n🔸 " + kPara2, {kTitle2}},
      {"bulleted list then a plain paragraph starts a new item",
       "عنوان فهرست\n\n🔹 " + kPara1 + "\n\n🔹 " + kPara1 + " دوم\n\n" + kPara2,
       {"عنوان فهرست", kTitle2}},
      {"continuation word keeps the paragraph",
       "عنوان فهرست\n\n🔹 " + kPara1 + "\n\n🔹 " + kPara1 + " دوم\n\nوی افزود: " + kPara2,
       {"عنوان فهرست"}},
      {"bullet after an untitled item starts a new one",
       kPara1 + "\n\n✍️" + kPara2,
       {kTitle1, kTitle2}},
      {"colon opens a quotation, even of title-like lines",
       kStatement + "\n\nبسم الله الرحمن الرحیم\n\n«آیه کوتاه در گیومه»\n\n" + kPara2,
       {kStatementTitle}},
      {"a paragraph shown elsewhere after other text ends the quotation",
       kStatement + "\n\nمتن بیانیه در یک بند.\n\n" + kPara1 + "\n\n" + kPara2 + "\n\n" + kPara1,
       {kStatementTitle, kTitle1, kTitle2}},
  };
  for (const Case& c : kCases) {
    ReadResult r = ReadTextPage(c.page, "p.txt");
    EXPECT_TRUE(r.errors.empty()) << c.name;
    EXPECT_EQ(Titles(r.articles), c.titles) << c.name;
  }
}

TEST(TextPage, InvalidUtf8LineIsReportedAndSkipped) {
  std::string page = "عنوان خبر آزمایشی\n\nمتن اول خبر که درست است.\n\xFF\xFE بد\n";
  ReadResult r = ReadTextPage(page, "bad.txt");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].ToString(), "bad.txt:4: invalid UTF-8");
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].body, "متن اول خبر که درست است.");
}

TEST(TextPage, ByteOrderMarkAndNulBytes) {
  // U+FEFF BYTE ORDER MARK first, a NUL byte inside the body.
  std::string page =
      std::string("\xEF\xBB\xBF") + "عنوان خبر\n\nمتن" + std::string(1, '\0') + "خبر.";
  ReadResult r = ReadTextPage(page, "p.txt");
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "عنوان خبر");
  EXPECT_EQ(r.articles[0].body, "متن خبر.");
}

}  // namespace
}  // namespace kavosh::readers
