// kill -9 at random moments: the database must open, hold exactly the batches committed
// (a prefix of the input in whole batches), and a second run must complete the job with
// every article present once.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <filesystem>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <xapian.h>

#include "tests/indexer/test_util.h"

namespace kavosh::indexer {
namespace {

using kavosh::testing::JsonLine;
using kavosh::testing::TempDir;
using kavosh::testing::WriteFile;

constexpr int kArticles = 3000;
constexpr int kBatch = 200;

pid_t StartIndexer(const std::string& db, const std::string& input) {
  std::string binary = std::string(KAVOSH_BINARY_DIR) + "/bin/kavosh-indexer";
  pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stderr);
    freopen("/dev/null", "w", stdout);
    std::string batch = std::to_string(kBatch);
    execl(binary.c_str(), binary.c_str(), "--db", db.c_str(), "--batch", batch.c_str(),
          input.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

std::set<int> IndexedNumbers(const std::string& db_path) {
  std::set<int> out;
  if (!std::filesystem::exists(db_path + "/iamglass")) return out;  // killed before creating it
  Xapian::Database db(db_path);
  for (auto it = db.allterms_begin("Qn"); it != db.allterms_end("Qn"); ++it) {
    out.insert(std::stoi((*it).substr(2)));
  }
  EXPECT_EQ(out.size(), db.get_doccount());
  return out;
}

TEST(CrashTest, KillNineLeavesCommittedBatchesAndRerunCompletes) {
  TempDir dir;
  std::string input = dir.Path("big.jsonl");
  std::string data;
  const char* words[] = {"جلسه", "شورا", "بانک", "استان", "لرستان", "کارگاه", "نمایشگاه",
                         "سرمایه‌گذاری", "خرم‌آباد", "بروجرد", "مدیرکل", "تسهیلات"};
  std::mt19937 rng(42);
  for (int i = 0; i < kArticles; ++i) {
    std::string body;
    for (int w = 0; w < 60; ++w) body += std::string(words[rng() % 12]) + " " + std::to_string(rng() % 1000) + " ";
    data += JsonLine("n" + std::to_string(i), "خبر " + std::to_string(i), body);
  }
  WriteFile(input, data);
  std::string db = dir.Path("db");
  std::mt19937 delays(7);
  int kills = 0;
  for (int trial = 0; trial < 5; ++trial) {
    pid_t pid = StartIndexer(db, input);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + delays() % 900));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++kills;
    std::set<int> present = IndexedNumbers(db);
    // Input order is the id order, so committed batches are a prefix in whole batches
    // (or everything, if that run finished before the kill).
    if (!present.empty()) {
      EXPECT_EQ(*present.rbegin() + 1, static_cast<int>(present.size()));
      EXPECT_TRUE(present.size() % kBatch == 0 || present.size() == kArticles) << present.size();
    }
  }
  EXPECT_GT(kills, 0);
  pid_t pid = StartIndexer(db, input);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::set<int> present = IndexedNumbers(db);
  EXPECT_EQ(present.size(), static_cast<size_t>(kArticles));
}

}  // namespace
}  // namespace kavosh::indexer
