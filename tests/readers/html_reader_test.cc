#include "indexer/readers/html_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "indexer/readers/dom.h"
#include "readers_test_util.h"

namespace kavosh::readers {
namespace {

using testing::Fixture;
using testing::Titles;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(HtmlArticle, SemanticPage) {
  ReadResult r = ReadHtml(Fixture("article_semantic.html"), "a.html");
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.articles.size(), 1u);
  const schema::Article& a = r.articles[0];
  EXPECT_EQ(a.title, "بازدید استاندار از طرح آبرسانی روستاهای اسدآباد");
  EXPECT_EQ(a.url, "https://news.example.ir/fa/news/1001/");
  EXPECT_EQ(a.id, a.url);
  EXPECT_EQ(a.published, "2025-04-26T09:30:00+03:30");
  EXPECT_EQ(a.source, "خبرگزاری نمونه");
  EXPECT_EQ(a.category, "استانی");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"آبرسانی", "اسدآباد"}));
  EXPECT_EQ(a.origin, "a.html:22");
  EXPECT_EQ(a.body,
            "استاندار همدان صبح امروز از روند اجرای طرح آبرسانی به بیست و دو روستای شهرستان "
            "اسدآباد بازدید کرد.\n"
            "این طرح با اعتبار سیصد میلیارد ریال اجرا می‌شود و آب شرب پایدار "
            "نزدیک "
            "به "
            "دوازده "
            "هزار نفر را تأمین خواهد کرد.\n"
            "استاندار در این بازدید بر تکمیل خط انتقال پیش از فصل تابستان تأکید کرد.");
}

TEST(HtmlArticle, DivLayoutByTextDensity) {
  ReadResult r = ReadHtml(Fixture("article_div.html"), "d.html");
  ASSERT_EQ(r.articles.size(), 1u);
  const schema::Article& a = r.articles[0];
  EXPECT_EQ(a.title, "برگزاری کارگاه آموزشی ایمنی معادن در ملایر");  // <title> minus site name
  EXPECT_EQ(a.url, "http://dasht.example.com/news/2002");
  EXPECT_EQ(a.published, "1404/02/07");
  EXPECT_EQ(std::count(a.body.begin(), a.body.end(), '\n'), 3) << a.body;  // <br> splits
  for (const char* boilerplate : {"خبر مرتبط", "آخرین اخبار", "تبلیغات", "درباره ما", "نشانی"}) {
    EXPECT_FALSE(Contains(a.body, boilerplate)) << boilerplate;
  }
}

TEST(HtmlArticle, Windows1256PageWithoutParagraphs) {
  ReadResult r = ReadHtml(Fixture("article_old_cp1256.html"), "o.html");
  ASSERT_EQ(r.articles.size(), 1u);
  const schema::Article& a = r.articles[0];
  // U+064A ARABIC LETTER YEH: windows-1256 has no U+06CC FARSI YEH.
  EXPECT_EQ(a.title, "اهداي خون توسط کارکنان شهرداري تويسرکان");
  EXPECT_TRUE(Contains(a.body, "ذخاير خوني استان")) << a.body;
  EXPECT_FALSE(Contains(a.body, "آرشيو"));
  EXPECT_FALSE(Contains(a.body, a.title)) << "title repeated in body";
  EXPECT_EQ(a.id.size(), 17u);  // no URL: content hash
}

TEST(HtmlListing, CardsWithBaseHref) {
  ReadResult r = ReadHtml(Fixture("listing_cards.html"), "l.html");
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.articles.size(), 4u);
  EXPECT_EQ(
      Titles(r.articles),
      (std::vector<std::string>{
          "آغاز ثبت‌نام کلاس‌های تابستانی کانون پرورش "
          "فکری",
          "برداشت گل محمدی در باغ‌های نهاوند",
          "مرمت خانه تاریخی قاجاری در همدان", "تشکیل کارگروه سلامت و امنیت غذایی شهرستان رزن"}));
  EXPECT_EQ(r.articles[0].url, "https://dasht.example.com/news/3001");
  EXPECT_EQ(r.articles[1].url, "https://dasht.example.com/province/news/3002");
  EXPECT_EQ(r.articles[1].published, "2025-05-02");
  EXPECT_EQ(r.articles[1].body,
            "برداشت گل محمدی از سیصد هکتار باغ شهرستان نهاوند آغاز شد و پیش‌بینی "
            "می‌شود "
            "نهصد "
            "تن "
            "گل برداشت شود.");
  EXPECT_EQ(r.articles[1].origin, "l.html:16");
  EXPECT_EQ(r.articles[1].source, "پایگاه خبری دشت");
}

