// How one query's page and count are computed (Searcher::Execute): the page of results
// ranked by Xapian or kept while counting (PageKeeper), the count on one thread or two
// (CountInSlices), sampled when the matches are too many to count.
#include <algorithm>
#include <optional>
#include <thread>

#include "schema/schema.h"
#include "searchd/page_keeper.h"
#include "searchd/recency.h"
#include "searchd/searcher.h"
#include "searchd/slice_count.h"

namespace kavosh::search {

namespace sc = kavosh::schema;

namespace {

std::vector<Ranked> RankedOf(const Xapian::MSet& mset) {
  std::vector<Ranked> page;
  page.reserve(mset.size());
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    page.push_back({*it, it.get_weight()});
  }
  return page;
}

}  // namespace

std::vector<Ranked> Searcher::Execute(const Xapian::Query& query, const SearchRequest& request,
                                      bool has_words, Xapian::doccount first, Xapian::doccount count,
                                      FacetCounter* facets) {
  const SearchOptions& opt = context_->options;
  const Xapian::BM25Weight weight(opt.ranking.k1, 0, 1, opt.ranking.b, opt.ranking.min_normlen);
  Xapian::Enquire enquire(db_);
  enquire.set_weighting_scheme(weight);
  Xapian::Query q = query.empty() ? Xapian::Query(std::string(sc::kAllTerm)) : query;
  if (request.recency > 0 && request.sort == Sort::kRelevance && has_words) {
    Xapian::Query recency = RecencyQuery(request.recency, db_.get_value_upper_bound(sc::kSlotDate),
                                         opt.ranking.recency_half_life_days);
    if (!recency.empty()) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, recency);
  }
  enquire.set_query(q);
  enquire.set_collapse_key(sc::kSlotStory);
  // Every order ends with the article id, so equal dates and equal scores come out the
  // same way however the index is split into shards (document numbers differ). Plain
  // value sorts, as remote shards cannot run a KeyMaker.
  if (request.sort == Sort::kNewest || (request.sort == Sort::kRelevance && !has_words)) {
    enquire.set_sort_by_value_then_relevance(sc::kSlotNewestKey, true);
  } else if (request.sort == Sort::kOldest) {
    enquire.set_sort_by_value_then_relevance(sc::kSlotOldestKey, false);
  } else {
    enquire.set_sort_by_relevance_then_value(sc::kSlotId, false);
  }
  bool by_date = request.sort == Sort::kNewest || request.sort == Sort::kOldest ||
                 (request.sort == Sort::kRelevance && !has_words);
  if (facets == nullptr) return RankedOf(enquire.get_mset(first, count, first + count));
  // The page apart from the count: ranked (and collapsed) without checking more matches
  // than it needs, so Xapian can skip what cannot reach it; the count then weighs
  // nothing and collapses nothing (the spy counts stories itself).
  auto page_of = [&] {
    return RankedOf(by_date ? ByDateInMonths(&enquire, q, request.sort != Sort::kOldest, first, count)
                            : enquire.get_mset(first, count, first + count));
  };
  Xapian::doccount stride = SampleStride(q);
  // Or the page kept while counting (PageKeeper): a relevance page of a database whose
  // stories the facet column numbers. Weighing every match costs less than a second pass
  // over them (for a phrase, reading every candidate's positions again). A count that
  // stops short of every match leaves the documents it did not reach, ranked apart.
  const bool kept = opt.page_in_count && !by_date && stride <= 1 && column_ && facets->local() &&
                    count > 0 && first + count <= kPageInCountUpTo;
  std::optional<PageKeeper> keeper;
  if (kept) keeper.emplace(column_, first + count);
  auto kept_page = [&](const std::vector<std::pair<Xapian::docid, Xapian::docid>>& unseen) {
    if (!unseen.empty()) {
      std::vector<Xapian::Query> ranges;
      for (const auto& [from, to] : unseen) ranges.emplace_back((new DocumentRange(from, to))->release());
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q,
                                      Xapian::Query(Xapian::Query::OP_OR, ranges.begin(), ranges.end())));
      Xapian::MSet rest = enquire.get_mset(0, first + count, first + count);
      for (Xapian::MSetIterator it = rest.begin(); it != rest.end(); ++it) {
        keeper->Add(*it, it.get_weight(), it.get_document().get_value(sc::kSlotId));
      }
      enquire.set_query(q);
    }
    return keeper->Page(first, count);
  };
  std::vector<Ranked> page;
  if (facets->local() && SecondThreadReady()) {
    // The count in slices on two threads, the page computed on this one meanwhile (or
    // kept by each thread). Without a keeper, the words and filters only: recency
    // changes weights, not matches.
    FacetCounter helper(&helper_db_, facets->local()->values(), &helper_names_, column_);
    std::optional<PageKeeper> helper_keeper;
    if (kept) helper_keeper.emplace(column_, first + count);
    const Xapian::Query matches = query.empty() ? Xapian::Query(std::string(sc::kAllTerm)) : query;
    const Xapian::doccount budget = stride > 1 ? db_.get_doccount()
                                               : std::min(db_.get_doccount(), opt.exact_up_to);
    SliceCountResult counted = CountInSlices(
        (kept ? q : matches).serialise(), budget, {&db_, facets, kept ? &*keeper : nullptr},
        {&helper_db_, &helper, kept ? &*helper_keeper : nullptr},
        [&] {
          if (!kept) page = page_of();
        },
        stride, column_, kept ? &weight : nullptr);
    facets->Absorb(helper);
    ++parallel_counts_;
    if (stride > 1) {
      facets->set_stride(stride);
      return page;
    }
    facets->set_matches(counted.all_seen ? counted.seen : db_.get_doccount(), counted.estimated);
    facets->set_all_seen(counted.all_seen);
    if (kept) {
      keeper->Absorb(*helper_keeper);
      page = kept_page(counted.unseen);
    }
    return page;
  }
  Xapian::Enquire counting(db_);
  facets->set_share(0, 1);  // one counter sees every story
  if (kept) counting.add_matchspy(&*keeper);  // first: it stops the count
  counting.add_matchspy(facets->spy());
  if (stride > 1) {
    // Facets and total from about one match in `stride`.
    page = page_of();
    counting.set_weighting_scheme(Xapian::BoolWeight());
    counting.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q,
                                     Xapian::Query((new SampleSource(stride))->release())));
    counting.get_mset(0, 0, db_.get_doccount());
    facets->set_stride(stride);
    return page;
  }
  counting.set_query(q);
  Xapian::doccount check = std::min(db_.get_doccount(), opt.exact_up_to);
  if (!kept) {
    page = page_of();
    counting.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet counted = counting.get_mset(0, 0, check);
    facets->Finish();
    facets->set_matches(counted.get_matches_upper_bound(), counted.get_matches_estimated());
    return page;
  }
  // Weighted: Xapian would check every match, the keeper stops it after `check`.
  counting.set_weighting_scheme(weight);
  keeper->set_limit(check);
  std::vector<std::pair<Xapian::docid, Xapian::docid>> unseen;
  try {
    counting.get_mset(0, 0, check);
    facets->Finish();
    facets->set_matches(facets->seen(), facets->seen());
    facets->set_all_seen(true);
  } catch (const PageKeeper::Enough&) {
    facets->Finish();
    // As many again in the documents not reached, for their share of the index.
    const Xapian::docid last = db_.get_lastdocid();
    facets->set_matches(db_.get_doccount(),
                        static_cast<Xapian::doccount>(static_cast<double>(check) * last /
                                                      std::max<double>(1, keeper->last()) + 0.5));
    facets->set_all_seen(false);
    unseen.emplace_back(keeper->last() + 1, last);
  }
  return kept_page(unseen);
}

