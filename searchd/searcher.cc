#include "searchd/searcher.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <thread>

#include "analyzers/normalizer.h"
#include "schema/schema.h"
#include "searchd/highlighter.h"
#include "searchd/page_keeper.h"
#include "searchd/query_builder.h"
#include "searchd/query_parser.h"
#include "searchd/recency.h"
#include "searchd/slice_count.h"

namespace kavosh::search {

namespace sc = kavosh::schema;

namespace {

Xapian::Query Combine(const Xapian::Query& text, const Xapian::Query& filter) {
  if (filter.empty()) return text;
  if (text.empty()) return filter;
  return Xapian::Query(Xapian::Query::OP_FILTER, text, filter);
}

}  // namespace

std::shared_ptr<SearchContext> SearchContext::Load(const std::string& data_dir,
                                                   SearchOptions options) {
  auto context = std::make_shared<SearchContext>();
  context->gazetteer =
      std::make_shared<const entities::Gazetteer>(entities::Gazetteer::Load({data_dir}));
  context->resolver = std::make_unique<FieldResolver>(context->gazetteer);
  context->options = options;
  if (options.facet_column_bytes > 0) {
    context->columns = std::make_shared<FacetColumns>(options.facet_column_bytes);
  }
  return context;
}

std::atomic<int> Searcher::searches_running_{0};

struct Searcher::Running {
  Running() { ++searches_running_; }
  ~Running() { --searches_running_; }
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;
};

Searcher::Searcher(std::unique_ptr<ShardSet> shards, std::shared_ptr<const SearchContext> context)
    : shards_(std::move(shards)),
      db_(shards_->database()),
      context_(std::move(context)),
      last_refresh_(std::chrono::steady_clock::now()) {}

const Xapian::Database* Searcher::Spelling() const {
  return shards_->spelling() ? &*shards_->spelling() : nullptr;
}

template <typename F>
auto Searcher::WithFailover(F f) -> decltype(f()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return f();
    } catch (const Xapian::NetworkError&) {
      if (attempt >= 2 || !shards_->Recheck()) throw;
      helper_shards_.clear();  // the counting thread's handles follow the new set
      db_ = shards_->database();
    }
  }
}

std::unique_ptr<Searcher> Searcher::Open(const std::string& path,
                                         std::shared_ptr<const SearchContext> context,
                                         std::string* error) {
  try {
    std::unique_ptr<ShardSet> shards = ShardSet::Open(path, context->options.shards, error);
    if (!shards) return nullptr;
    std::string why = shards->CheckEach([](const Xapian::Database& shard) {
      return sc::CheckCompatible(shard, analyzers::kAnalyzerVersion);
    });
    if (!why.empty()) {
      *error = path + ": " + why;
      return nullptr;
    }
    if (const std::string* alone = shards->one_local_database(); alone && context->columns) {
      // Read now, so that the first queries do not count from the value table.
      context->columns->Prepare(*alone, shards->database());
    }
    return std::unique_ptr<Searcher>(new Searcher(std::move(shards), std::move(context)));
  } catch (const Xapian::Error& e) {
    *error = "cannot open database " + path + ": " + e.get_description();
    return nullptr;
  }
}

void Searcher::Refresh(std::chrono::milliseconds interval) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_refresh_ < interval) return;
  last_refresh_ = now;
  if (shards_->Refresh()) helper_shards_.clear();  // the set of shards changed
  db_ = shards_->database();
}

void Searcher::ForceReopen() {
  last_refresh_ = std::chrono::steady_clock::now();
  if (shards_->Refresh()) helper_shards_.clear();  // the set of shards changed
  db_ = shards_->database();
}

uint64_t Searcher::revision() const {
  try {
    return db_.get_revision();
  } catch (const Xapian::Error&) {
    return 0;  // several shards have no single revision
  }
}

std::unique_ptr<FacetCounter> Searcher::NewCounter(bool values) {
  if (shards_->any_remote()) return std::make_unique<FacetCounter>();
  facet_names_.set_databases(shards_->local_databases());
  return std::make_unique<FacetCounter>(&db_, values, &facet_names_, column_);
}

std::shared_ptr<const FacetColumn> Searcher::Column() {
  const std::string* alone = shards_->one_local_database();
  return alone && context_->columns ? context_->columns->Get(*alone, db_) : nullptr;
}

