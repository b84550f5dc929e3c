#include "indexer/readers/reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "indexer/readers/html_reader.h"
#include "indexer/readers/text_page_reader.h"
#include "indexer/readers/text_util.h"

namespace kavosh::readers {
namespace {

TEST(DetectFormat, ByExtensionThenContent) {
  struct Case {
    const char* path;
    const char* head;
    Format want;
  };
  const Case kCases[] = {
      {"a/docs.jsonl", "", Format::kJsonl},
      {"docs.JSON", "", Format::kJsonl},
      {"x.ndjson", "<html>", Format::kJsonl},
      {"page.txt", "{", Format::kText},
      {"page.TEXT", "", Format::kText},
      {"p.html", "", Format::kHtml},
      {"p.htm", "", Format::kHtml},
      {"p.xhtml", "", Format::kHtml},
      {"f.xml", "", Format::kRss},
      {"f.rss", "", Format::kRss},
      {"f.atom", "", Format::kRss},
      {"noext", "  {\"id\": 1}", Format::kJsonl},
      {"noext", "\xEF\xBB\xBF{\"id\": 1}", Format::kJsonl},  // U+FEFF BYTE ORDER MARK first
      {"noext", "<?xml version=\"1.0\"?><rss>", Format::kRss},
      {"noext", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", Format::kRss},
      {"noext", "<!DOCTYPE html><html>", Format::kHtml},
      {"noext", "<div>متن</div>", Format::kHtml},
      {"noext", "رفتن به محتوای اصلی", Format::kText},
      {"noext", "", Format::kText},
      {"dir.v2/noext", "plain", Format::kText},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(DetectFormat(c.path, c.head), c.want) << c.path << " | " << c.head;
  }
}

TEST(FormatName, RoundTrips) {
  for (Format f : {Format::kAuto, Format::kJsonl, Format::kText, Format::kHtml, Format::kRss}) {
    EXPECT_EQ(ParseFormat(FormatName(f)), f);
  }
  EXPECT_FALSE(ParseFormat("pdf").has_value());
}

TEST(ReadError, ToStringIsFileLineReason) {
  EXPECT_EQ((ReadError{"in/docs.jsonl", 12, "bad JSON"}).ToString(), "in/docs.jsonl:12: bad JSON");
  EXPECT_EQ((ReadError{"x", 0, "cannot open"}).ToString(), "x:0: cannot open");
}

TEST(ReadFile, MissingFileIsOneErrorAtLineZero) {
  ReadResult r = ReadFile("/nonexistent/kavosh/file.jsonl");
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 0u);
  EXPECT_EQ(r.errors[0].file, "/nonexistent/kavosh/file.jsonl");
}

TEST(ReadFile, DirectoryIsOneError) {
  ReadResult r = ReadFile(std::filesystem::temp_directory_path().string());
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 0u);
}

TEST(ReadBuffer, DispatchesOnFileName) {
  EXPECT_EQ(ReadBuffer("{\"title\": \"عنوان\"}\n", "x.jsonl").articles.size(), 1u);
  EXPECT_EQ(ReadBuffer("<rss><channel><item><title>خبر</title></item></channel></rss>", "x.rss")
                .articles.size(),
            1u);
  EXPECT_EQ(ReadBuffer("{\"title\": \"عنوان\"}\n", "x.txt", Format::kJsonl).articles.size(), 1u);
}

TEST(ReadStream, ReadsEverything) {
  std::istringstream in("{\"title\": \"یک\"}\n\n{\"title\": \"دو\"}\nnot json\n");
  ReadResult r = ReadStream(in, "-", Format::kJsonl);
  EXPECT_EQ(r.articles.size(), 2u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 4u);
}

TEST(TextUtil, TrimSpaceRemovesUnicodeSpaces) {
  // U+00A0 NO-BREAK SPACE, U+200F RIGHT-TO-LEFT MARK, U+2003 EM SPACE.
  EXPECT_EQ(TrimSpace("\u00a0\u200f عنوان خبر\u2003\t\r"), "عنوان خبر");
  EXPECT_EQ(TrimSpace("\u00a0 \u00a0"), "");
  EXPECT_EQ(CollapseSpaces(" یک \u00a0 دو\n\nسه "), "یک دو سه");
  EXPECT_EQ(NormalizeParagraphs(" الف \r\n\r\n ب\n"), "الف\nب");
  EXPECT_EQ(CountWords("  یک دو\u00a0سه "), 3u);
  EXPECT_EQ(FirstWords("یک  دو سه چهار", 2), "یک دو");
}

TEST(TextUtil, ContentIdIsStableAndNormalized) {
  std::string id = ContentId("رئیس جمهور", "متن");
  EXPECT_EQ(id.size(), 17u);
  EXPECT_EQ(id[0], 'h');
  EXPECT_EQ(id, ContentId("رئیس جمهور", "متن"));
  // U+064A ARABIC LETTER YEH folds to U+06CC FARSI YEH, extra spaces collapse.
  EXPECT_EQ(id, ContentId("رئيس  جمهور", "متن"));
  EXPECT_NE(id, ContentId("رئیس جمهور", "متن دیگر"));
}

TEST(TextUtil, SourceIdHashesLongIds) {
  EXPECT_EQ(SourceId(" https://a.ir/1 "), "https://a.ir/1");
  std::string long_url = "https://a.ir/" + std::string(300, 'x');
  std::string id = SourceId(long_url);
  EXPECT_EQ(id.size(), 17u);
  EXPECT_EQ(id, SourceId(long_url));
}

TEST(TextUtil, SanitizeUtf8) {
  EXPECT_EQ(SanitizeUtf8(std::string("a\0b", 3)), "a b");
  EXPECT_EQ(SanitizeUtf8("a\xFF"), "a\uFFFD");  // U+FFFD REPLACEMENT CHARACTER
}

TEST(Bullets, StartsWithBulletAndStrip) {
  struct Case {
    const char* line;
    bool bullet;
    const char* stripped;
  };
  const Case kCases[] = {
      {"🔹 متن", true, "متن"},  // U+1F539 SMALL BLUE DIAMOND
      {"🔹متن", true, "متن"},
      {"🔸 متن", true, "متن"},            // U+1F538 SMALL ORANGE DIAMOND
      {"🔻متن", true, "متن"},             // U+1F53B DOWN-POINTING RED TRIANGLE
      {"▪️ متن", true, "متن"},    // U+25AA BLACK SMALL SQUARE + U+FE0F
      {"✅ متن", true, "متن"},            // U+2705 WHITE HEAVY CHECK MARK
      {"● متن", true, "متن"},            // U+25CF BLACK CIRCLE
      {"• متن", true, "متن"},            // U+2022 BULLET
      {"◀️ متن", true, "متن"},    // U+25C0 BLACK LEFT-POINTING TRIANGLE + U+FE0F
      {"✍️متن", true, "متن"},     // U+270D WRITING HAND + U+FE0F
      {"👈🏻 متن", true, "متن"},  // U+1F448 + U+1F3FB EMOJI MODIFIER FITZPATRICK TYPE-1-2
      {"- متن", true, "متن"},
      {"-متن", false, "-متن"},
      {"متن 🔹", false, "متن 🔹"},
      {"«متن»", false, "«متن»"},
      {"۱۴۰۴ متن", false, "۱۴۰۴ متن"},
      {"1. متن", false, "1. متن"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(StartsWithBullet(c.line), c.bullet) << c.line;
    if (c.bullet) {
      EXPECT_EQ(StripBullet(c.line), c.stripped) << c.line;
    }
  }
}

TEST(ResolveUrl, Table) {
  struct Case {
    const char* base;
    const char* href;
    const char* want;
  };
  const Case kCases[] = {
      {"https://a.ir/x/y.html", "https://b.ir/z", "https://b.ir/z"},
      {"https://a.ir/x/y.html", "//c.ir/z", "https://c.ir/z"},
      {"https://a.ir/x/y.html", "/z", "https://a.ir/z"},
      {"https://a.ir/x/y.html", "z.html", "https://a.ir/x/z.html"},
      {"https://a.ir", "z.html", "https://a.ir/z.html"},
      {"https://a.ir/x/?q=1/2", "z", "https://a.ir/x/z"},
      {"", "/z", "/z"},
      {"https://a.ir/", "#top", ""},
      {"https://a.ir/", "javascript:void(0)", ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(ResolveUrl(c.base, c.href), c.want) << c.base << " + " << c.href;
  }
}

TEST(StripSiteName, Table) {
  struct Case {
    const char* title;
    const char* want;
  };
  const Case kCases[] = {
      {"افتتاح پل دوم نهاوند | خبرگزاری نمونه", "افتتاح پل دوم نهاوند"},
      {"افتتاح پل دوم نهاوند - پایگاه خبری", "افتتاح پل دوم نهاوند"},
      {"خبرگزاری نمونه | افتتاح پل دوم شهر نهاوند", "خبرگزاری نمونه | افتتاح پل دوم شهر نهاوند"},
      {"بدون جداکننده", "بدون جداکننده"},
      {"دیدار استاندار - نماینده مردم همدان در مجلس شورای اسلامی و اعضای شورای شهر",
       "دیدار استاندار - نماینده مردم همدان در مجلس شورای اسلامی و اعضای شورای شهر"},
  };
  for (const Case& c : kCases) EXPECT_EQ(StripSiteName(c.title), c.want) << c.title;
}

}  // namespace
}  // namespace kavosh::readers
