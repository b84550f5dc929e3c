// Reads the team's shared corpora (../shared); skipped when they are not there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/reader.h"
#include "readers_test_util.h"

namespace kavosh::readers {
namespace {

TEST(SharedCorpora, ReadWithoutErrors) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not found (set KAVOSH_SHARED to run this test)";
  struct Case {
    const char* corpus;
    size_t records;
  };
  const Case kCases[] = {{"hamshahri", 5375}, {"iranian-news", 4965}, {"farsnews", 1500}};
  size_t total = 0;
  for (const Case& c : kCases) {
    std::string path = shared + "/corpora/" + c.corpus + "/docs.jsonl";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found";
    std::ifstream in(path, std::ios::binary);
    size_t articles = 0;
    std::vector<ReadError> errors;
    ReadJsonlStream(
        in, path,
        [&](schema::Article&& a) {
          ++articles;
          EXPECT_FALSE(a.id.empty());
          EXPECT_FALSE(a.title.empty() && a.body.empty());
        },
        [&](ReadError&& e) { errors.push_back(std::move(e)); });
    EXPECT_EQ(articles, c.records) << c.corpus;
    EXPECT_TRUE(errors.empty()) << c.corpus << ": " << errors.front().ToString();
    // ReadFile detects the format and gives the same count.
    EXPECT_EQ(ReadFile(path).articles.size(), c.records) << c.corpus;
    total += articles;
  }
  EXPECT_EQ(total, 11840u);
}

}  // namespace
}  // namespace kavosh::readers
