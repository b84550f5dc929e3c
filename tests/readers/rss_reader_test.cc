#include "indexer/readers/rss_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "readers_test_util.h"
#include "test_time.h"

namespace kavosh::readers {
namespace {

using testing::Fixture;
using testing::Titles;

TEST(Rss, Rss2Items) {
  ReadResult r = ReadFeed(Fixture("feed_rss2.xml"), "f.xml");
  ASSERT_EQ(r.articles.size(), 3u);
  const schema::Article& a = r.articles[0];
  EXPECT_EQ(a.title,
            "بهره‌برداری از تصفیه‌خانه فاضلاب شهر لالجین");
  EXPECT_EQ(a.id, "dasht-5001");  // guid
  EXPECT_EQ(a.url, "https://dasht.example.com/news/5001");
  EXPECT_EQ(a.published, "Sat, 26 Apr 2025 08:15:00 +0330");
  EXPECT_EQ(a.category, "عمرانی");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"لالجین"}));
  EXPECT_EQ(a.source, "پایگاه خبری دشت");
  EXPECT_EQ(a.origin, "f.xml:7");
  EXPECT_EQ(a.body,
            "تصفیه‌خانه فاضلاب شهر لالجین با ظرفیت چهار هزار مترمکعب در "
            "شبانه‌روز "
            "به "
            "بهره‌برداری "
            "رسید.\nاین طرح بیست هزار نفر از ساکنان شهر را پوشش "
            "می‌دهد.");
  // content:encoded wins over description; no guid: the link is the id; dc:date.
  EXPECT_EQ(r.articles[1].id, "https://dasht.example.com/news/5002");
  EXPECT_EQ(r.articles[1].published, "2025-04-27T10:00:00+03:30");
  EXPECT_EQ(r.articles[1].body,
            "جلسه شورای ترافیک شهرستان بهار به ریاست فرماندار برگزار شد.\nدر این جلسه "
            "ایمن‌سازی تقاطع‌های ورودی شهر بررسی شد.");
  // Character references decoded; no guid, no link: a content hash.
  EXPECT_EQ(r.articles[2].title, "Tom & Jerry سلام");
  EXPECT_EQ(r.articles[2].id.size(), 17u);
  // The empty item is a rejected record.
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 28u);
}

TEST(Rss, AtomEntries) {
  ReadResult r = ReadFeed(Fixture("feed_atom.xml"), "a.xml");
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.articles.size(), 3u);
  EXPECT_EQ(
      Titles(r.articles),
      (std::vector<std::string>{"افتتاح کتابخانه محله", "پاکسازی بستر رودخانه", "اطلاعیه قطع آب"}));
  EXPECT_EQ(r.articles[0].id, "tag:shahr.example.org,2025:61");
  EXPECT_EQ(r.articles[0].url, "https://shahr.example.org/n/61");  // rel=alternate, not edit
  EXPECT_EQ(r.articles[0].published, "2025-04-30T09:00:00+03:30");
  EXPECT_EQ(r.articles[0].category, "فرهنگی");
  EXPECT_EQ(r.articles[0].body,
            "کتابخانه محله با سه هزار جلد کتاب افتتاح شد.\nساعت کار آن از نه صبح است.");
  EXPECT_EQ(r.articles[1].published, "2025-05-01T08:00:00+03:30");  // updated
  EXPECT_EQ(r.articles[1].body,
            "بستر رودخانه شهر با مشارکت داوطلبان پاکسازی شد.\nبیش از دو تن زباله "
            "جمع‌آوری "
            "شد.");
  EXPECT_EQ(r.articles[2].body,
            "آب محله‌های شمالی فردا از ساعت ده تا چهارده قطع است.\nلطفاً آب مورد نیاز "
            "را "
            "ذخیره "
            "کنید.");
  EXPECT_EQ(r.articles[2].source, "خبرنامه شهر نمونه");
}

TEST(Rss, TruncatedFeedKeepsEarlierItemsAndReportsOnce) {
  ReadResult r = ReadFeed(Fixture("feed_truncated.xml"), "t.xml");
  ASSERT_GE(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].title, "خبر سالم نخست");
  EXPECT_EQ(r.articles[1].title, "خبر سالم دوم");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_GE(r.errors[0].line, 17u);
  EXPECT_NE(r.errors[0].reason.find("malformed XML"), std::string::npos);
}

TEST(Rss, MismatchedTagReportsItsLine) {
  std::string feed =
      "<rss><channel>\n"
      "<item><title>یک</title></item>\n"
      "<item><title>دو</titel></item>\n"
      "<item><title>سه</title></item>\n"
      "</channel></rss>\n";
  ReadResult r = ReadFeed(feed, "m.xml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3u);
  ASSERT_GE(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "یک");
}

TEST(Rss, ExternalEntitiesAreNeverLoaded) {
  std::string feed =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
      "<rss><channel><item><title>خبر &xxe;</title><description>متن</description></item>"
      "</channel></rss>";
  ReadResult r = ReadFeed(feed, "x.xml");
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title.find("root:"), std::string::npos);
  EXPECT_EQ(r.articles[0].title, "خبر");
}

TEST(Rss, BillionLaughsIsNotExpanded) {
  std::string feed = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n";
  feed += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    std::string prev = "&lol" + std::to_string(i - 1) + ";";
    feed += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) feed += prev;
    feed += "\">\n";
  }
  feed += "]>\n<rss><channel><item><title>عنوان &lol9;</title></item></channel></rss>\n";
  auto start = std::chrono::steady_clock::now();
  ReadResult r = ReadFeed(feed, "b.xml");
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, kavosh::testing::Scaled(5.0));
  for (const auto& a : r.articles) EXPECT_LT(a.title.size(), 1000u);
}

TEST(Rss, NotAFeedAndEmpty) {
  ReadResult r = ReadFeed("<?xml version=\"1.0\"?>\n<catalog><book/></catalog>", "c.xml");
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].reason.find("not an RSS or Atom feed"), std::string::npos);
  EXPECT_TRUE(ReadFeed("", "e.xml").errors.empty());
  EXPECT_EQ(ReadFeed("not xml at all", "n.xml").errors.size(), 1u);
}

TEST(Rss, InvalidUtf8IsReportedButItemsKept) {
  std::string feed =
      "<rss><channel>\n<item><title>خوب</title></item>\n<item><title>بد "
      "\xFF</title></item>\n</channel></rss>";
  ReadResult r = ReadFeed(feed, "u.xml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3u);
  EXPECT_EQ(r.articles.size(), 2u);
}

}  // namespace
}  // namespace kavosh::readers
