// Highlighting with Kavosh's own analyzer: the words of a text that match the query's
// terms, whatever their spelling (Arabic letters, ZWNJ, spaced suffixes, diacritics),
// marked on exactly the original characters. Output is HTML-escaped text in which the
// only markup is <mark>…</mark>.
//
//   MatchTerms terms;
//   terms.exact.insert("بانکها");
//   terms.stems.insert("بانک");
//   Highlighter h(&analyzer);
//   h.Whole("بانك‌ها و <b>", terms);           // "<mark>بانك‌ها</mark> و &lt;b&gt;"
//   h.Passage(body, terms, {.max_chars = 240});  // the best window, with … at cuts
//
// A Highlighter borrows the caller's Analyzer (one per thread).
#ifndef KAVOSH_SEARCHD_HIGHLIGHTER_H_
#define KAVOSH_SEARCHD_HIGHLIGHTER_H_

#include <string>
#include <string_view>
#include <unordered_set>

#include "analyzers/analyzer.h"

namespace kavosh::search {

// Normalised forms and stems a word may have to count as a match.
struct MatchTerms {
  std::unordered_set<std::string> exact;
  std::unordered_set<std::string> stems;
  bool empty() const { return exact.empty() && stems.empty(); }
};

struct PassageOptions {
  size_t max_chars = 240;       // code points of text in the passage, roughly
  size_t max_analyzed = 64 << 10;  // bytes of a long body looked at
};

// HTML-escapes &, <, >, " and '.
std::string EscapeHtml(std::string_view text);

class Highlighter {
 public:
  explicit Highlighter(analyzers::Analyzer* analyzer) : analyzer_(analyzer) {}

  // The whole text, escaped, with matches marked.
  std::string Whole(std::string_view text, const MatchTerms& terms);

  // The passage of about options.max_chars with the most distinct matches (then the most
  // matches), cut at word boundaries, "… " / " …" where text was cut. With no match: the
  // opening of the text.
  std::string Passage(std::string_view text, const MatchTerms& terms,
                      const PassageOptions& options = {});

 private:
  analyzers::Analyzer* analyzer_;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_HIGHLIGHTER_H_