namespace {

// More matches than were checked: Xapian's estimate counts documents; scaled by the
// stories per document among those checked, as copies of a story count once.
uint64_t EstimatedStories(const FacetCounter& spy) {
  if (spy.seen() == 0) return spy.matches_estimated();
  double ratio = static_cast<double>(spy.stories()) / static_cast<double>(spy.seen());
  return std::max<uint64_t>(spy.stories(), static_cast<uint64_t>(spy.matches_estimated() * ratio + 0.5));
}

}  // namespace

uint64_t Searcher::CountFor(const std::string& q, const SearchRequest& request) {
  ParsedQuery parsed = ParseQuery(q);
  QueryBuilder builder({.analyzer = &analyzer_, .db = &db_, .resolver = context_->resolver.get(),
                        .typo_tolerance = false, .exact_weight = context_->options.ranking.exact_weight});
  BuiltQuery built = builder.Build(parsed, false);
  if (built.match_nothing) return 0;
  std::vector<std::string> ignored;
  Xapian::Query full = Combine(built.query, Filters(request, parsed.from, parsed.to, &ignored));
  std::unique_ptr<FacetCounter> counter = NewCounter(/*values=*/false);
  FacetCounter& spy = *counter;
  Execute(full, request, built.has_words, 0, 0, &spy);
  spy.Collect(false);
  if (spy.sampled()) return spy.stories();
  Xapian::doccount checked = std::min(db_.get_doccount(), context_->options.exact_up_to);
  return spy.AllSeen(checked) ? spy.stories()
                                                                     : EstimatedStories(spy);
}

std::optional<std::string> Searcher::DidYouMean(const SearchRequest& request, uint64_t total,
                                                const BuiltQuery& built) {
  bool typo_fixed = !built.corrections.empty();
  if (!typo_fixed && total >= context_->options.few_results) return std::nullopt;
  if (built.words.empty()) return std::nullopt;
  std::vector<QueryWord> words = built.words;
  std::sort(words.begin(), words.end(),
            [](const QueryWord& a, const QueryWord& b) { return a.start > b.start; });
  std::string corrected = request.q;
  bool changed = false;
  for (const QueryWord& w : words) {
    size_t letters = analyzers::CountCodePoints(w.normalized);
    if (letters < 4 || w.end > corrected.size()) continue;
    std::string fix;
    const Xapian::Database* spelling = Spelling();
    if (spelling == nullptr) return std::nullopt;  // remote shards and no spelling database
    fix = spelling->get_spelling_suggestion(w.normalized, letters >= 7 ? 2 : 1);
    if (fix.empty() || fix == w.normalized) continue;
    // How common each form is: its positional term (for a word that is its own stem, the
    // stem term: every form of it).
    auto freq = [this](const std::string& form) {
      return db_.get_termfreq(analyzers::PositionalTerm(form, analyzer_.Stem(form), ""));
    };
    if (freq(fix) <= freq(w.normalized)) continue;
    corrected.replace(w.start, w.end - w.start, fix);
    changed = true;
  }
  if (!changed) return std::nullopt;
  if (!typo_fixed && CountFor(corrected, request) <= total) return std::nullopt;
  return corrected;
}

namespace {

// Expansion terms: stems of body and title words only (no ids, facets or title-only terms).
class StemTermsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return term.size() > 1 && term[0] == 'Z' && term[1] != 'S' && !(term[1] >= '0' && term[1] <= '9');
  }
};

}  // namespace

