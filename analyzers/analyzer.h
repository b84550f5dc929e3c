// The Persian analyzer: text -> words with offsets, normalised forms, stems and index
// terms. The indexer, the query parser, the highlighter and kavosh-analyze all use it.
//
//   kavosh::analyzers::Analyzer analyzer;
//   for (const Token& t : analyzer.Analyze("بانک ها")) {
//     // t.start == 0, t.end == 15, t.normalized == "بانکها", t.stem == "بانک"
//     for (const std::string& term : IndexTerms(t)) ...
//   }
//
// ZWNJ policy (docs/analyzer.md): a word's canonical form is its pieces joined with no
// ZWNJ. Affixes written apart — after a ZWNJ or a space — are glued to their word
// (`بانک‌ها`, `بانک ها`, `بانکها` are one token `بانکها`; `می‌شود`, `می شود`, `میشود`
// are one token `میشود`). Compounds (`رئیس‌جمهور`) are one token whose parts each take a
// position; the spaced form is recognised from the lexicon, the ZWNJ-less joined form is
// split by the lexicon, so all three give the same terms at the same positions.
//
// An Analyzer holds ICU state: one per thread. Analyze() never throws and accepts any
// bytes (invalid UTF-8 is treated as separators).
#ifndef KAVOSH_ANALYZERS_ANALYZER_H_
#define KAVOSH_ANALYZERS_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/lexicon.h"
#include "analyzers/segmenter.h"
#include "analyzers/stemmer.h"

namespace kavosh::analyzers {

// Bump on any change that alters the terms produced for some text: it is stored in every
// index, and searchd refuses an index analysed with another version.
// 3: a word that is its own stem has one term, its stem term, holding its positions.
inline constexpr int kAnalyzerVersion = 3;

struct Token {
  size_t start = 0;  // byte offsets into the original text; [start, end) is the word as
  size_t end = 0;    // written, including a ZWNJ or space inside it
  std::string normalized;          // canonical form, no ZWNJ
  std::string stem;                // normalized with inflection removed
  std::vector<std::string> parts;  // compound parts (normalised), empty for simple words
  std::vector<std::string> part_stems;
  uint32_t position = 0;  // position of the first part, counting from 0
  uint32_t width = 1;     // positions taken: one per part
  bool stopword = false;
  bool numeric = false;
};

// The terms a token contributes: its exact form (no prefix) and its stem (prefix "Z"),
// and for a compound each part and its stem. A form that is its own stem (most words of
// news text: `بانک`, not `بانکها`) has only the stem term, which then also holds the
// positions of those occurrences: an exact term would repeat the stem term's postings
// for nothing (38 % of all postings of the Hamshahri corpus). Stopwords contribute none.
std::vector<std::string> IndexTerms(const Token& token);

// The term that holds the positions of `form` (a word or compound part, normalised) whose
// stem is `stem`: prefix + form, or "Z" + prefix + form when the form is its own stem.
// Phrases and exact-form queries use it.
std::string PositionalTerm(const std::string& form, const std::string& stem,
                           const std::string& prefix);

struct AnalyzerOptions {
  std::shared_ptr<const Lexicon> lexicon;  // default: Lexicon::Default()
  // Text longer than this (bytes) is analysed up to the limit only.
  size_t max_bytes = 64u << 20;
  // A single word longer than this many bytes is dropped (e.g. 10 MB of one letter).
  size_t max_word_bytes = 256;
};

class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});

  std::vector<Token> Analyze(std::string_view text);
  // Stem of a single normalised word (what Token::stem holds).
  std::string Stem(std::string_view normalized) const { return stemmer_.Stem(normalized); }
  const Lexicon& lexicon() const { return *lexicon_; }

 private:
  std::shared_ptr<const Lexicon> lexicon_;
  Stemmer stemmer_;
  Segmenter segmenter_;
  AnalyzerOptions options_;
};

}  // namespace kavosh::analyzers

#endif  // KAVOSH_ANALYZERS_ANALYZER_H_
