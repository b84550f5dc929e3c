// kavosh-indexer --shards: articles spread over shards by a stable hash of their id, a
// stub file and a spelling database; re-indexing lands in the same shard.
#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "indexer/core/indexer.h"
#include "schema/schema.h"
#include "tests/indexer/test_util.h"

namespace kavosh::indexer {
namespace {

using kavosh::testing::TempDir;

IndexStats IndexSample(const std::string& dir, unsigned shards, int only) {
  IndexerOptions options;
  options.db_path = dir;
  options.shards = shards;
  options.only_shard = only;
  std::string error;
  auto indexer = Indexer::Open(options, &error);
  EXPECT_NE(indexer, nullptr) << error;
  if (!indexer) return {};
  indexer->AddPath(std::string(KAVOSH_SOURCE_DIR) + "/data/sample/news.jsonl");
  return indexer->Finish();
}

TEST(ShardsTest, ArticlesGoToTheShardOfTheirId) {
  TempDir dir;
  IndexStats first = IndexSample(dir.Path("db"), 3, -1);
  ASSERT_GT(first.documents, 0u);
  std::ifstream stub(dir.Path("db/kavosh.stub"));
  std::stringstream text;
  text << stub.rdbuf();
  EXPECT_NE(text.str().find("auto shard-0\nauto shard-1\nauto shard-2\n#kavosh-spelling spelling"), std::string::npos)
      << text.str();
  Xapian::doccount total = 0;
  for (unsigned k = 0; k < 3; ++k) {
    Xapian::Database shard(dir.Path("db/shard-" + std::to_string(k)));
    EXPECT_GT(shard.get_doccount(), 0u) << "shard " << k;
    total += shard.get_doccount();
    for (auto it = shard.postlist_begin(""); it != shard.postlist_end(""); ++it) {
      std::string id = shard.get_document(*it).get_value(schema::kSlotId);
      EXPECT_EQ(ShardOf(id, 3), k) << id;
    }
  }
  EXPECT_EQ(total, first.documents);
  Xapian::Database spelling(dir.Path("db/spelling"));
  EXPECT_NE(spelling.spellings_begin(), spelling.spellings_end());
  // The whole stub opens as one database; a second run replaces, never duplicates.
  IndexStats again = IndexSample(dir.Path("db"), 3, -1);
  EXPECT_EQ(again.documents, first.documents);
  EXPECT_EQ(Xapian::Database(dir.Path("db/kavosh.stub")).get_doccount(), first.documents);
}

TEST(ShardsTest, OneShardAloneHoldsOnlyItsArticles) {
  TempDir dir;
  IndexStats all = IndexSample(dir.Path("all"), 3, -1);
  IndexStats one = IndexSample(dir.Path("one"), 3, 1);
  Xapian::Database whole(dir.Path("all/shard-1"));
  EXPECT_EQ(one.documents, whole.get_doccount());
  EXPECT_LT(one.documents, all.documents);
  // The others are left before enrichment and analysis, and counted.
  EXPECT_EQ(one.read, all.read);
  EXPECT_EQ(one.other_shards + one.indexed + one.updated, one.read);
  EXPECT_EQ(one.analysed, one.indexed + one.updated);
  EXPECT_EQ(all.other_shards, 0u);
  EXPECT_EQ(all.analysed, all.read);
}

// Story of every article, by id.
std::map<std::string, std::string> Stories(const Xapian::Database& db) {
  std::map<std::string, std::string> stories;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    stories[doc.get_value(schema::kSlotId)] = doc.get_value(schema::kSlotStory);
  }
  return stories;
}

// Copies in other shards are found, in the run that writes them and in the next one
// (which reads every shard's bands back).
TEST(ShardsTest, DuplicatesAreFoundAcrossShards) {
  TempDir dir;
  for (int run = 1; run <= 2; ++run) {
    IndexStats alone = IndexSample(dir.Path("alone"), 0, -1);
    EXPECT_GT(alone.duplicates, 0u);
    EXPECT_EQ(IndexSample(dir.Path("db"), 3, -1).duplicates, alone.duplicates) << "run " << run;
    EXPECT_EQ(Stories(Xapian::Database(dir.Path("db/kavosh.stub"))),
              Stories(Xapian::Database(dir.Path("alone"))))
        << "run " << run;
  }
}

}  // namespace
}  // namespace kavosh::indexer
