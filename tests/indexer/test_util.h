// Helpers for indexer tests: a temporary directory and JSONL writing.
#ifndef KAVOSH_TESTS_INDEXER_TEST_UTIL_H_
#define KAVOSH_TESTS_INDEXER_TEST_UTIL_H_

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

namespace kavosh::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("kavosh-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

inline std::string JsonLine(const std::string& id, const std::string& title,
                            const std::string& body, const std::string& published = "2025-04-25") {
  nlohmann::json j = {{"id", id}, {"title", title}, {"body", body}, {"published", published}};
  return j.dump() + "\n";
}

}  // namespace kavosh::testing

#endif  // KAVOSH_TESTS_INDEXER_TEST_UTIL_H_
