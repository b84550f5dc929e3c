// A stub file listing shards (interfaces.md: "PATH: a database directory, or a Xapian
// stub file listing shards"): the corpus split over two local databases answers as the
// whole corpus in one does; a shard that cannot be opened is left out and named.
#include <gtest/gtest.h>
#include <xapian.h>

#include <map>

#include "schema/schema.h"
#include "searchd/response_json.h"
#include "tests/searchd/searcher_fixture.h"

namespace kavosh::search::test {
namespace {

class ShardsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    std::vector<nlohmann::json> corpus = t::Corpus();
    // The two copies of one story (indices 7 and 8) stay in one shard: duplicates are
    // found within an index.
    std::vector<nlohmann::json> first(corpus.begin(), corpus.begin() + 9);
    std::vector<nlohmann::json> second(corpus.begin() + 9, corpus.end());
    std::string error;
    ok_ = t::BuildCorpusDb(dir_->Path("whole"), corpus, &error) &&
          t::BuildCorpusDb(dir_->Path("shard1"), first, &error) &&
          t::BuildCorpusDb(dir_->Path("shard2"), second, &error);
    error_ = error;
    context_ = new std::shared_ptr<SearchContext>(SearchContext::Load("", {}));
  }
  static void TearDownTestSuite() {
    delete context_;
    delete dir_;
  }
  void SetUp() override { ASSERT_TRUE(ok_) << error_; }

  static std::unique_ptr<Searcher> Open(const std::string& path, std::string* error) {
    return Searcher::Open(path, *context_, error);
  }
  static std::string Stub(const std::string& name, const std::string& text) {
    std::string path = dir_->Path(name);
    t::WriteFile(path, text);
    return path;
  }
  static SearchResult Run(Searcher& s, const std::string& q) {
    SearchRequest r;
    r.q = q;
    r.per_page = 100;
    r.facet_limit = 100;
    return s.Search(r);
  }
  static Ids Stories(const SearchResult& r) {
    Ids s;
    for (const Hit& h : r.hits) s.insert(h.article.story.empty() ? h.article.id : h.article.story);
    return s;
  }
  static std::map<std::string, std::map<std::string, uint64_t>> Facets(const SearchResult& r) {
    std::map<std::string, std::map<std::string, uint64_t>> out;
    for (const auto& [name, values] : r.facets) {
      for (const FacetCount& f : values) out[name][f.value] = f.count;
    }
    return out;
  }

  static inline TempDir* dir_ = nullptr;
  static inline bool ok_ = false;
  static inline std::string error_;
  static inline std::shared_ptr<SearchContext>* context_ = nullptr;
};

TEST_F(ShardsTest, TwoLocalShardsAnswerLikeOneDatabase) {
  std::string error;
  // Relative paths in a stub are relative to the stub; comments are allowed.
  std::unique_ptr<Searcher> sharded =
      Open(Stub("two.stub", "# two halves\nshard1\nauto shard2\n"), &error);
  ASSERT_NE(sharded, nullptr) << error;
  std::unique_ptr<Searcher> whole = Open(dir_->Path("whole"), &error);
  ASSERT_NE(whole, nullptr) << error;
  EXPECT_EQ(sharded->documents(), whole->documents());
  for (const std::string q : {"", "بانک‌ها", "type:meeting", "\"شورای هماهنگی\"",
                              "زنبورداری -دلفان", "از:۱۴۰۴/۰۱/۰۱", "کابران", "org:\"بانک سپه\""}) {
    SearchResult a = Run(*sharded, q), b = Run(*whole, q);
    EXPECT_EQ(Stories(a), Stories(b)) << "query <" << q << ">";
    EXPECT_EQ(a.total, b.total) << "query <" << q << ">";
    EXPECT_EQ(Facets(a), Facets(b)) << "query <" << q << ">";
    EXPECT_EQ(a.did_you_mean, b.did_you_mean) << "query <" << q << ">";
    EXPECT_FALSE(a.partial) << "query <" << q << ">";
  }
  // Newest first across the shards.
  SearchResult all = Run(*sharded, "");
  ASSERT_FALSE(all.hits.empty());
  EXPECT_EQ(all.hits.front().article.id, t::kBeesNew);
  EXPECT_EQ(all.hits.back().article.id, t::kUndated);
  // Documents from either shard, with their duplicate counts.
  std::optional<nlohmann::json> a = sharded->Document(t::kStoryB);
  ASSERT_TRUE(a);
  EXPECT_EQ((*a)["duplicates"], 1);
  EXPECT_TRUE(sharded->Document(t::kAppointment).has_value());
  EXPECT_FALSE(sharded->Document("no-such-id").has_value());
}

