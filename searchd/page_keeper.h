// A relevance page kept while counting: a match spy that keeps the best `keep` stories of
// the matches Xapian shows it, each by its best copy, in the order of Searcher's relevance
// page (weight, then article id, then document number) and collapsed like it
// (kSlotStory, one copy per story). A count that weighs its matches with the page's
// weighting scheme and shows every match to a PageKeeper has the page without a second
// pass over the matches (docs/performance.md, "Queries, fifth round"):
//
//   PageKeeper keeper(column, first + count);
//   enquire.set_weighting_scheme(bm25);            // the page's scheme and query
//   enquire.add_matchspy(&keeper);                 // first, then the facet counter's
//   keeper.set_limit(100000);
//   try {
//     enquire.get_mset(0, 0, 100000);              // every match shown...
//   } catch (const PageKeeper::Enough&) {}         // ...or the first 100,000
//   std::vector<Ranked> page = keeper.Page(first, count);  // (and the rest apart)
//
// Stories come from the FacetColumn of the database searched (one local database), whose
// story numbers are the same for every copy. Not thread-safe: one keeper per thread, then
// Absorb().
#ifndef KAVOSH_SEARCHD_PAGE_KEEPER_H_
#define KAVOSH_SEARCHD_PAGE_KEEPER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "searchd/facet_column.h"

namespace kavosh::search {

// One result of a page: a document and its weight.
struct Ranked {
  Xapian::docid did = 0;
  double weight = 0;
};

class PageKeeper : public Xapian::MatchSpy {
 public:
  PageKeeper(std::shared_ptr<const FacetColumn> column, Xapian::doccount keep);
  void operator()(const Xapian::Document& doc, double wt) override;
  std::string get_description() const override { return "PageKeeper"; }

  // Adds what `other` kept, as if its matches had been shown to this keeper (a story both
  // saw is kept by its better copy).
  void Absorb(const PageKeeper& other);
  // Adds the page of the matches it was not shown (ranked apart, DocumentRange): the
  // best `keep` stories of both together are the best of all. `id`: kSlotId of each.
  void Add(Xapian::docid did, double weight, std::string id);
  // The last document shown (0: none). Xapian shows the matches of one database in
  // document order, so after a count that stopped short, the documents after it were
  // not looked at.
  Xapian::docid last() const { return last_; }

  // Thrown by operator() when shown a match past the limit, before anything else counts
  // it (the keeper must be the enquire's first spy): Xapian checks every match of a
  // weighted query however few it was asked to check, so a weighted count stops here.
  struct Enough {};
  // At most `more` matches from now on; then Enough.
  void set_limit(Xapian::doccount more) { limit_ = shown_ + more; }
  // Results [first, first + count) of the order, within the `keep` kept.
  std::vector<Ranked> Page(Xapian::doccount first, Xapian::doccount count) const;

 private:
  struct Entry {
    double weight = 0;
    Xapian::docid did = 0;
    uint32_t story = 0;
    std::string id;  // kSlotId: the tie-break of equal weights
  };
  // Whether `a` comes before `b` in the page.
  static bool Before(const Entry& a, const Entry& b);
  void Offer(Entry entry);
  void FindWorst();

  std::shared_ptr<const FacetColumn> column_;
  size_t keep_;
  std::vector<Entry> kept_;
  size_t worst_ = 0;  // index in kept_ of the last in the order, once kept_ is full
  Xapian::docid last_ = 0;
  uint64_t shown_ = 0;
  uint64_t limit_ = UINT64_MAX;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_PAGE_KEEPER_H_
