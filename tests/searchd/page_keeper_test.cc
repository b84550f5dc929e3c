// Pages kept while counting (searchd/page_keeper.h): a PageKeeper keeps the page Xapian
// would rank (weight, then article id, then document number; one copy per story), alone,
// split between two keepers, and with the documents it was not shown ranked apart; and
// whole searches answer the same with the page kept as with the page ranked apart.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <map>

#include "schema/schema.h"
#include "searchd/page_keeper.h"
#include "tests/searchd/searcher_fixture.h"

namespace kavosh::search::test {
namespace {

namespace sc = kavosh::schema;

struct Doc {
  std::string id, story;
  double weight = 0;
};

// `n` documents in about `stories` stories, weights from a short list (so that many are
// equal and the article id decides), ids in an order unrelated to document numbers.
std::vector<Doc> RandomDocs(uint64_t seed, int n, size_t stories) {
  kavosh::testing::Draws draws(seed);
  std::vector<Doc> docs;
  for (int i = 0; i < n; ++i) {
    docs.push_back({"a" + std::to_string(draws.Next(100000)) + "-" + std::to_string(i),
                    "s" + std::to_string(draws.Next(stories)), 0.5 * static_cast<double>(draws.Next(8))});
  }
  return docs;
}

// What Xapian's collapsed relevance page holds: each story's best copy, best first.
std::vector<Xapian::docid> Expected(const std::vector<Doc>& docs, size_t first, size_t count) {
  auto before = [&](Xapian::docid a, Xapian::docid b) {
    const Doc &x = docs[a - 1], &y = docs[b - 1];
    if (x.weight != y.weight) return x.weight > y.weight;
    if (x.id != y.id) return x.id < y.id;
    return a < b;
  };
  std::map<std::string, Xapian::docid> best;
  for (Xapian::docid did = 1; did <= docs.size(); ++did) {
    auto [it, added] = best.try_emplace(docs[did - 1].story, did);
    if (!added && before(did, it->second)) it->second = did;
  }
  std::vector<Xapian::docid> order;
  for (const auto& [story, did] : best) order.push_back(did);
  std::sort(order.begin(), order.end(), before);
  std::vector<Xapian::docid> page;
  for (size_t i = first; i < order.size() && i < first + count; ++i) page.push_back(order[i]);
  return page;
}

class PageKeeperTest : public ::testing::Test {
 protected:
  void Build(const std::vector<Doc>& docs) {
    docs_ = docs;
    Xapian::WritableDatabase w(dir_.Path("db"), Xapian::DB_CREATE_OR_OVERWRITE);
    for (const Doc& d : docs) {
      Xapian::Document doc;
      doc.add_term("x");
      doc.add_value(sc::kSlotId, d.id);
      sc::FacetIds ids;
      ids.tag = 1;
      ids.story = sc::StoryHash(d.story);
      doc.add_value(sc::kSlotFacetIds, sc::EncodeFacetIds(ids));
      w.add_document(doc);
    }
    w.commit();
    db_ = Xapian::Database(dir_.Path("db"));
    column_ = FacetColumn::Read(db_, size_t{64} << 20);
    ASSERT_NE(column_, nullptr);
  }
  void Show(PageKeeper* keeper, Xapian::docid from, Xapian::docid to) {
    for (Xapian::docid did = from; did <= to; ++did) (*keeper)(db_.get_document(did), docs_[did - 1].weight);
  }
  static std::vector<Xapian::docid> Ids(const std::vector<Ranked>& page) {
    std::vector<Xapian::docid> out;
    for (const Ranked& r : page) out.push_back(r.did);
    return out;
  }

