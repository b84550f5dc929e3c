// What the fuzz targets share: a small real database (the sample corpus indexed by the
// real indexer), built once per process.
//
//   static const std::string& db = kavosh::fuzz::SampleDb();  // in LLVMFuzzerInitialize
//   auto searcher = kavosh::search::Searcher::Open(db, kavosh::fuzz::SampleContext(), &error);
#ifndef KAVOSH_FUZZ_FUZZ_UTIL_H_
#define KAVOSH_FUZZ_FUZZ_UTIL_H_

#include <memory>
#include <string>

#include "searchd/searcher.h"

namespace kavosh::fuzz {

// data/sample indexed into a temporary directory (removed at exit). Aborts when the
// indexer fails: a target without its database would fuzz nothing.
const std::string& SampleDb();

// The search context of the default data directory, shared by the process.
std::shared_ptr<const search::SearchContext> SampleContext();

}  // namespace kavosh::fuzz

#endif  // KAVOSH_FUZZ_FUZZ_UTIL_H_