TEST(HtmlListing, ListItemsResolvedAgainstCanonical) {
  ReadResult r = ReadHtml(Fixture("listing_ul.html"), "u.html");
  ASSERT_EQ(r.articles.size(), 3u);
  EXPECT_EQ(r.articles[0].url, "https://shahr.example.org/archive/item-41.html");
  EXPECT_EQ(r.articles[2].url, "https://shahr.example.org/other/item-43.html");
  EXPECT_EQ(r.articles[0].published, "1404-02-10");
  EXPECT_EQ(
      r.articles[0].body,
      "پارک ویژه بانوان محله شهرک مدرس با مساحت دو هکتار و امکانات ورزشی روز گذشته افتتاح شد.");
  for (const auto& a : r.articles) EXPECT_FALSE(Contains(a.title, "پربازدید"));
}

TEST(HtmlArticle, SmallPages) {
  struct Case {
    const char* name;
    std::string html;
    std::string title;
    std::string body;
  };
  const std::vector<Case> kCases = {
      {"h1 beats title tag", "<title>برچسب | سایت</title><h1>عنوان اصلی</h1><p>متن</p>",
       "عنوان اصلی", "متن"},
      {"title tag only", "<title>خبر کوتاه - سایت</title><p>متن</p>", "خبر کوتاه", "متن"},
      {"no charset defaults to UTF-8", "<p>سلام دنیا</p>", "", "سلام دنیا"},
      {"entities decoded", "<h1>A &amp; B</h1><p>&laquo;نقل&raquo;&nbsp;قول</p>", "A & B",
       "«نقل» قول"},
      {"unclosed tags recovered", "<h1>عنوان<p>بند یک<p>بند دو", "عنوان", "بند یک\nبند دو"},
      {"script and style dropped", "<h1>ع</h1><script>x()</script><style>p{}</style><p>م</p>", "ع",
       "م"},
  };
  for (const Case& c : kCases) {
    ReadResult r = ReadHtml(c.html, "s.html");
    ASSERT_EQ(r.articles.size(), 1u) << c.name;
    EXPECT_EQ(r.articles[0].title, c.title) << c.name;
    EXPECT_EQ(r.articles[0].body, c.body) << c.name;
  }
}

TEST(HtmlArticle, EmptyAndTextlessPages) {
  EXPECT_TRUE(ReadHtml("", "e.html").articles.empty());
  EXPECT_TRUE(ReadHtml("", "e.html").errors.empty());
  EXPECT_TRUE(ReadHtml(" \n ", "e.html").errors.empty());
  ReadResult r = ReadHtml("<html><body><script>x()</script></body></html>", "t.html");
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].ToString(), "t.html:1: no article found in the page");
}

TEST(HtmlToParagraphs, FragmentsAndPlainText) {
  EXPECT_EQ(HtmlToParagraphs("<p>یک</p><p>دو <b>سه</b></p>"),
            (std::vector<std::string>{"یک", "دو سه"}));
  EXPECT_EQ(HtmlToParagraphs("خط یک\n\n خط دو "), (std::vector<std::string>{"خط یک", "خط دو"}));
  EXPECT_TRUE(HtmlToParagraphs("").empty());
}

TEST(SniffHtmlCharset, Table) {
  EXPECT_EQ(SniffHtmlCharset("<meta charset=\"UTF-8\">"), "utf-8");
  EXPECT_EQ(SniffHtmlCharset(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">"),
            "windows-1256");
  EXPECT_EQ(SniffHtmlCharset("<p>no charset</p>"), "");
}

}  // namespace
}  // namespace kavosh::readers
