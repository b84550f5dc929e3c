// How analysed text becomes Xapian terms (analyzers/xapian_terms.h): a word that is its
// own stem has one term, its stem term, which holds its positions; other forms keep
// their exact term with positions beside their stem term.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "analyzers/analyzer.h"
#include "analyzers/xapian_terms.h"

namespace kavosh::analyzers {
namespace {

struct TermInfo {
  Xapian::termcount wdf = 0;
  std::vector<Xapian::termpos> positions;
};

std::map<std::string, TermInfo> Terms(const Xapian::Document& doc) {
  std::map<std::string, TermInfo> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    TermInfo& info = out[*t];
    info.wdf = t.get_wdf();
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) info.positions.push_back(*p);
  }
  return out;
}

TEST(XapianTermsTest, AWordThatIsItsOwnStemHasOnlyItsStemTerm) {
  Analyzer analyzer;
  ASSERT_EQ(analyzer.Stem("بانک"), "بانک");
  ASSERT_EQ(analyzer.Stem("بانکها"), "بانک");
  Xapian::Document doc;
  // Positions: بانک 1, و 2 (stopword), بانک‌ها 3, در 4 (stopword), بانک 5.
  IndexText(analyzer, "بانک و بانک‌ها در بانک", "", 1, 1, &doc);
  std::map<std::string, TermInfo> terms = Terms(doc);
  EXPECT_EQ(terms.count("بانک"), 0u) << "the exact term would repeat Zبانک";
  ASSERT_EQ(terms.count("Zبانک"), 1u);
  EXPECT_EQ(terms["Zبانک"].wdf, 3u) << "every form of the stem";
  EXPECT_EQ(terms["Zبانک"].positions, (std::vector<Xapian::termpos>{1, 5}))
      << "only the occurrences of the form that is its own stem";
  ASSERT_EQ(terms.count("بانکها"), 1u);
  EXPECT_EQ(terms["بانکها"].positions, (std::vector<Xapian::termpos>{3}));

  std::vector<Token> tokens = analyzer.Analyze("بانک بانک‌ها");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(IndexTerms(tokens[0]), (std::vector<std::string>{"Zبانک"}));
  EXPECT_EQ(IndexTerms(tokens[1]), (std::vector<std::string>{"بانکها", "Zبانک"}));
  EXPECT_EQ(PositionalTerm("بانک", "بانک", "S"), "ZSبانک");
  EXPECT_EQ(PositionalTerm("بانکها", "بانک", "S"), "Sبانکها");
}

// Over real-looking text, in the body and the title prefix: no exact term is its own
// stem, every stem term of such a form has positions, and each occurrence of a word is
// found at its position through its positional term.
TEST(XapianTermsTest, EveryOccurrenceIsFoundAtItsPositionThroughOneTerm) {
  Analyzer analyzer;
  const std::string text =
      "جلسه شورای هماهنگی بانک‌های استان با حضور معاون استاندار و رئیس‌جمهور در خرم‌آباد "
      "برگزار شد و بانک‌ها برنامه‌ریزی سرمایه‌گذاری کردند؛ جلسه بعدی در بروجرد است.";
  for (const std::string prefix : {"", "S"}) {
    SCOPED_TRACE("prefix '" + prefix + "'");
    Xapian::Document doc;
    IndexText(analyzer, text, prefix, 1, 1, &doc);
    std::map<std::string, TermInfo> terms = Terms(doc);
    for (const auto& [term, info] : terms) {
      if (term.rfind("Z" + prefix, 0) == 0) continue;
      const std::string form = term.substr(prefix.size());
      EXPECT_NE(analyzer.Stem(form), form) << term << " is its own stem: only Z" << term;
      EXPECT_FALSE(info.positions.empty()) << term;
    }
    for (const Token& t : analyzer.Analyze(text)) {
      if (t.stopword) continue;
      const std::string positional = PositionalTerm(t.normalized, t.stem, prefix);
      ASSERT_EQ(terms.count(positional), 1u) << positional;
      const std::vector<Xapian::termpos>& at = terms[positional].positions;
      EXPECT_NE(std::find(at.begin(), at.end(), t.position + 1), at.end())
          << t.normalized << " at " << t.position + 1;
      ASSERT_EQ(terms.count("Z" + prefix + t.stem), 1u) << t.stem;
    }
  }
}

}  // namespace
}  // namespace kavosh::analyzers
