// From a parsed query to a Xapian query, through the analyzer: every spelling of a word
// becomes the same terms the indexer wrote. Also collects what the highlighter should
// mark and which words the spelling corrector may look at.
//
//   QueryBuilder builder({.analyzer = &analyzer, .db = &db, .resolver = &resolver});
//   BuiltQuery q = builder.Build(ParseQuery("بانکها -تهران"), /*relaxed=*/false);
//   enquire.set_query(q.query.empty() ? Xapian::Query(std::string(schema::kAllTerm)) : q.query);
//
// Strict mode joins the words of a group with AND; relaxed mode with OR (BM25 then ranks
// articles with more of the words first). Field filters and exclusions are required in
// both modes. Words missing from the index (termfreq 0, exact and stem) of five letters
// or more are also matched through the index's spelling table (typo tolerance).
#ifndef KAVOSH_SEARCHD_QUERY_BUILDER_H_
#define KAVOSH_SEARCHD_QUERY_BUILDER_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "analyzers/analyzer.h"
#include "searchd/field_resolver.h"
#include "searchd/highlighter.h"
#include "searchd/query_parser.h"

namespace kavosh::search {

// A word the user typed, for did-you-mean: its normalised form and where it is in the
// query text.
struct QueryWord {
  std::string normalized;
  size_t start = 0;  // byte offsets in the query string
  size_t end = 0;
};

// A query that matches no article. (Xapian's Query::MatchNothing is the empty query,
// which Kavosh reads as "no constraint".)
Xapian::Query NothingQuery();

struct BuiltQuery {
  Xapian::Query query;       // empty: no constraint from the query text (match all)
  bool match_nothing = false;  // the text had words, but only stopwords or unknown fields
  bool has_words = false;      // some word or phrase contributes to ranking
  MatchTerms highlight;
  std::vector<QueryWord> words;
  std::vector<std::string> corrections;  // "کابران → کاربران" applied by typo tolerance
  std::vector<std::string> warnings;
};

struct QueryBuilderOptions {
  analyzers::Analyzer* analyzer = nullptr;  // required; the caller's (one per thread)
  const Xapian::Database* db = nullptr;     // for typo tolerance and field resolution
  const FieldResolver* resolver = nullptr;  // required
  bool typo_tolerance = true;
  const Xapian::Database* spelling = nullptr;  // spelling table; none: no typo tolerance
  size_t max_words = 32;  // positive words kept per query
  // Extra weight of the exact written form over the other forms of a word (the stem
  // term matches them all); 0 ranks every form alike.
  double exact_weight = 0.1;
};

class QueryBuilder {
 public:
  explicit QueryBuilder(QueryBuilderOptions options) : options_(options) {}

  BuiltQuery Build(const ParsedQuery& parsed, bool relaxed);

  // Facet filters (OR within a facet): Xapian filter queries; an unresolvable value
  // matches nothing.
  Xapian::Query OrgFilter(const std::vector<std::string>& values) const;
  Xapian::Query PlaceFilter(const std::vector<std::string>& values) const;
  Xapian::Query TypeFilter(const std::vector<std::string>& values) const;  // resolved values
  Xapian::Query MonthFilter(const std::vector<std::string>& months) const;  // "YYYY-MM"

 private:
  struct Part {
    Xapian::Query query;
    bool soft = false;  // words and phrases: OR-ed when relaxed
  };
  Part Node(const QueryNode& node, bool relaxed, BuiltQuery* out, int depth);
  Xapian::Query Words(const QueryNode& node, bool relaxed, BuiltQuery* out);
  Xapian::Query Phrase(const QueryNode& node, BuiltQuery* out);
  Xapian::Query FieldQuery(const QueryNode& node, BuiltQuery* out);
  Xapian::Query Word(const analyzers::Token& token, BuiltQuery* out);
  Xapian::Query Weighted(const analyzers::Token& token) const;

  QueryBuilderOptions options_;
  size_t words_used_ = 0;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_QUERY_BUILDER_H_
