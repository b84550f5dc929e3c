// Analysed text in Xapian terms: how a field is written into a document, and how a word
// or a phrase of the user's becomes a query. The indexer and the query parser both use
// these, so a form indexed one way is always searched the same way.
//
//   Analyzer analyzer;
//   Xapian::Document doc;
//   Xapian::termpos next = IndexText(analyzer, "بانک‌های استان", "", 1, 1, &doc);
//   Xapian::Query q = PhraseQuery(analyzer.Analyze("بانکهای استان"), "");
#ifndef KAVOSH_ANALYZERS_XAPIAN_TERMS_H_
#define KAVOSH_ANALYZERS_XAPIAN_TERMS_H_

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzers/analyzer.h"

namespace kavosh::analyzers {

// Adds the terms of `text` to `doc`: exact forms (and compound parts) with positions
// starting at `first_position`, under `prefix`; stems under "Z" + prefix, with the
// positions of the forms that are their own stem, which have no exact term (IndexTerms).
// Each occurrence adds `wdf` to the term's within-document frequency.
// Returns the position after the last word.
Xapian::termpos IndexText(Analyzer& analyzer, std::string_view text, const std::string& prefix,
                          Xapian::termpos first_position, Xapian::termcount wdf,
                          Xapian::Document* doc);
Xapian::termpos IndexTokens(const std::vector<Token>& tokens, const std::string& prefix,
                            Xapian::termpos first_position, Xapian::termcount wdf,
                            Xapian::Document* doc);

// One word of a query: its exact form OR its stem, so that an exact match scores both.
// A compound also matches its parts as a phrase. Returns an empty query for a stopword.
Xapian::Query WordQuery(const Token& token, const std::string& prefix);

// A phrase: the exact forms' positional terms (PositionalTerm; compounds as their parts)
// in order, stopwords skipped but counted in the window. A single word gives
// WordQuery(). Empty for only stopwords.
Xapian::Query PhraseQuery(const std::vector<Token>& tokens, const std::string& prefix);

}  // namespace kavosh::analyzers

#endif  // KAVOSH_ANALYZERS_XAPIAN_TERMS_H_
