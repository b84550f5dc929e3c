// Facets of a query that matches more articles than SearchOptions::exact_up_to are
// estimated from a sample spread over the index (searchd/facets.h, SampleSource): the
// response says so, the estimates are close to the exact counts, and a query that matches
// few enough articles is still counted exactly. Small limits stand in for 100,000.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "searchd/facets.h"
#include "tests/searchd/searcher_fixture.h"

namespace kavosh::search::test {
namespace {

// 1,200 articles that all say استان, each a different draw of words from the test corpus
// (so none is a duplicate of another), an organisation and a place from a short list and
// a date in one of six months, chosen by a hash of the article number.
std::vector<nlohmann::json> ManyArticles() {
  const std::vector<std::string> words = t::CorpusWords();
  const char* orgs[] = {"بانک ملی", "سازمان صمت", "شهرداری خرم‌آباد", "دانشگاه لرستان"};
  const char* places[] = {"بروجرد", "دورود", "کوهدشت", "الیگودرز", "ازنا"};
  std::vector<nlohmann::json> out;
  t::Draws draws(12345);
  for (int i = 0; i < 1200; ++i) {
    std::string body = "نشست استان ";
    body += orgs[draws.Next(4)];
    body += " در شهرستان ";
    body += places[draws.Next(5)];
    body += " برگزار شد. ";
    for (int k = 0; k < 40; ++k) body += words[draws.Next(words.size())] + " ";
    int month = 1 + static_cast<int>(draws.Next(6));
    out.push_back({{"id", "many-" + std::to_string(i)},
                   {"title", "گزارش استان " + std::to_string(i)},
                   {"body", body},
                   {"published", "2025-0" + std::to_string(month) + "-15"},
                   {"source", "test"}});
  }
  return out;
}

class FacetSamplingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    std::string error;
    built_ = t::BuildCorpusDb(dir_->Path("db"), ManyArticles(), &error);
    error_ = error;
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::unique_ptr<Searcher> Open(Xapian::doccount exact_up_to, Xapian::doccount sample,
                                        Xapian::doccount parallel_from = 0) {
    SearchOptions options;
    options.exact_up_to = exact_up_to;
    options.facet_sample = sample;
    options.parallel_count_from = parallel_from;
    std::string error;
    auto s = Searcher::Open(dir_->Path("db"), SearchContext::Load("", options), &error);
    EXPECT_NE(s, nullptr) << error;
    return s;
  }

  static SearchResult Run(Searcher* s, const std::string& q) {
    SearchRequest r;
    r.q = q;
    r.facet_limit = 20;
    return s->Search(r);
  }

