// Did-you-mean, recency, suggestions, documents by id, new commits and refusing what
// is not a Kavosh index.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "analyzers/normalizer.h"
#include "tests/searchd/searcher_fixture.h"
#include "test_time.h"

namespace kavosh::search::test {
namespace {

TEST_F(SearcherTest, DidYouMeanAndTypoTolerance) {
  struct Row {
    std::string q;
    std::optional<std::string> did_you_mean;
    Ids must_include;
  };
  const Row rows[] = {
      {"کابران", "کاربران", {t::kWorkshop}},
      {"سامانه کابران", "سامانه کاربران", {t::kWorkshop}},
      {"زنبورداري", std::nullopt, {t::kBeesOld, t::kBeesNew}},  // a spelling variant, not a typo
      {"کاربران", std::nullopt, {t::kWorkshop}},
      {"زنبوداری", "زنبورداری", {t::kBeesOld, t::kBeesNew}},
  };
  for (const Row& row : rows) {
    SearchResult r = Run(row.q);
    EXPECT_EQ(r.did_you_mean, row.did_you_mean) << "query <" << row.q << ">";
    for (const std::string& id : row.must_include) {
      EXPECT_TRUE(IdSet(r).count(id)) << "query <" << row.q << "> misses " << id;
    }
  }
  // The typo-tolerant match is marked in the text under its correct spelling.
  SearchResult r = Run("کابران");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_NE(r.hits[0].title_html.find("<mark>کاربران</mark>"), std::string::npos)
      << r.hits[0].title_html;
  EXPECT_FALSE(r.corrections.empty());
}

TEST_F(SearcherTest, RecencyPrefersTheNewerOfEquallyRelevantArticles) {
  SearchResult plain = Run("زنبورداری");
  ASSERT_EQ(plain.hits.size(), 2u);
  EXPECT_NEAR(plain.hits[0].score, plain.hits[1].score, 1e-6) << "not equally relevant";
  EXPECT_EQ(plain.hits[0].article.id, t::kBeesOld);  // ties: index order
  for (double recency : {0.5, 2.0, 10.0}) {
    SearchResult recent = Run("زنبورداری", [recency](SearchRequest* r) { r->recency = recency; });
    ASSERT_EQ(recent.hits.size(), 2u) << recency;
    EXPECT_EQ(recent.hits[0].article.id, t::kBeesNew) << "recency " << recency;
    EXPECT_GT(recent.hits[0].score, plain.hits[0].score) << "recency " << recency;
  }
  // It reorders, never adds: the same matches as without it.
  SearchResult bank = Run("بانک", [](SearchRequest* r) { r->recency = 5; });
  EXPECT_EQ(IdSet(bank), IdSet(Run("بانک")));
  EXPECT_EQ(bank.total, Run("بانک").total);
}

TEST_F(SearcherTest, Suggestions) {
  auto find = [](const std::vector<Suggestion>& s, const std::string& text,
                 const std::string& kind) {
    return std::any_of(s.begin(), s.end(),
                       [&](const Suggestion& x) { return x.text == text && x.kind == kind; });
  };
  auto dump = [](const std::vector<Suggestion>& s) {
    std::string out;
    for (const Suggestion& x : s) out += "\n  " + x.kind + ": " + x.text;
    return out;
  };
  struct Row {
    std::string prefix;
    std::string text;
    std::string kind;
  };
  const Row rows[] = {
      {"شورای هماه", "شورای هماهنگی بانک‌های استان لرستان", "org"},
      {"بانک م", "بانک ملی ایران", "org"},
      {"بانک م", "بانک ملت", "org"},
      {"شوراي هماه", "شورای هماهنگی بانک‌های استان لرستان",
       "org"},  // Arabic YEH typed
      {"زنبور", "زنبورداری", "term"},
      {"زنبور", "آموزش زنبورداری در سلسله", "title"},
      {"نمایشگاه صنا",
       "گشایش نمایشگاه صنایع دستی لرستان در خرم‌آباد",
       "title"},
      {"گشا", "گشایش نمایشگاه صنایع دستی لرستان در خرم‌آباد",
       "title"},
  };
  for (const Row& row : rows) {
    std::vector<Suggestion> s = searcher_->Suggest(row.prefix, 8);
    EXPECT_TRUE(find(s, row.text, row.kind)) << "prefix <" << row.prefix << "> lacks " << row.kind
                                             << " '" << row.text << "':" << dump(s);
    EXPECT_LE(s.size(), 8u);
  }
  // Every suggestion of a word prefix starts with it, in some spelling.
  for (const Suggestion& x : searcher_->Suggest("زنبور", 8)) {
    if (x.kind == "term") {
      EXPECT_EQ(x.text.rfind("زنبور", 0), 0u) << x.text;
    }
  }
  // One letter: quick, bounded by the limit, no duplicates.
  for (size_t limit : {1u, 3u, 8u, 20u}) {
    auto start = std::chrono::steady_clock::now();
    std::vector<Suggestion> s = searcher_->Suggest("ب", limit);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LE(s.size(), limit);
    EXPECT_FALSE(s.empty());
    EXPECT_LT(ms, kavosh::testing::Scaled(500.0)) << "limit " << limit;
    std::set<std::string> texts;
    for (const Suggestion& x : s) EXPECT_TRUE(texts.insert(x.text).second) << "twice: " << x.text;
  }
  EXPECT_TRUE(searcher_->Suggest("", 8).empty());
  EXPECT_TRUE(searcher_->Suggest("   ", 8).empty());
  EXPECT_TRUE(searcher_->Suggest("بانک", 0).empty());
  EXPECT_TRUE(searcher_->Suggest("کهکشانی", 8).empty());
  // Hostile prefixes are harmless.
  searcher_->Suggest("\xff\xfe", 8);
  searcher_->Suggest(std::string(5000, 'a'), 8);
  searcher_->Suggest("XO", 8);
}

TEST_F(SearcherTest, DocumentById) {
  std::optional<nlohmann::json> doc = searcher_->Document(t::kStoryB);
  ASSERT_TRUE(doc);
  EXPECT_EQ((*doc)["id"], std::string(t::kStoryB));
  EXPECT_EQ((*doc)["title"], "دیدار فرماندار دورود با خانواده شهدای مدافع حرم");
  EXPECT_EQ((*doc)["duplicates"], 1);
  std::optional<nlohmann::json> slash = searcher_->Document(t::kCharity);
  ASSERT_TRUE(slash);
  EXPECT_EQ((*slash)["duplicates"], 0);
  EXPECT_EQ((*slash)["date"]["jalali"], "1404-01-05");
  for (const std::string& id :
       {std::string("unknown"), std::string(""), std::string("dorud-visit"),
        std::string(t::kStoryB) + "x", std::string("\xff"), std::string(3000, 'a')}) {
    EXPECT_FALSE(searcher_->Document(id).has_value()) << "id <" << id << ">";
  }
}

TEST_F(SearcherTest, SeesNewCommitsAfterRefresh) {
  TempDir dir;
  std::vector<nlohmann::json> corpus = t::Corpus();
  std::vector<nlohmann::json> first(corpus.begin(), corpus.begin() + 3);
  ASSERT_TRUE(t::BuildCorpusDb(dir.Path("db"), first));
  std::string error;
  std::unique_ptr<Searcher> s = Searcher::Open(dir.Path("db"), *context_, &error);
  ASSERT_NE(s, nullptr) << error;
  EXPECT_EQ(s->documents(), 3u);
  ASSERT_TRUE(t::BuildCorpusDb(dir.Path("db"), {corpus[6]}));  // the exhibition
  s->Refresh(std::chrono::milliseconds(0));
  EXPECT_EQ(s->documents(), 4u);
  SearchRequest r;
  r.q = "نمایشگاه";
  EXPECT_EQ(s->Search(r).total, 1u);
}

TEST(SearcherOpenTest, RefusesWhatIsNotAKavoshIndex) {
  TempDir dir;
  auto context = SearchContext::Load("", {});
  std::string error;
  EXPECT_EQ(Searcher::Open(dir.Path("missing"), context, &error), nullptr);
  EXPECT_FALSE(error.empty());
  t::WriteFile(dir.Path("file"), "not a database");
  error.clear();
  EXPECT_EQ(Searcher::Open(dir.Path("file"), context, &error), nullptr);
  EXPECT_FALSE(error.empty());
  {
    Xapian::WritableDatabase plain(dir.Path("plain"), Xapian::DB_CREATE_OR_OPEN);
    plain.add_document(Xapian::Document());
    plain.commit();
  }
  error.clear();
  EXPECT_EQ(Searcher::Open(dir.Path("plain"), context, &error), nullptr);
  EXPECT_NE(error.find("schema"), std::string::npos) << error;
}

}  // namespace
}  // namespace kavosh::search::test