  kavosh::testing::TempDir dir_;
  std::vector<Doc> docs_;
  Xapian::Database db_;
  std::shared_ptr<const FacetColumn> column_;
};

TEST_F(PageKeeperTest, KeepsTheCollapsedPageOfEveryMatch) {
  Build(RandomDocs(3, 700, 260));
  for (auto [first, count] : {std::pair{0u, 10u}, {0u, 1u}, {20u, 10u}, {0u, 100u}, {250u, 50u}}) {
    SCOPED_TRACE(std::to_string(first) + "+" + std::to_string(count));
    PageKeeper keeper(column_, first + count);
    Show(&keeper, 1, static_cast<Xapian::docid>(docs_.size()));
    std::vector<Ranked> page = keeper.Page(first, count);
    EXPECT_EQ(Ids(page), Expected(docs_, first, count));
    for (const Ranked& r : page) EXPECT_EQ(r.weight, docs_[r.did - 1].weight);
  }
}

// Two threads' keepers (each shown some slices), absorbed; and a keeper shown the first
// matches only, with the page of the rest added: the same page as one keeper shown all.
TEST_F(PageKeeperTest, PartsAddUpToTheWhole) {
  Build(RandomDocs(5, 600, 150));
  const auto n = static_cast<Xapian::docid>(docs_.size());
  const std::vector<Xapian::docid> want = Expected(docs_, 0, 20);
  PageKeeper one(column_, 20), two(column_, 20);
  for (Xapian::docid from = 1; from <= n; from += 75) Show(from % 2 ? &one : &two, from, std::min(n, from + 74));
  one.Absorb(two);
  EXPECT_EQ(Ids(one.Page(0, 20)), want);

  for (Xapian::docid cut : {Xapian::docid{1}, Xapian::docid{299}, n}) {
    SCOPED_TRACE(cut);
    PageKeeper seen(column_, 20);
    Show(&seen, 1, cut);
    EXPECT_EQ(seen.last(), cut);
    // The rest's own collapsed page, as Xapian would rank it apart.
    std::vector<Doc> rest = docs_;
    for (Xapian::docid did = 1; did <= cut; ++did) rest[did - 1].weight = -1;  // never first
    std::vector<Xapian::docid> rest_page = Expected(rest, 0, 20);
    for (Xapian::docid did : rest_page) {
      if (did > cut) seen.Add(did, docs_[did - 1].weight, docs_[did - 1].id);
    }
    EXPECT_EQ(Ids(seen.Page(0, 20)), want);
  }
}

TEST_F(PageKeeperTest, StopsPastItsLimitBeforeCountingTheMatch) {
  Build(RandomDocs(9, 50, 50));
  PageKeeper keeper(column_, 10);
  keeper.set_limit(30);
  EXPECT_NO_THROW(Show(&keeper, 1, 30));
  EXPECT_THROW(Show(&keeper, 31, 31), PageKeeper::Enough);
  EXPECT_EQ(keeper.last(), 30u) << "the match past the limit is not taken";
  keeper.set_limit(5);
  EXPECT_NO_THROW(Show(&keeper, 31, 35));
  EXPECT_EQ(keeper.last(), 35u);
}

// Articles with copies: 300 drawn from the test corpus's words, then 150 copies of some
// of them (same body, their own id and date), all saying استان and شهرستان.
std::vector<nlohmann::json> ArticlesWithCopies() {
  const std::vector<std::string> words = t::CorpusWords();
  const char* places[] = {"بروجرد", "دورود", "کوهدشت", "ازنا"};
  t::Draws draws(77);
  std::vector<nlohmann::json> out;
  for (int i = 0; i < 450; ++i) {
    std::string body;
    if (i < 300) {
      body = "نشست استان در شهرستان " + std::string(places[draws.Next(4)]) + " برگزار شد. ";
      const size_t length = 30 + draws.Next(40);
      for (size_t k = 0; k < length; ++k) body += words[draws.Next(words.size())] + " ";
    } else {
      body = out[draws.Next(300)]["body"].get<std::string>();
    }
    out.push_back({{"id", "c-" + std::to_string(i)},
                   {"title", "گزارش " + std::to_string(i)},
                   {"body", body},
                   {"published", "2025-0" + std::to_string(1 + draws.Next(6)) + "-1" + std::to_string(draws.Next(10))},
                   {"source", "test"}});
  }
  return out;
}

// The whole search with the page kept while counting and with the page ranked apart: the
// same pages (ids, scores, copies), totals and facets, on one thread and two, counting
// every match or stopping short of them (the rest then ranked apart).
TEST(PageInCountTest, SearchesAnswerAsWithThePageRankedApart) {
  kavosh::testing::TempDir dir;
  std::string error;
  ASSERT_TRUE(t::BuildCorpusDb(dir.Path("db"), ArticlesWithCopies(), &error)) << error;
  struct Setup {
    Xapian::doccount exact_up_to, parallel_from;
  };
  size_t short_counts = 0, copies = 0;
  for (Setup setup : {Setup{1000000, 0}, Setup{1000000, 1}, Setup{120, 0}, Setup{120, 1}}) {
    SearchOptions kept, apart;
    for (SearchOptions* o : {&kept, &apart}) {
      o->exact_up_to = setup.exact_up_to;
      o->facet_sample = 0;  // a count past exact_up_to stops short, no sampling
      o->parallel_count_from = setup.parallel_from;
    }
    apart.page_in_count = false;
    auto a = Searcher::Open(dir.Path("db"), SearchContext::Load("", kept), &error);
    auto b = Searcher::Open(dir.Path("db"), SearchContext::Load("", apart), &error);
    ASSERT_TRUE(a && b) << error;
    struct Row {
      std::string q;
      int page = 1, per_page = 10;
      double recency = 0;
    };
    for (const Row& row : std::vector<Row>{{"استان"}, {"استان شهرستان"}, {"استان شهرستان", 3},
                                           {"\"در شهرستان\"", 1, 50}, {"بروجرد یا دورود"},
                                           {"استان", 2, 40, 2.0}, {"شهرستان", 5, 20}}) {
      SCOPED_TRACE(row.q + " page " + std::to_string(row.page) + ", exact up to " +
                   std::to_string(setup.exact_up_to) + ", parallel from " + std::to_string(setup.parallel_from));
      SearchRequest r;
      r.q = row.q;
      r.page = row.page;
      r.per_page = row.per_page;
      r.recency = row.recency;
      SearchResult x = a->Search(r), y = b->Search(r);
      ASSERT_EQ(x.hits.size(), y.hits.size());
      for (size_t i = 0; i < x.hits.size(); ++i) {
        EXPECT_EQ(x.hits[i].article.id, y.hits[i].article.id) << i;
        EXPECT_DOUBLE_EQ(x.hits[i].score, y.hits[i].score) << i;
        EXPECT_EQ(x.hits[i].duplicates, y.hits[i].duplicates) << i;
        copies += x.hits[i].duplicates;
      }
      EXPECT_EQ(x.total_is_exact, y.total_is_exact);
      if (!y.total_is_exact) {
        ++short_counts;  // estimates: each way has its own
        continue;
      }
      EXPECT_EQ(x.total, y.total);
      for (const char* facet : {"org", "type", "place", "month"}) {
        EXPECT_EQ(FacetMap(x, facet), FacetMap(y, facet)) << facet;
      }
    }
  }
  EXPECT_GT(short_counts, 4u) << "no count stopped short: the rest was never ranked apart";
  EXPECT_GT(copies, 0u) << "no page held a story with copies";
}

}  // namespace
}  // namespace kavosh::search::test