  static inline TempDir* dir_ = nullptr;
  static inline bool built_ = false;
  static inline std::string error_;
};

TEST_F(FacetSamplingTest, ABroadQueryIsEstimatedFromASpreadSample) {
  ASSERT_TRUE(built_) << error_;
  auto exact = Open(1000000, 0);
  auto sampled = Open(300, 400);  // 1,200 matches > 300: one document in 3
  ASSERT_TRUE(exact && sampled);
  SearchResult truth = Run(exact.get(), "استان");
  SearchResult estimate = Run(sampled.get(), "استان");
  ASSERT_TRUE(truth.total_is_exact);
  ASSERT_TRUE(truth.facets_exact);
  EXPECT_EQ(truth.total, 1200u);
  EXPECT_FALSE(estimate.total_is_exact);
  EXPECT_FALSE(estimate.facets_exact);
  // The hits themselves are ranked over every match, sample or not.
  ASSERT_EQ(estimate.hits.size(), truth.hits.size());
  for (size_t i = 0; i < truth.hits.size(); ++i) {
    EXPECT_EQ(estimate.hits[i].article.id, truth.hits[i].article.id) << i;
  }
  EXPECT_NEAR(static_cast<double>(estimate.total), 1200.0, 1200.0 * 0.25);
  size_t compared = 0;
  for (const char* facet : {"org", "place", "month"}) {
    std::map<std::string, uint64_t> want = FacetMap(truth, facet);
    std::map<std::string, uint64_t> got = FacetMap(estimate, facet);
    for (const auto& [value, count] : want) {
      if (count < 150) continue;  // small counts are too noisy for a one-in-three sample
      ++compared;
      ASSERT_TRUE(got.count(value)) << facet << " " << value;
      EXPECT_NEAR(static_cast<double>(got[value]), static_cast<double>(count), count * 0.4)
          << facet << " " << value;
    }
  }
  EXPECT_GE(compared, 8u) << "the corpus should give several large facet values";
}

// A broad query sorted by date is searched month by month from the newest (oldest): the
// pages are those of the whole order.
TEST_F(FacetSamplingTest, DateOrderOfABroadQueryIsTheWholeOrder) {
  ASSERT_TRUE(built_) << error_;
  auto exact = Open(1000000, 0);
  auto sampled = Open(300, 400);
  ASSERT_TRUE(exact && sampled);
  for (Sort sort : {Sort::kNewest, Sort::kOldest}) {
    for (const char* q : {"استان", ""}) {
      for (int page : {1, 3, 40}) {
        SearchRequest r;
        r.q = q;
        r.sort = sort;
        r.page = page;
        r.per_page = 25;
        SearchResult want = exact->Search(r);
        SearchResult got = sampled->Search(r);
        EXPECT_FALSE(got.total_is_exact) << q;
        ASSERT_EQ(got.hits.size(), want.hits.size()) << q << " page " << page;
        for (size_t i = 0; i < want.hits.size(); ++i) {
          EXPECT_EQ(got.hits[i].article.id, want.hits[i].article.id)
              << "'" << q << "' page " << page << " hit " << i;
        }
      }
    }
  }
}

TEST_F(FacetSamplingTest, FewEnoughMatchesAreCountedExactly) {
  ASSERT_TRUE(built_) << error_;
  auto sampled = Open(600, 400);
  auto exact = Open(1000000, 0);
  ASSERT_TRUE(sampled && exact);
  // One place: 400 to 500 articles, under the limit of 600.
  SearchResult truth = Run(exact.get(), "کوهدشت");
  SearchResult r = Run(sampled.get(), "کوهدشت");
  ASSERT_GT(truth.total, 100u);
  ASSERT_LT(truth.total, 600u);
  EXPECT_TRUE(r.total_is_exact);
  EXPECT_TRUE(r.facets_exact);
  EXPECT_EQ(r.total, truth.total);
  for (const char* facet : {"org", "place", "month", "type"}) {
    EXPECT_EQ(FacetMap(r, facet), FacetMap(truth, facet)) << facet;
  }
}

TEST_F(FacetSamplingTest, WithoutSamplingTheFirstMatchesAreCounted) {
  ASSERT_TRUE(built_) << error_;
  auto first = Open(300, 0);
  ASSERT_TRUE(first);
  SearchResult r = Run(first.get(), "استان");
  EXPECT_FALSE(r.total_is_exact);
  EXPECT_FALSE(r.facets_exact);
  uint64_t sum = 0;
  for (const auto& [value, count] : FacetMap(r, "month")) sum += count;
  // Xapian may look a little past the 300 it was asked to check, nowhere near 1,200.
  EXPECT_LT(sum, 400u) << "counted over the first 300 matches only";
}

// Counting on two threads (SearchOptions::parallel_count_from, searchd/slice_count.h)
// answers as one thread does: totals, exactness, facets and pages with their snippets.
TEST_F(FacetSamplingTest, CountingOnTwoThreadsGivesTheSameAnswers) {
  ASSERT_TRUE(built_) << error_;
  auto one = Open(1000000, 0);
  auto two = Open(1000000, 0, /*parallel_from=*/1);
  ASSERT_TRUE(one && two);
  struct Row {
    std::string q;
    Sort sort = Sort::kRelevance;
    std::vector<std::string> orgs = {};
    int page = 1;
  };
  const std::vector<Row> rows = {
      {"استان"}, {"بانک ملی"}, {"کوهدشت"}, {""}, {"\"سازمان صمت\""}, {"بروجرد ازنا"},
      {"استان", Sort::kNewest, {}, 3}, {"استان", Sort::kRelevance, {"بانک ملی"}},
      {"", Sort::kOldest, {"سازمان صمت"}, 2}, {"واژه‌ای‌که‌نیست"},
  };
  size_t snippets = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE("'" + row.q + "' page " + std::to_string(row.page));
    SearchRequest r;
    r.q = row.q;
    r.sort = row.sort;
    r.orgs = row.orgs;
    r.page = row.page;
    SearchResult want = one->Search(r);
    SearchResult got = two->Search(r);
    EXPECT_EQ(got.total, want.total);
    EXPECT_EQ(got.total_is_exact, want.total_is_exact);
    EXPECT_TRUE(got.total_is_exact);
    EXPECT_EQ(got.facets_exact, want.facets_exact);
    EXPECT_EQ(got.relaxed, want.relaxed);
    for (const char* facet : {"org", "place", "month", "type"}) {
      EXPECT_EQ(FacetMap(got, facet), FacetMap(want, facet)) << facet;
    }
    ASSERT_EQ(got.hits.size(), want.hits.size());
    for (size_t i = 0; i < want.hits.size(); ++i) {
      // Snippets too: on two threads, every other hit is made by the second one.
      EXPECT_EQ(got.hits[i].article.id, want.hits[i].article.id) << i;
      EXPECT_EQ(got.hits[i].score, want.hits[i].score) << i;
      EXPECT_EQ(got.hits[i].duplicates, want.hits[i].duplicates) << i;
      EXPECT_EQ(got.hits[i].title_html, want.hits[i].title_html) << i;
      EXPECT_EQ(got.hits[i].snippet_html, want.hits[i].snippet_html) << i;
      snippets += want.hits[i].snippet_html.find("<mark>") != std::string::npos;
    }
  }
  EXPECT_GT(snippets, 20u) << "too few snippets with a match to compare";
  EXPECT_EQ(one->parallel_counts(), 0u);
  EXPECT_GE(two->parallel_counts(), 8u) << "the counts did not run on two threads";