bool Searcher::SecondThreadReady() {
  const SearchOptions& opt = context_->options;
  if (opt.parallel_count_from == 0 || db_.get_doccount() < opt.parallel_count_from ||
      shards_->any_remote()) {
    return false;
  }
  const int cores = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  if (searches_running_.load() > cores / 2) return false;
  std::vector<Xapian::Database> mine = shards_->local_databases();
  auto same_revisions = [&] {
    if (helper_shards_.size() != mine.size()) return false;
    for (size_t i = 0; i < mine.size(); ++i) {
      if (helper_shards_[i].get_revision() != mine[i].get_revision()) return false;
    }
    return true;
  };
  if (!helper_shards_.empty()) {
    if (same_revisions()) return true;
    // Behind db_: catch up. Ahead of it (a commit since db_'s reopen): one thread until
    // db_ catches up at its next refresh.
    for (Xapian::Database& db : helper_shards_) db.reopen();
    return same_revisions();
  }
  // First use, or the set of shards changed (Refresh, failover): open them again.
  helper_shards_ = shards_->OpenLocalAgain();
  helper_db_ = Xapian::Database();
  for (const Xapian::Database& db : helper_shards_) helper_db_.add_database(db);
  helper_names_.set_databases(helper_shards_);
  // A commit between db_'s reopen and now: count on one thread until db_ catches up.
  return same_revisions();
}

// A date order over many matches: Xapian reads the sort value of every match. Every
// article of a month is newer than every article of the months before it, so the first
// `first + count` of the whole order are the first of the newest months that hold that
// many: try the newest month, then 2, 4, 8... (oldest first for sort=oldest). Undated
// articles sort after every dated one either way, so they are only reached by the whole
// query. Copies of a story collapse to the best-placed one, which lies in the window
// whenever any copy does.
Xapian::MSet Searcher::ByDateInMonths(Xapian::Enquire* enquire, const Xapian::Query& query,
                                      bool newest_first, Xapian::doccount first,
                                      Xapian::doccount count) {
  std::vector<std::string> months;
  const std::string prefix(sc::kPrefixMonth);
  for (Xapian::TermIterator t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
    months.push_back(*t);
  }
  if (newest_first) std::reverse(months.begin(), months.end());
  for (size_t window = 1; window < months.size(); window *= 2) {
    std::vector<Xapian::Query> terms;
    for (size_t i = 0; i < window; ++i) terms.emplace_back(months[i]);
    enquire->set_query(Xapian::Query(
        Xapian::Query::OP_FILTER, query,
        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
    Xapian::MSet page = enquire->get_mset(first, count, first + count);
    if (page.size() == count) return page;
  }
  enquire->set_query(query);
  return enquire->get_mset(first, count, first + count);
}

Xapian::doccount Searcher::SampleStride(const Xapian::Query& query) {
  const SearchOptions& opt = context_->options;
  if (opt.facet_sample == 0 || shards_->any_remote() || db_.get_doccount() <= opt.exact_up_to) {
    return 0;  // no probe when the whole index is within the exact limit
  }
  // Bounds only (nothing checked): cheap. The lower bound is certain: for one term its
  // frequency, for OR the largest part's; AND and filters give none, so such queries are
  // counted in full up to exact_up_to.
  Xapian::Enquire probe(db_);
  probe.set_weighting_scheme(Xapian::BoolWeight());
  probe.set_query(query);
  Xapian::MSet bounds = probe.get_mset(0, 0, Xapian::doccount{0});
  if (bounds.get_matches_lower_bound() <= opt.exact_up_to) return 0;
  Xapian::doccount estimated = bounds.get_matches_estimated();
  return std::max<Xapian::doccount>(2, (estimated + opt.facet_sample - 1) / opt.facet_sample);
}


}  // namespace kavosh::search
