// The search core shared by kavosh-searchd and kavosh-search: query text and filters in,
// ranked hits with snippets, facets, spelling help and suggestions out. Knows nothing of
// HTTP (request.h maps parameters to a SearchRequest, response_json.h renders results).
//
//   auto context = std::make_shared<SearchContext>(SearchContext::Load({}));
//   std::string error;
//   std::unique_ptr<Searcher> s = Searcher::Open("build/sample-db", context, &error);
//   SearchRequest r;
//   r.q = "جلسه شورای هماهنگی بانک‌ها";
//   SearchResult result = s->Search(r);
//
// A Searcher owns one Xapian database handle and one Analyzer: one per thread. The
// SearchContext (gazetteer, options) is immutable and shared. Xapian exceptions escape
// (the caller maps them to a 500); bad input never throws.
#ifndef KAVOSH_SEARCHD_SEARCHER_H_
#define KAVOSH_SEARCHD_SEARCHER_H_

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analyzers/analyzer.h"
#include "indexer/dates/jalali.h"
#include "indexer/entities/gazetteer.h"
#include "schema/article.h"
#include "searchd/facets.h"
#include "searchd/page_keeper.h"
#include "searchd/field_resolver.h"
#include "searchd/shards.h"

namespace kavosh::search {

enum class Sort { kRelevance, kNewest, kOldest };

// How the words of a query must match. kAll: every word (relaxed to any word when no
// article has them all). kAny: any word, articles with all of them boosted (long,
// descriptive queries such as evaluation topics).
enum class Match { kAll, kAny };

struct SearchRequest {
  std::string q;
  int page = 1;       // 1-based
  int per_page = 10;
  Sort sort = Sort::kRelevance;
  Match match = Match::kAll;
  std::vector<std::string> orgs, types, places, months;  // facet filters: OR within, AND across
  std::optional<dates::GregorianDate> from, to;           // inclusive
  double recency = 0;   // 0: off; else the largest extra weight for the newest articles
  bool expand = false;  // pseudo-relevance feedback (RankingOptions::feedback_*)
  bool facets = true;
  size_t facet_limit = 20;
  bool snippets = true;
};

struct Hit {
  schema::Article article;
  std::string title_html;
  std::string snippet_html;
  uint64_t duplicates = 0;  // other copies of the same story in the index
  double score = 0;
  Xapian::docid docid = 0;
};

struct SearchResult {
  std::string query;
  uint64_t total = 0;
  bool total_is_exact = true;
  int page = 1;
  int per_page = 10;
  double took_ms = 0;
  std::optional<std::string> did_you_mean;
  bool relaxed = false;  // no article had every word; articles with some of them follow
  bool partial = false;  // some shards did not answer: results from the others
  std::vector<std::string> failed_shards;
  std::vector<std::string> corrections;
  std::vector<std::string> warnings;
  std::vector<Hit> hits;
  bool facets_requested = true;
  bool facets_exact = true;
  std::map<std::string, std::vector<FacetCount>> facets;  // "org", "type", "place", "month"
};

struct Suggestion {
  std::string text;
  std::string kind;  // "title", "term" or "org"
};

struct RankingOptions {
  // Tuned on the Hamshahri dev topics (docs/relevance.md, "Tuning log").
  double k1 = 1.2;   // BM25
  double b = 0.9;
  double min_normlen = 0.5;
  double recency_half_life_days = 30;
  // Match::kAny: weight of the all-words query added to articles that have every word.
  double coordination = 0;
  double exact_weight = 0.1;  // QueryBuilderOptions::exact_weight
  // Pseudo-relevance feedback (SearchRequest::expand): stems of the top feedback_docs
  // results, the best feedback_terms of them added with total weight feedback_weight.
  unsigned feedback_docs = 10;
  unsigned feedback_terms = 20;
  double feedback_weight = 1.0;
};

struct SearchOptions {
  RankingOptions ranking;
  // Matches checked for exact totals and facets; beyond it both are estimates.
  Xapian::doccount exact_up_to = 100000;
  // A query known to match more than exact_up_to articles has its facets and total
  // estimated from about this many evenly spread matches (local databases; 0: never,
  // count the first exact_up_to matches instead).
  Xapian::doccount facet_sample = 5000;
  // From this many articles in the index (local shards only), a query's count runs on
  // two threads when no other search is running (searchd/slice_count.h); 0: never.
  Xapian::doccount parallel_count_from = 50000;
  // Each local shard's facet values kept in memory for counting (searchd/facet_column.h),
  // at most this many bytes per shard; 0: read them from Xapian's value table.
  size_t facet_column_bytes = size_t{256} << 20;
  // A relevance page kept while counting (PageKeeper) instead of ranked in a pass of its
  // own, where the facet column allows; false for benchmarks against the old way.
  bool page_in_count = true;
  size_t snippet_chars = 240;
  size_t few_results = 3;  // fewer hits than this: try a better spelling
  ShardOptions shards;
};

// What every Searcher of a process shares: read-only after construction.
struct SearchContext {
  std::shared_ptr<const entities::Gazetteer> gazetteer;
  std::unique_ptr<FieldResolver> resolver;
  SearchOptions options;
  // Thread-safe; nullptr when options.facet_column_bytes is 0.
  std::shared_ptr<FacetColumns> columns;

