// Shared helpers for the entities tests.
#ifndef KAVOSH_TESTS_ENTITIES_TEST_UTIL_H_
#define KAVOSH_TESTS_ENTITIES_TEST_UTIL_H_

#include <string>
#include <vector>

#include "indexer/entities/gazetteer.h"

namespace kavosh::entities::testing {

// The project's own data files (data/gazetteers), loaded once per test binary.
inline const Gazetteer& ProjectGazetteer() {
  static const Gazetteer g = Gazetteer::Load({std::string(KAVOSH_SOURCE_DIR) + "/data"});
  return g;
}

inline std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : " | ") + s;
  return "{" + out + "}";
}

}  // namespace kavosh::entities::testing

#endif  // KAVOSH_TESTS_ENTITIES_TEST_UTIL_H_
