#include "fuzz/fuzz_util.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "indexer/core/indexer.h"

namespace kavosh::fuzz {

namespace {

std::string temp_dir;

void RemoveTempDir() {
  std::error_code ec;
  if (!temp_dir.empty()) std::filesystem::remove_all(temp_dir, ec);
}

[[noreturn]] void Die(const std::string& why) {
  std::fprintf(stderr, "fuzz: cannot build the sample database: %s\n", why.c_str());
  std::abort();
}

std::string Build() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kavosh-fuzz-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) Die("mkdtemp failed");
  temp_dir = pattern;
  std::atexit(RemoveTempDir);
  indexer::IndexerOptions options;
  options.db_path = temp_dir + "/db";
  options.threads = 1;
  options.on_error = [](const std::string& e) {
    std::fprintf(stderr, "fuzz: sample: %s\n", e.c_str());
  };
  std::string error;
  std::unique_ptr<indexer::Indexer> indexer = indexer::Indexer::Open(options, &error);
  if (!indexer) Die(error);
  const char* sample = std::getenv("KAVOSH_FUZZ_SAMPLE");
  indexer->AddPath(sample != nullptr ? sample : KAVOSH_SOURCE_DIR "/data/sample");
  indexer::IndexStats stats = indexer->Finish();
  if (stats.documents == 0) Die("no documents indexed");
  return options.db_path;
}

}  // namespace

const std::string& SampleDb() {
  static const std::string path = Build();
  return path;
}

std::shared_ptr<const search::SearchContext> SampleContext() {
  static const std::shared_ptr<const search::SearchContext> context =
      search::SearchContext::Load("", search::SearchOptions{});
  return context;
}

}  // namespace kavosh::fuzz
