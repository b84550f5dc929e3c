#include "indexer/readers/jsonl_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "indexer/readers/text_util.h"

namespace kavosh::readers {
namespace {

TEST(JsonlLine, Table) {
  struct Case {
    std::string line;
    std::string error;  // substring of the expected error; empty: accepted or blank
    std::string id;     // expected id when accepted ("" = don't check)
    std::string title;
    std::string body;
  };
  const std::vector<Case> kCases = {
      {R"({"id":"a1","title":" عنوان ","body":"متن"})", "", "a1", "عنوان", "متن"},
      {R"({"id":42,"title":"عنوان"})", "", "42", "عنوان", ""},
      {R"({"id":-7,"title":"عنوان"})", "", "-7", "عنوان", ""},
      {R"({"id":1.5,"title":"عنوان"})", "", "1.5", "عنوان", ""},
      {R"({"id":null,"title":"عنوان","body":"متن"})", "", ContentId("عنوان", "متن"), "عنوان",
       "متن"},
      {R"({"body":"فقط متن"})", "", ContentId("", "فقط متن"), "", "فقط متن"},
      {R"({"title":"عنوان","body":" خط یک \r\n\n خط دو "})", "", "", "عنوان", "خط یک\nخط دو"},
      {R"({"title":"عنوان\nدوخطی"})", "", "", "عنوان دوخطی", ""},
      {"{\"title\":\"a\"}\r", "", "", "a", ""},
      {"", "", "", "", ""},
      {"   \t ", "", "", "", ""},
      {R"({"id":"x","url":"u"})", "neither title nor body", "", "", ""},
      {R"({"title":"  ","body":null})", "neither title nor body", "", "", ""},
      {R"({"title":["x"]})", "neither title nor body", "", "", ""},
      {R"([1,2])", "not a JSON object", "", "", ""},
      {R"("str")", "not a JSON object", "", "", ""},
      {R"({"title":"a",})", "bad JSON", "", "", ""},
      {R"({"title":"a")", "bad JSON", "", "", ""},
      {"{\"title\":\"\xFF\"}", "invalid UTF-8", "", "", ""},
      {"{\"title\":\"\xD8\"}", "invalid UTF-8", "", "", ""},
      {std::string(100, '[') + std::string(100, ']'), "nested deeper", "", "", ""},
  };
  for (const Case& c : kCases) {
    JsonlLine r = ParseJsonlLine(c.line, "f.jsonl:1");
    if (!c.error.empty()) {
      EXPECT_FALSE(r.article.has_value()) << c.line;
      EXPECT_NE(r.error.find(c.error), std::string::npos) << c.line << " -> " << r.error;
      continue;
    }
    EXPECT_TRUE(r.error.empty()) << c.line << " -> " << r.error;
    if (c.title.empty() && c.body.empty()) {
      EXPECT_FALSE(r.article.has_value()) << c.line;
      continue;
    }
    ASSERT_TRUE(r.article.has_value()) << c.line;
    if (!c.id.empty()) {
      EXPECT_EQ(r.article->id, c.id) << c.line;
    }
    EXPECT_EQ(r.article->title, c.title) << c.line;
    EXPECT_EQ(r.article->body, c.body) << c.line;
    EXPECT_EQ(r.article->origin, "f.jsonl:1");
  }
}

TEST(JsonlLine, AllFields) {
  JsonlLine r = ParseJsonlLine(
      R"({"id":"n-1","url":"https://a.ir/1","title":"ت","body":"ب","published":"1404/02/05",)"
      R"("source":"همشهری","category":"استانی","tags":["الف"," ب ",7,null,"الف"],"extra":1})",
      "x:3");
  ASSERT_TRUE(r.article.has_value());
  const schema::Article& a = *r.article;
  EXPECT_EQ(a.url, "https://a.ir/1");
  EXPECT_EQ(a.published, "1404/02/05");
  EXPECT_EQ(a.source, "همشهری");
  EXPECT_EQ(a.category, "استانی");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"الف", "ب", "7"}));
}

