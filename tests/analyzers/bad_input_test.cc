// Hostile input: a defined result, never a crash or an exception.
#include <string>

#include <gtest/gtest.h>

#include "analyzers/analysis_json.h"
#include "analyzers/analyzer.h"

namespace kavosh::analyzers {
namespace {

TEST(BadInputTest, InvalidUtf8IsASeparator) {
  Analyzer analyzer;
  auto tokens = analyzer.Analyze("بانک\xFF\xFEملی");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].normalized, "بانک");
  EXPECT_EQ(tokens[1].normalized, "ملی");
  EXPECT_NO_THROW(AnalysisToJson(analyzer, "\xC3\x28 \xE2\x82").dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

TEST(BadInputTest, LoneSurrogatesAndNulBytes) {
  Analyzer analyzer;
  std::string text = std::string("الف\xED\xA0\x80") + std::string(1, '\0') + "ب";
  auto tokens = analyzer.Analyze(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].normalized, "ب");
}

TEST(BadInputTest, TenMegabytesOfOneWordIsDropped) {
  Analyzer analyzer;
  std::string huge;
  for (int i = 0; i < 5 * 1024 * 1024; ++i) huge += "ب";  // 10 MB, one word
  auto tokens = analyzer.Analyze(huge + " جلسه");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].normalized, "جلسه");
}

TEST(BadInputTest, OnlyPunctuationOrEmojiGivesNoTokens) {
  Analyzer analyzer;
  EXPECT_TRUE(analyzer.Analyze("!!! ؟؟ ... ،،، «»").empty());
  EXPECT_TRUE(analyzer.Analyze("🔹🔻✅😀").empty());
  EXPECT_TRUE(analyzer.Analyze("").empty());
  EXPECT_TRUE(analyzer.Analyze("\u200C\u200C\u200C").empty());
}

TEST(BadInputTest, StrayAffixesAreStopwords) {
  Analyzer analyzer;
  auto tokens = analyzer.Analyze("ها . می");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_TRUE(tokens[0].stopword);
  EXPECT_TRUE(tokens[1].stopword);
}

}  // namespace
}  // namespace kavosh::analyzers
