#include "analyzers/stemmer.h"

#include <gtest/gtest.h>

#include "analyzers/analyzer.h"
#include "analyzers/normalizer.h"

namespace kavosh::analyzers {
namespace {

struct StemRow {
  const char* word;
  const char* stem;
};

// Runs each row's word through the analyzer (one token) and compares its stem with the
// normalised expected stem.
void ExpectStems(const StemRow* begin, const StemRow* end) {
  Analyzer analyzer;
  for (const StemRow* row = begin; row != end; ++row) {
    auto tokens = analyzer.Analyze(row->word);
    ASSERT_EQ(tokens.size(), 1u) << "word: " << row->word;
    EXPECT_EQ(tokens[0].stem, RemoveZwnj(NormalizeText(row->stem))) << "word: " << row->word;
  }
}

TEST(StemmerTest, VerbFormsMapToThePastStem) {
  const StemRow rows[] = {
      // past, participle and perfect
      {"رفتند", "رفت"},
      {"رفته", "رفت"},
      {"رفته‌اند", "رفت"},
      {"نرفت", "رفت"},
      {"نرفته‌اند", "رفت"},
      {"می‌رفتند", "رفت"},
      {"کردند", "کرد"},
      {"شده", "شد"},
      {"نشده", "شد"},
      {"گفته‌اند", "گفت"},
      // present with and without prefixes
      {"می‌روند", "رفت"},
      {"میروند", "رفت"},
      {"می روند", "رفت"},
      {"بروند", "رفت"},
      {"نرود", "رفت"},
      {"نمی‌رود", "رفت"},
      {"می‌شود", "شد"},
      {"شود", "شد"},
      {"کند", "کرد"},
      {"می‌کنند", "کرد"},
      {"دارد", "داشت"},
      {"ندارند", "داشت"},
      {"می‌گوید", "گفت"},
      {"بگویند", "گفت"},
      {"می‌دهد", "داد"},
      {"می‌تواند", "توانست"},
      {"می‌توان", "توانست"},
      {"نمی‌توان", "توانست"},
      {"خواهد", "خواست"},
      {"باشند", "بود"},
      // stems beginning with alef: a glide yeh after ب / ن
      {"می‌آید", "آمد"},
      {"بیاید", "آمد"},
      {"نیامد", "آمد"},
      {"بیاورند", "آورد"},
      {"بیفتد", "افتاد"},
      {"بیافتد", "افتاد"},
      {"بیندازد", "انداخت"},
      {"بایستد", "ایستاد"},
      // infinitives
      {"رفتن", "رفت"},
      {"کردن", "کرد"},
  };
  ExpectStems(std::begin(rows), std::end(rows));
}

TEST(StemmerTest, VerbLookAlikesStayWords) {
  const StemRow rows[] = {
      {"رود", "رود"},       // river, not رو + د
      {"روند", "روند"},     // trend
      {"مانند", "مانند"},   // like
      {"برند", "برند"},     // brand
      {"نبرد", "نبرد"},     // battle, not ن + برد
      {"نشست", "نشست"},     // a past stem, not ن + شست
      {"شدید", "شدید"},     // severe
      {"بدهی", "بدهی"},     // debt
      {"دهم", "دهم"},       // tenth
      {"مردم", "مردم"},     // people
      {"نیستند", "نیست"},   // not ن + ایست + ند
      {"کشید", "کشید"},     // past stem of کشیدن, not کش + ید of کشتن
      {"گردید", "گردید"},
  };
  ExpectStems(std::begin(rows), std::end(rows));
}

TEST(StemmerTest, SuffixesComeOffInOrder) {
  const StemRow rows[] = {
      {"کتاب‌هایشان", "کتاب"},
      {"بزرگ‌ترین", "بزرگ"},
      {"بزرگانی", "بزرگ"},           // plural + indefinite
      {"دانشجویان", "دانشجو"},       // یان after a vowel
      {"نمایندگان", "نماینده"},      // گان of a word in heh
      {"مطالعات", "مطالعه"},         // ات replacing heh
      {"هسته‌ای", "هسته"},           // not هست + های
      {"منطقه‌ای", "منطقه"},
      {"روزهای", "روز"},
      {"شورای", "شورا"},             // ezafe after alef
      {"سفرای", "سفیر"},             // broken plural + ezafe
      {"زندگی‌اش", "زندگی"},
      {"جلسه‌اش", "جلسه"},
      {"مردمان", "مردم"},            // not مرد + مان
  };
  ExpectStems(std::begin(rows), std::end(rows));
}

TEST(StemmerTest, WordsThatLookInflectedStayWhole) {
  const StemRow rows[] = {
      {"اجتماعی", "اجتماعی"},    // relational yeh makes a new word
      {"روحانی", "روحانی"},
      {"تجاری", "تجاری"},
      {"اتهام", "اتهام"},        // not اته + ام
      {"برجام", "برجام"},
      {"کیلومتر", "کیلومتر"},    // not a comparative
      {"دکتر", "دکتر"},
      {"بیشتر", "بیشتر"},
      {"اولین", "اولین"},
      {"بحرین", "بحرین"},
      {"ماشین", "ماشین"},
      {"پزشکیان", "پزشکیان"},
      {"دارای", "دارای"},
      {"بهای", "بها"},           // بها + ezafe, not به + ای
      {"خامنه‌ای", "خامنه‌ای"},
  };
  ExpectStems(std::begin(rows), std::end(rows));
}

}  // namespace
}  // namespace kavosh::analyzers