TEST_F(ShardsTest, AMissingShardIsLeftOutAndNamed) {
  std::string error;
  std::unique_ptr<Searcher> s = Open(Stub("missing.stub", "shard1\ngone-shard\n"), &error);
  ASSERT_NE(s, nullptr) << error;
  std::unique_ptr<Searcher> half = Open(dir_->Path("shard1"), &error);
  ASSERT_NE(half, nullptr) << error;
  SearchResult r = Run(*s, "");
  EXPECT_TRUE(r.partial);
  EXPECT_EQ(r.failed_shards, (std::vector<std::string>{"gone-shard"}));
  EXPECT_EQ(Stories(r), Stories(Run(*half, "")));
  nlohmann::json j = SearchResultToJson(r);
  EXPECT_EQ(j["partial"], true);
  EXPECT_EQ(j["failed_shards"], nlohmann::json::array({"gone-shard"}));
  // Every shard missing: nothing to serve.
  EXPECT_TRUE(Open(Stub("none.stub", "gone-1\ngone-2\n"), &error) == nullptr);
  EXPECT_NE(error.find("gone-1"), std::string::npos) << error;
}

// searchd refuses an index it does not understand (style.md, rule 1): every shard of it.
TEST_F(ShardsTest, AShardOfAnotherSchemaIsRefused) {
  {
    Xapian::WritableDatabase other(dir_->Path("other-schema"), Xapian::DB_CREATE_OR_OPEN);
    other.add_document(Xapian::Document());
    other.set_metadata(std::string(schema::kMetaSchemaVersion), "999");
    other.commit();
  }
  // Regression (was a bug, fixed): Searcher::Open checks compatibility on the combined database, whose metadata
  // is the first shard's; a foreign shard listed second is served.
  for (const std::string& text :
       {std::string("other-schema\nshard1\n"), std::string("shard1\nother-schema\n")}) {
    std::string error;
    EXPECT_TRUE(Open(Stub("other.stub", text), &error) == nullptr) << "served; stub:\n" << text;
    EXPECT_NE(error.find("schema"), std::string::npos) << "stub:\n" << text << "error: " << error;
  }
}

TEST_F(ShardsTest, MalformedStubsAreRefusedWithTheLine) {
  struct Row {
    std::string text;
    std::string message;
  };
  const Row rows[] = {
      {"", "lists no shard"},
      {"# only a comment\n", "lists no shard"},
      {"shard1\nremote tcp localhost notaport\n", ":2: bad port"},
      {"remote localhost\n", ":1: expected 'remote HOST:PORT'"},
      {"a b c\n", ":1: not a shard line"},
      {"#kavosh-spelling\nshard1\n", ":1: #kavosh-spelling needs a path"},
  };
  for (const Row& row : rows) {
    std::string error;
    EXPECT_TRUE(Open(Stub("bad.stub", row.text), &error) == nullptr) << "stub:\n" << row.text;
    EXPECT_NE(error.find(row.message), std::string::npos)
        << "stub:\n"
        << row.text << "\nexpected '" << row.message << "' in: " << error;
  }
}

}  // namespace
}  // namespace kavosh::search::test
