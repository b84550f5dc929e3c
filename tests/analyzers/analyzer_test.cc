#include "analyzers/analyzer.h"

#include <gtest/gtest.h>

#include "analyzers/analysis_json.h"

namespace kavosh::analyzers {
namespace {

struct StemRow {
  const char* word;
  const char* stem;
};

TEST(AnalyzerTest, StemsInflectionAndProtectsWords) {
  const StemRow rows[] = {
      {"کتاب‌ها", "کتاب"},      {"کتابهایشان", "کتاب"}, {"بزرگترین", "بزرگ"},
      {"بزرگ‌تر", "بزرگ"},      {"بانک‌های", "بانک"},   {"جلسه‌ای", "جلسه"},
      {"مسئولان", "مسئول"},     {"مسئولین", "مسئول"},   {"اخبار", "خبر"},
      {"اعضای", "عضو"},         {"استان", "استان"},     {"سازمان", "سازمان"},
      {"لرستان", "لرستان"},     {"تهران", "تهران"},     {"مردم", "مردم"},
      {"ایران", "ایران"},       {"دوران", "دوران"},     {"میز", "میز"},
      {"میدان", "میدان"},       {"تنها", "تنها"},       {"استان‌ها", "استان"},
      {"می‌روند", "رفت"},       {"رفته‌اند", "رفت"},    {"بروند", "رفت"},
      {"نرود", "رفت"},          {"شرایط", "شرط"},       {"نمایندگان", "نماینده"},
      {"اجتماعی", "اجتماعی"},   {"هسته‌ای", "هسته"},    {"رود", "رود"},
      {"روند", "روند"},         {"شدید", "شدید"},       {"مانند", "مانند"},
  };
  Analyzer analyzer;
  for (const auto& row : rows) {
    auto tokens = analyzer.Analyze(row.word);
    ASSERT_EQ(tokens.size(), 1u) << row.word;
    EXPECT_EQ(tokens[0].stem, analyzer.Analyze(row.stem)[0].normalized) << "word: " << row.word;
  }
}

TEST(AnalyzerTest, OffsetsCoverTheWordAsWritten) {
  Analyzer analyzer;
  std::string text = "در بانک ها، مُحَمَّد";
  auto tokens = analyzer.Analyze(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(text.substr(tokens[1].start, tokens[1].end - tokens[1].start), "بانک ها");
  EXPECT_EQ(text.substr(tokens[2].start, tokens[2].end - tokens[2].start), "مُحَمَّد");
  EXPECT_EQ(tokens[2].normalized, "محمد");
}

TEST(AnalyzerTest, StopwordsTakeAPositionButGiveNoTerms) {
  Analyzer analyzer;
  auto tokens = analyzer.Analyze("مردم و خدمات جدید");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_FALSE(tokens[0].stopword);  // مردم is a news word, not a stopword
  EXPECT_TRUE(tokens[1].stopword);
  EXPECT_TRUE(IndexTerms(tokens[1]).empty());
  EXPECT_FALSE(tokens[2].stopword);
  EXPECT_FALSE(tokens[3].stopword);
  EXPECT_EQ(tokens[3].position, 3u);
}

TEST(AnalyzerTest, CompoundPartsTakeConsecutivePositions) {
  Analyzer analyzer;
  auto tokens = analyzer.Analyze("رئیس‌جمهور گفت");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].parts.size(), 2u);
  EXPECT_EQ(tokens[0].width, 2u);
  EXPECT_EQ(tokens[1].position, 2u);
}

TEST(AnalyzerTest, DigitsAndLettersGluedAreTwoWords) {
  Analyzer analyzer;
  auto tokens = analyzer.Analyze("ساعت ۹تا ۱۱");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].normalized, "9");
  EXPECT_TRUE(tokens[2].stopword);  // تا
}

TEST(AnalyzerTest, LatinAndNumbersStaySearchable) {
  Analyzer analyzer;
  auto tokens = analyzer.Analyze("ویروس COVID-19 در 5/12");
  std::vector<std::string> forms;
  for (auto& t : tokens) forms.push_back(t.normalized);
  EXPECT_EQ(forms, (std::vector<std::string>{"ویروس", "covid", "19", "در", "5", "12"}));
}

TEST(AnalyzerTest, JsonMatchesTheContract) {
  Analyzer analyzer;
  std::string text = "بانکها";
  auto j = AnalysisToJson(analyzer, text);
  EXPECT_EQ(j["analyzer_version"], kAnalyzerVersion);
  ASSERT_EQ(j["tokens"].size(), 1u);
  EXPECT_EQ(j["tokens"][0]["text"], text);
  EXPECT_EQ(j["tokens"][0]["start"], 0);
  EXPECT_EQ(j["tokens"][0]["end"], text.size());
  EXPECT_EQ(j["tokens"][0]["stem"], "بانک");
  auto stop = AnalysisToJson(analyzer, "از");
  EXPECT_EQ(stop["tokens"][0]["stopword"], true);
  EXPECT_FALSE(stop["tokens"][0].contains("terms"));
}

}  // namespace
}  // namespace kavosh::analyzers