TEST(JsonlLine, TagsAsCommaString) {
  // U+060C ARABIC COMMA separates too.
  JsonlLine r = ParseJsonlLine(R"({"title":"t","tags":"اقتصاد، بانک ,  , لرستان"})", "x:1");
  ASSERT_TRUE(r.article.has_value());
  EXPECT_EQ(r.article->tags, (std::vector<std::string>{"اقتصاد", "بانک", "لرستان"}));
}

TEST(JsonlLine, NulEscapeBecomesSpace) {
  JsonlLine r = ParseJsonlLine(R"({"title":"a\u0000b"})", "x:1");
  ASSERT_TRUE(r.article.has_value());
  EXPECT_EQ(r.article->title, "a b");
}

TEST(JsonlLine, IdWithoutSourceIsStable) {
  JsonlLine a = ParseJsonlLine(R"({"title":"عنوان","body":"متن"})", "x:1");
  JsonlLine b = ParseJsonlLine(R"({"body":"متن","title":"عنوان"})", "y:9");
  ASSERT_TRUE(a.article && b.article);
  EXPECT_EQ(a.article->id, b.article->id);
  EXPECT_EQ(a.article->id.size(), 17u);
}

struct Collected {
  std::vector<schema::Article> articles;
  std::vector<ReadError> errors;
};

Collected Stream(const std::string& data, const JsonlOptions& options = {}) {
  Collected out;
  std::istringstream in(data);
  ReadJsonlStream(
      in, "s.jsonl", [&](schema::Article&& a) { out.articles.push_back(std::move(a)); },
      [&](ReadError&& e) { out.errors.push_back(std::move(e)); }, options);
  return out;
}

TEST(JsonlStream, ReportsLineNumbersAndKeepsGoing) {
  std::string data =
      "{\"title\":\"یک\"}\n"
      "\n"
      "oops\n"
      "{\"title\":\"\xC3\"}\n"
      "[]\n"
      "{\"title\":\"دو\"}";  // no final newline
  Collected c = Stream(data);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].origin, "s.jsonl:1");
  EXPECT_EQ(c.articles[1].origin, "s.jsonl:6");
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_EQ(c.errors[0].line, 3u);
  EXPECT_EQ(c.errors[1].line, 4u);
  EXPECT_EQ(c.errors[1].reason, "invalid UTF-8");
  EXPECT_EQ(c.errors[2].line, 5u);
  EXPECT_EQ(c.errors[0].file, "s.jsonl");
}

TEST(JsonlStream, OverlongLineIsSkippedUnread) {
  JsonlOptions options;
  options.max_line_bytes = 1000;  // same code path as the 16 MB default, smaller input
  std::string big = "{\"title\":\"" + std::string(200000, 'x') + "\"}";
  Collected c = Stream("{\"title\":\"a\"}\n" + big + "\n{\"title\":\"b\"}\n", options);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[1].origin, "s.jsonl:3");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_NE(c.errors[0].reason.find("longer than 1000"), std::string::npos);
}

TEST(JsonlStream, DefaultLimitIs16MB) {
  std::string big = "{\"title\":\"" + std::string((size_t{16} << 20) + 10, 'x') + "\"}";
  Collected c = Stream(big + "\n{\"title\":\"b\"}\n");
  EXPECT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 1u);
}

TEST(JsonlStream, EmptyInput) {
  Collected c = Stream("");
  EXPECT_TRUE(c.articles.empty());
  EXPECT_TRUE(c.errors.empty());
}

TEST(ReadJsonl, BufferMatchesStream) {
  std::string data = "{\"title\":\"a\"}\r\n\r\nbad\r\n{\"body\":\"b\"}\r\n";
  ReadResult r = ReadJsonl(data, "s.jsonl");
  Collected c = Stream(data);
  ASSERT_EQ(r.articles.size(), c.articles.size());
  for (size_t i = 0; i < r.articles.size(); ++i) {
    EXPECT_EQ(r.articles[i].id, c.articles[i].id);
    EXPECT_EQ(r.articles[i].origin, c.articles[i].origin);
  }
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3u);
}

}  // namespace
}  // namespace kavosh::readers
