// A light Persian stemmer: strips inflection, never cuts names or ordinary words.
//
//   Stemmer stemmer(Lexicon::Default());
//   stemmer.Stem("کتابهایشان");  // "کتاب"
//   stemmer.Stem("استان");       // "استان" (not "است")
//
// Input is a normalised, ZWNJ-free word (see normalizer.h). Rules, in order:
//   1. protected words and stopwords are returned unchanged;
//   2. irregular forms (Arabic broken plurals, irregular verbs) map to their lemma;
//   3. a `می` / `نمی` verb prefix is removed from forms the lexicon knows as prefixed verbs;
//   4. plural, comparative and clitic suffixes are removed, longest first, while the rest
//      is long enough; an ambiguous ending (`ان`, `ات`, `ین`, `مان`, …) is removed only when
//      the rest is a known word and the whole is not itself a noun that takes `ها`
//      (`استانها` is a word, so `استان` is not a plural of `است`).
// Thread-safe: Stem() is const, the lexicon is immutable and the memo is thread_local.
#ifndef KAVOSH_ANALYZERS_STEMMER_H_
#define KAVOSH_ANALYZERS_STEMMER_H_

#include <memory>
#include <string>
#include <string_view>

#include "analyzers/lexicon.h"

namespace kavosh::analyzers {

class Stemmer {
 public:
  explicit Stemmer(std::shared_ptr<const Lexicon> lexicon);
  // Results are memoised per thread (news text repeats its words), keyed on the lexicon.
  std::string Stem(std::string_view word) const;

 private:
  std::string StemUncached(std::string_view word) const;
  std::string StripSuffixes(std::string word) const;
  std::string StripFinalYeh(const std::string& word) const;
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace kavosh::analyzers

#endif  // KAVOSH_ANALYZERS_STEMMER_H_
