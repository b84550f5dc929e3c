// kavosh-indexer runs with the allocator it was built for (cmake/KavoshAllocator.cmake):
// jemalloc in the default build, glibc's under the sanitizers. Its profile says which.
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "tests/indexer/test_util.h"

namespace kavosh::indexer {
namespace {

using kavosh::testing::JsonLine;
using kavosh::testing::TempDir;
using kavosh::testing::WriteFile;

TEST(AllocatorTest, IndexerProfileNamesTheAllocatorItWasBuiltWith) {
  TempDir dir;
  WriteFile(dir.Path("in.jsonl"), JsonLine("a1", "نشست شورای بانک‌ها", "جلسه در تبریز برگزار شد."));
  std::string command = "KAVOSH_INDEX_PROFILE=1 '" + std::string(KAVOSH_BINARY_DIR) +
                        "/bin/kavosh-indexer' --db '" + dir.Path("db") + "' '" +
                        dir.Path("in.jsonl") + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  ASSERT_EQ(pclose(pipe), 0) << output;
  if (KAVOSH_EXPECT_JEMALLOC) {
    // With one arena (schema/jemalloc_config.cc): jemalloc's default is one per core
    // times four, which made searchd's counting threads fault in fresh pages.
    const size_t at = output.find("\nallocator    jemalloc ");
    ASSERT_NE(at, std::string::npos) << output;
    EXPECT_NE(output.find(" narenas:1\n", at), std::string::npos) << output;
  } else {
    EXPECT_NE(output.find("\nallocator    glibc\n"), std::string::npos) << output;
  }
}

}  // namespace
}  // namespace kavosh::indexer
