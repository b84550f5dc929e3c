#include "analyzers/normalizer.h"

#include <gtest/gtest.h>

namespace kavosh::analyzers {
namespace {

struct FoldRow {
  const char* input;
  const char* expected;
};

TEST(NormalizerTest, FoldsEveryRule) {
  const FoldRow rows[] = {
      {"علي", "علی"},                    // U+064A ARABIC LETTER YEH
      {"مصطفى", "مصطفی"},                // U+0649 ARABIC LETTER ALEF MAKSURA
      {"كتاب", "کتاب"},                  // U+0643 ARABIC LETTER KAF
      {"مدرسة", "مدرسه"},                // U+0629 ARABIC LETTER TEH MARBUTA
      {"خانۀ", "خانه"},                  // U+06C0 HEH WITH YEH ABOVE
      {"خانهٔ", "خانه"},                  // U+0654 ARABIC HAMZA ABOVE dropped
      {"۱۴۰۴", "1404"},                  // EXTENDED ARABIC-INDIC DIGITs
      {"١٤٠٤", "1404"},                  // ARABIC-INDIC DIGITs
      {"مُحَمَّد", "محمد"},                 // harakat
      {"تأمین", "تامین"},                // U+0623 ALEF WITH HAMZA ABOVE
      {"إسلام", "اسلام"},                // U+0625 ALEF WITH HAMZA BELOW
      {"آباد", "اباد"},                  // U+0622 ALEF WITH MADDA ABOVE
      {"مسؤول", "مسیول"},                // U+0624 WAW WITH HAMZA before WAW
      {"مسئول", "مسیول"},                // U+0626 YEH WITH HAMZA ABOVE
      {"مؤسسه", "موسسه"},                // U+0624 elsewhere -> WAW
      {"بـــانک", "بانک"},               // U+0640 TATWEEL
      {"با\u200Dنک", "بانک"},            // ZERO WIDTH JOINER
      {"\u200Fبانک\u200E", "بانک"},      // RLM, LRM
      {"\u202Bبانک\u202C", "بانک"},      // RLE, PDF
      {"\uFEFFبانک", "بانک"},            // BYTE ORDER MARK
      {"بانک\u00A0ملی", "بانک ملی"},     // NO-BREAK SPACE
      {"🔹\uFE0Fخبر", "🔹خبر"},           // VARIATION SELECTOR-16
      {"\uFEFB", "لا"},                  // ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM
      {"\uFEE3\uFEE0\uFEF2", "ملی"},     // presentation forms of meem, lam, yeh
      {"ICT Covid", "ict covid"},        // Latin case folding
      {"می\u200Cشود", "می\u200Cشود"},    // ZWNJ kept by Fold
  };
  for (const auto& row : rows) {
    EXPECT_EQ(NormalizeText(row.input), row.expected) << "input: " << row.input;
  }
}

TEST(NormalizerTest, OffsetsPointIntoTheOriginal) {
  std::string text = "مُحَمَّد";
  FoldedText folded = Fold(text);
  ASSERT_EQ(folded.text.size(), 4u);
  EXPECT_EQ(folded.start.front(), 0u);
  EXPECT_EQ(folded.end.back(), text.size());
  EXPECT_EQ(folded.start[1], 4u);  // heh follows meem and its damma (2 + 2 bytes)
}

TEST(NormalizerTest, KeysCollapseSpacesAndZwnj) {
  EXPECT_EQ(NormalizeKey("  خرم\u200Cآباد   لرستان "), "خرماباد لرستان");
  EXPECT_EQ(NormalizeKey("سازمان  صنعت،\tمعدن"), "سازمان صنعت، معدن");
}

TEST(NormalizerTest, InvalidUtf8BecomesSpaces) {
  std::string bad = "ab\xFF\xFE" "cd";
  EXPECT_EQ(NormalizeText(bad), "ab  cd");
  EXPECT_FALSE(IsValidUtf8(bad));
  EXPECT_TRUE(IsValidUtf8("بانک"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a lone surrogate encoded in UTF-8
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
}

}  // namespace
}  // namespace kavosh::analyzers
