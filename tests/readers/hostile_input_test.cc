// Every reader on hostile input: no exception, no crash, a bounded result.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "indexer/readers/reader.h"
#include "test_time.h"

namespace kavosh::readers {
namespace {

struct Hostile {
  std::string name;
  std::string data;
};

std::vector<Hostile> HostileInputs() {
  std::string nested_html;
  for (int i = 0; i < 100000; ++i) nested_html += "<div>";
  nested_html += "<p>عمیق</p>";
  std::string nested_xml = "<rss><channel><item><title>t</title><description>";
  for (int i = 0; i < 100000; ++i) nested_xml += "<a>";
  nested_xml += "x</description></item></channel></rss>";
  std::string nested_json(100000, '[');
  std::string random_bytes;
  uint32_t state = 12345;
  for (int i = 0; i < 200000; ++i) {
    state = state * 1103515245u + 12345u;
    random_bytes.push_back(static_cast<char>(state >> 24));
  }
  return {
      {"empty", ""},
      {"only newlines", std::string(1000, '\n')},
      {"NUL bytes", std::string(1000, '\0')},
      {"NUL inside text", std::string("<p>a\0b</p>\n{\"title\":\"a\"}\nمتن\0متن.", 37)},
      {"invalid UTF-8", "\xFF\xFE\xC3\x28\xA0\xA1\xE2\x28\xA1\xF0\x28\x8C\xBC\n\xED\xA0\x80"},
      {"10 MB line", std::string(10u << 20, 'x')},
      {"10 MB of Persian words",
       [] {
         std::string s;
         while (s.size() < (10u << 20)) s += "کلمه ";
         return s;
       }()},
      {"deeply nested HTML", nested_html},
      {"deeply nested XML", nested_xml},
      {"deeply nested JSON", nested_json},
      {"random bytes", random_bytes},
      {"many short lines",
       [] {
         std::string s;
         for (int i = 0; i < 100000; ++i) s += "عکس\n";
         return s;
       }()},
      {"only emoji bullets",
       [] {
         std::string s;
         for (int i = 0; i < 10000; ++i) s += "🔹\n\n";
         return s;
       }()},
  };
}

TEST(HostileInput, NoReaderThrowsOrHangs) {
  for (const Hostile& h : HostileInputs()) {
    for (Format f : {Format::kAuto, Format::kJsonl, Format::kText, Format::kHtml, Format::kRss}) {
      SCOPED_TRACE(h.name + " as " + std::string(FormatName(f)));
      auto start = std::chrono::steady_clock::now();
      ReadResult r;
      EXPECT_NO_THROW(r = ReadBuffer(h.data, "h", f));
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      EXPECT_LT(seconds, kavosh::testing::Scaled(20.0));
      EXPECT_LE(r.articles.size(), h.data.size() + 1);
      for (const ReadError& e : r.errors) EXPECT_FALSE(e.reason.empty());
    }
  }
}

}  // namespace
}  // namespace kavosh::readers