  // More matches than the limit: both estimate, from about as many matches.
  auto one_capped = Open(300, 0);
  auto two_capped = Open(300, 0, 1);
  SearchResult a = Run(one_capped.get(), "استان");
  SearchResult b = Run(two_capped.get(), "استان");
  EXPECT_FALSE(a.total_is_exact);
  EXPECT_FALSE(b.total_is_exact);
  EXPECT_FALSE(b.facets_exact);
  EXPECT_NEAR(static_cast<double>(b.total), 1200.0, 1200.0 * 0.25);
  uint64_t sum = 0;
  for (const auto& [value, count] : FacetMap(b, "month")) sum += count;
  EXPECT_GE(sum, 300u);
  EXPECT_LT(sum, 700u) << "each thread stops once the limit is spent";

  // A broad query's sample: the same documents, so the same estimates.
  auto one_sampled = Open(300, 400);
  auto two_sampled = Open(300, 400, 1);
  SearchResult c = Run(one_sampled.get(), "استان");
  SearchResult d = Run(two_sampled.get(), "استان");
  EXPECT_FALSE(d.total_is_exact);
  EXPECT_EQ(d.total, c.total);
  for (const char* facet : {"org", "place", "month", "type"}) {
    EXPECT_EQ(FacetMap(d, facet), FacetMap(c, facet)) << facet;
  }
  EXPECT_EQ(two_sampled->parallel_counts(), 1u);
}

// The sample takes exactly one document of each block of `stride` numbers, at offsets
// that vary from block to block, and skip_to() lands on the first sampled number at or
// after its target, as next() would.
TEST(SampleSourceTest, OneDocumentPerBlockAtVaryingOffsets) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const Xapian::docid last = 1003;
  for (Xapian::docid i = 0; i < last; ++i) db.add_document(Xapian::Document());
  for (Xapian::doccount stride : {1u, 2u, 7u, 50u}) {
    SCOPED_TRACE("stride " + std::to_string(stride));
    SampleSource source(stride);
    source.init(db);
    std::vector<Xapian::docid> sampled;
    for (source.next(0); !source.at_end(); source.next(0)) sampled.push_back(source.get_docid());
    std::map<Xapian::docid, int> per_block;
    std::set<Xapian::docid> offsets;
    for (size_t i = 0; i < sampled.size(); ++i) {
      ASSERT_GE(sampled[i], 1u);
      ASSERT_LE(sampled[i], last);
      if (i > 0) {
        ASSERT_GT(sampled[i], sampled[i - 1]);
      }
      ++per_block[(sampled[i] - 1) / stride];
      offsets.insert((sampled[i] - 1) % stride);
    }
    const Xapian::docid full_blocks = last / stride;
    for (Xapian::docid b = 0; b < full_blocks; ++b) EXPECT_EQ(per_block[b], 1) << "block " << b;
    EXPECT_LE(sampled.size(), full_blocks + 1);
    if (stride >= 7) {
      EXPECT_GE(offsets.size(), std::min<size_t>(stride, full_blocks) / 2) << "offsets do not vary";
    }
    // skip_to from a fresh source: the first sampled number at or after the target.
    for (Xapian::docid target : {1u, 2u, 50u, 51u, 333u, 1000u, 1003u}) {
      SampleSource skipper(stride);
      skipper.init(db);
      skipper.skip_to(target, 0);
      auto want = std::lower_bound(sampled.begin(), sampled.end(), target);
      if (want == sampled.end()) {
        EXPECT_TRUE(skipper.at_end()) << target;
      } else {
        ASSERT_FALSE(skipper.at_end()) << target;
        EXPECT_EQ(skipper.get_docid(), *want) << target;
      }
    }
  }
}

}  // namespace
}  // namespace kavosh::search::test