  // Gazetteer from `data_dir` (empty: the default data directory).
  static std::shared_ptr<SearchContext> Load(const std::string& data_dir, SearchOptions options);
};

class Searcher {
 public:
  // Opens the database (a directory or a stub file) and checks it was written with this
  // schema and analyzer; nullptr and *error set when it cannot be used.
  static std::unique_ptr<Searcher> Open(const std::string& path,
                                        std::shared_ptr<const SearchContext> context,
                                        std::string* error);

  SearchResult Search(const SearchRequest& request);
  std::vector<Suggestion> Suggest(std::string_view prefix, size_t limit);
  // The stored article, with its duplicate count; nullopt for an unknown id.
  std::optional<nlohmann::json> Document(std::string_view id);

  // Sees the latest commit if at least `interval` passed since the last check.
  void Refresh(std::chrono::milliseconds interval = std::chrono::milliseconds(1000));
  void ForceReopen();
  Xapian::doccount documents() const { return db_.get_doccount(); }
  // Shards left out because they did not answer (empty when not sharded).
  std::vector<std::string> failed_shards() const { return shards_->down(); }
  // Revision of a single local database; 0 for a sharded one.
  uint64_t revision() const;
  // ShardSet::Generation(): changes when any shard's revision does; empty over remote shards.
  std::string generation() const { return shards_->Generation(); }
  analyzers::Analyzer& analyzer() { return analyzer_; }
  const Xapian::Database& database() const { return db_; }
  // Counts run on two threads so far (SearchOptions::parallel_count_from).
  uint64_t parallel_counts() const { return parallel_counts_; }

 private:
  Searcher(std::unique_ptr<ShardSet> shards, std::shared_ptr<const SearchContext> context);
  // Searches running in this process: a count takes a second thread only when the other
  // cores are free, as under load it would only take them from other searches.
  static std::atomic<int> searches_running_;
  struct Running;  // counts one search in searches_running_ while it lives
  SearchResult SearchOnce(const SearchRequest& request);
  std::vector<Suggestion> SuggestOnce(std::string_view prefix, size_t limit);
  std::optional<nlohmann::json> DocumentOnce(std::string_view id);
  // Runs `f`; when a shard fails mid-way, leaves it out and runs `f` again.
  template <typename F>
  auto WithFailover(F f) -> decltype(f());
  const Xapian::Database* Spelling() const;

  struct Run;
  // The page [first, first + count) of a date-sorted `enquire` for `query`, searched
  // month by month from the newest (or oldest) instead of over every match.
  Xapian::MSet ByDateInMonths(Xapian::Enquire* enquire, const Xapian::Query& query,
                              bool newest_first, Xapian::doccount first, Xapian::doccount count);
  // How sparsely to sample the matches of `query` for facets: 0 when they must be
  // counted (they may be at most exact_up_to, or the database has remote shards).
  Xapian::doccount SampleStride(const Xapian::Query& query);
  // The page [first, first + count) of `query` in the request's order, collapsed by
  // story; with `facets`, every match counted into it as well.
  std::vector<Ranked> Execute(const Xapian::Query& query, const SearchRequest& request,
                              bool has_words, Xapian::doccount first, Xapian::doccount count,
                              FacetCounter* facets);
  // Pages up to this deep may be kept while counting (PageKeeper); deeper ones are
  // ranked apart.
  static constexpr Xapian::doccount kPageInCountUpTo = 100;
  Xapian::Query DateRange(const std::string& from, const std::string& to);
  Xapian::Query Filters(const SearchRequest& request, const std::string& from_text,
                        const std::string& to_text, std::vector<std::string>* warnings);
  std::optional<std::string> DidYouMean(const SearchRequest& request, uint64_t total,
                                        const struct BuiltQuery& built);
  uint64_t CountFor(const std::string& q, const SearchRequest& request);
  Xapian::Query Expand(const Xapian::Query& query, const SearchRequest& request);

  // Organisation names of the index with their folded keys and article counts, for
  // suggestions; rebuilt when the index revision changes.
  struct OrgName {
    std::string key;
    std::string name;
    Xapian::doccount articles;
  };
  // The `limit` most frequent indexed words starting with `prefix`, stopwords left out.
  std::vector<std::string> Completions(const std::string& prefix, size_t limit);
  const std::vector<OrgName>& OrgNames();

  // A counter for one query: the local spy when every shard is local.
  std::unique_ptr<FacetCounter> NewCounter(bool values);
  // The facet column of db_ when it is one local database, at its revision; nullptr
  // otherwise (not read yet, several shards, a stub, columns off).
  std::shared_ptr<const FacetColumn> Column();
  // Column() at the start of the search in progress: its date filters (DateRangeSource)
  // and counters must use the same one.
  std::shared_ptr<const FacetColumn> column_;
  // Whether the count of a query should run on two threads now, with the second handle
  // ready at db_'s revision.
  bool SecondThreadReady();
  // The second handle (local shards opened again, for the counting thread) and its names.
  std::vector<Xapian::Database> helper_shards_;
  Xapian::Database helper_db_;
  FacetNames helper_names_;
  uint64_t parallel_counts_ = 0;
  FacetNames facet_names_;
  std::unique_ptr<ShardSet> shards_;
  Xapian::Database db_;  // shards_->database()
  std::shared_ptr<const SearchContext> context_;
  std::vector<OrgName> org_names_;
  uint64_t org_names_revision_ = UINT64_MAX;
  analyzers::Analyzer analyzer_;
  analyzers::Analyzer helper_analyzer_;  // the second thread's, for snippets
  std::chrono::steady_clock::time_point last_refresh_;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_SEARCHER_H_