Xapian::Query Searcher::Expand(const Xapian::Query& query, const SearchRequest& request) {
  const RankingOptions& rk = context_->options.ranking;
  if (rk.feedback_docs == 0 || rk.feedback_terms == 0 || query.empty()) return query;
  SearchRequest first = request;
  first.sort = Sort::kRelevance;
  std::vector<Ranked> top = Execute(query, first, true, 0, rk.feedback_docs, nullptr);
  if (top.empty()) return query;
  // Term selection computed here from the top documents' term lists and the index's
  // global statistics (Xapian's own ESet uses per-shard statistics on remote shards, so
  // a sharded index would expand differently). Weight: the probabilistic relevance
  // weight of the term times its normalised frequency in the feedback documents; only
  // terms found in at least two of them.
  struct Candidate {
    double tf = 0;
    unsigned docs = 0;
  };
  std::map<std::string, Candidate> candidates;
  StemTermsOnly decider;
  double avlen = std::max(1.0, db_.get_avlength());
  for (const Ranked& item : top) {
    double len = static_cast<double>(db_.get_doclength(item.did));
    for (auto t = db_.termlist_begin(item.did); t != db_.termlist_end(item.did); ++t) {
      if (!decider(*t)) continue;
      double wdf = t.get_wdf();
      Candidate& c = candidates[*t];
      c.tf += wdf / (wdf + len / avlen);
      ++c.docs;
    }
  }
  double n_docs = db_.get_doccount(), r_docs = top.size();
  std::vector<std::pair<double, std::string>> scored;
  for (const auto& [term, c] : candidates) {
    if (c.docs < 2) continue;
    double n = db_.get_termfreq(term), r = c.docs;
    double odds = ((r + 0.5) * (n_docs - n - r_docs + r + 0.5)) / ((r_docs - r + 0.5) * (n - r + 0.5));
    if (odds <= 1) continue;
    scored.emplace_back(c.tf * std::log(odds), term);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (scored.size() > rk.feedback_terms) scored.resize(rk.feedback_terms);
  if (scored.empty()) return query;
  double best = scored.front().first;
  std::vector<Xapian::Query> terms;
  for (const auto& [weight, term] : scored) {
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term),
                       rk.feedback_weight * weight / best);
  }
  return Xapian::Query(Xapian::Query::OP_OR, query,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

SearchResult Searcher::Search(const SearchRequest& request) {
  Running running;
  SearchResult r = WithFailover([&] { return SearchOnce(request); });
  r.failed_shards = shards_->down();
  r.partial = !r.failed_shards.empty();
  return r;
}

SearchResult Searcher::SearchOnce(const SearchRequest& request) {
  auto start = std::chrono::steady_clock::now();
  column_ = Column();  // one for the whole search: its filters, counters and threads
  struct Release {  // and not kept after it: a replaced column's memory goes with its last search
    std::shared_ptr<const FacetColumn>& column;
    ~Release() { column.reset(); }
  } release{column_};
  const SearchOptions& opt = context_->options;
  SearchResult r;
  r.query = request.q;
  r.page = request.page;
  r.per_page = request.per_page;
  r.facets_requested = request.facets;

  ParsedQuery parsed = ParseQuery(request.q);
  r.warnings = parsed.warnings;
  QueryBuilder builder({.analyzer = &analyzer_, .db = &db_, .resolver = context_->resolver.get(),
                        .spelling = Spelling(), .exact_weight = context_->options.ranking.exact_weight});
  BuiltQuery built = builder.Build(parsed, false);
  Xapian::Query filter = Filters(request, parsed.from, parsed.to, &r.warnings);
  Xapian::doccount first = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
  Xapian::doccount count = static_cast<Xapian::doccount>(request.per_page);

  std::unique_ptr<FacetCounter> spy = NewCounter(request.facets);
  Xapian::Query text = built.match_nothing ? NothingQuery() : built.query;
  if (request.match == Match::kAny && !built.match_nothing && built.words.size() > 1) {
    Xapian::Query any = builder.Build(parsed, true).query;
    double coord = opt.ranking.coordination;
    text = coord > 0 ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, any,
                                     Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, built.query, coord))
                     : any;
  }
  std::vector<Ranked> page = Execute(Combine(text, filter), request, built.has_words, first, count,
                              spy.get());
  if (request.expand && built.has_words) {
    // Feedback reranks the words' matches (OP_AND_MAYBE: the same matches, so the count
    // above stands): only the page again.
    Xapian::Query expanded = Expand(Combine(text, filter), request);
    page = Execute(Xapian::Query(Xapian::Query::OP_AND_MAYBE, Combine(text, filter), expanded), request,
                   true, first, count, nullptr);
  }
  if (request.match == Match::kAll && !spy->sampled() && spy->matches_upper_bound() == 0 &&
      built.has_words &&
      built.words.size() > 1) {
    BuiltQuery loose = builder.Build(parsed, true);
    std::unique_ptr<FacetCounter> loose_spy = NewCounter(request.facets);
    std::vector<Ranked> relaxed = Execute(Combine(loose.query, filter), request, loose.has_words, first,
                                   count, loose_spy.get());
    if (loose_spy->sampled() || loose_spy->matches_upper_bound() > 0) {
      page = relaxed;
      spy = std::move(loose_spy);
      r.relaxed = true;
    }
  }
  for (const std::string& w : built.warnings) r.warnings.push_back(w);
  r.corrections = built.corrections;
  // Collapsing makes Xapian's own counts estimates; when every match was checked, the
  // spy's count of distinct stories is exact.
  Xapian::doccount checked = std::min(db_.get_doccount(), opt.exact_up_to);
  spy->Collect(request.facets);
  if (spy->sampled()) {
    r.total = spy->stories();  // from the sample: copies of a story counted once
    r.total_is_exact = false;
  } else if (spy->AllSeen(checked)) {
    // Fewer matches seen than Xapian was asked to check: it ran out, every one was
    // seen. (Its bounds stay loose after that for OR queries.)
    r.total = spy->stories();
    r.total_is_exact = true;
  } else {
    r.total = EstimatedStories(*spy);
    r.total_is_exact = false;
  }
  if (request.facets) {
    for (auto facet : {FacetCounter::kOrg, FacetCounter::kType, FacetCounter::kPlace,
                       FacetCounter::kMonth}) {
      r.facets[FacetCounter::kNames[facet]] = spy->Top(facet, request.facet_limit);
    }
    r.facets_exact = r.total_is_exact;
  }

  r.hits.resize(page.size());
  // Hits from every other result, from the `from`th, through `db` and `analyzer`.
  auto fill = [&](const Xapian::Database& db, analyzers::Analyzer* analyzer, size_t from, size_t step) {
    Highlighter highlighter(analyzer);
    for (size_t i = from; i < page.size(); i += step) {
      Hit& hit = r.hits[i];
      Xapian::Document doc = db.get_document(page[i].did);
      hit.docid = page[i].did;
      hit.score = page[i].weight;
      nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
      if (!data.is_discarded()) hit.article = sc::FromJson(data);
      if (!hit.article.story.empty()) {
        Xapian::doccount copies = db.get_termfreq(sc::BoundedTerm(sc::kPrefixStory, hit.article.story));
        hit.duplicates = copies > 0 ? copies - 1 : 0;
      }
      if (request.snippets) {
        hit.title_html = highlighter.Whole(hit.article.title, built.highlight);
        hit.snippet_html = highlighter.Passage(hit.article.body, built.highlight,
                                               {.max_chars = opt.snippet_chars});
      }
    }
  };
  // Snippets analyse each article's text (up to a few milliseconds a page): half of
  // them on a second thread when the cores are free, as for counting.
  if (request.snippets && page.size() >= 4 && SecondThreadReady()) {
    std::exception_ptr helper_error;
    std::thread helper([&] {
      try {
        fill(helper_db_, &helper_analyzer_, 1, 2);
      } catch (...) {
        helper_error = std::current_exception();
      }
    });
    std::exception_ptr own_error;
    try {
      fill(db_, &analyzer_, 0, 2);
    } catch (...) {
      own_error = std::current_exception();
    }
    helper.join();
    if (own_error) std::rethrow_exception(own_error);
    if (helper_error) std::rethrow_exception(helper_error);
  } else {
    fill(db_, &analyzer_, 0, 1);
  }
  r.did_you_mean = DidYouMean(request, r.total, built);
  r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::vector<Suggestion> Searcher::Suggest(std::string_view prefix, size_t limit) {
  return WithFailover([&] { return SuggestOnce(prefix, limit); });
}

std::optional<nlohmann::json> Searcher::Document(std::string_view id) {
  return WithFailover([&] { return DocumentOnce(id); });
}

std::optional<nlohmann::json> Searcher::DocumentOnce(std::string_view id) {
  if (id.empty()) return std::nullopt;
  std::string term = sc::BoundedTerm(sc::kPrefixId, id);
  Xapian::PostingIterator p = db_.postlist_begin(term);
  if (p == db_.postlist_end(term)) return std::nullopt;
  Xapian::Document doc = db_.get_document(*p);
  nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
  if (data.is_discarded()) data = nlohmann::json::object({{"id", std::string(id)}});
  // A cut id term could be shared by two very long ids.
  if (data.value("id", std::string()) != id) return std::nullopt;
  std::string story = doc.get_value(sc::kSlotStory);
  Xapian::doccount copies =
      story.empty() ? 0 : db_.get_termfreq(sc::BoundedTerm(sc::kPrefixStory, story));
  data["duplicates"] = copies > 0 ? copies - 1 : 0;
  return data;
}

}  // namespace kavosh::search
