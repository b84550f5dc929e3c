// Helpers shared by the reader tests: fixture files and the shared corpora location.
#ifndef KAVOSH_TESTS_READERS_READERS_TEST_UTIL_H_
#define KAVOSH_TESTS_READERS_READERS_TEST_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "schema/article.h"

namespace kavosh::readers::testing {

inline std::string FixturePath(const std::string& name) {
  return std::string(KAVOSH_SOURCE_DIR) + "/tests/readers/fixtures/" + name;
}

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string Fixture(const std::string& name) { return ReadBytes(FixturePath(name)); }

// ../shared (the team's shared data): $KAVOSH_SHARED, else KAVOSH_SOURCE_DIR/../shared.
// Empty if it does not exist.
inline std::string SharedDir() {
  const char* env = std::getenv("KAVOSH_SHARED");
  std::string dir =
      env != nullptr && *env != '\0' ? env : std::string(KAVOSH_SOURCE_DIR) + "/../shared";
  std::error_code ec;
  return std::filesystem::is_directory(dir, ec) ? dir : "";
}

inline std::vector<std::string> Titles(const std::vector<schema::Article>& articles) {
  std::vector<std::string> titles;
  for (const auto& a : articles) titles.push_back(a.title);
  return titles;
}

}  // namespace kavosh::readers::testing

#endif  // KAVOSH_TESTS_READERS_READERS_TEST_UTIL_H_
