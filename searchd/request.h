// API parameters to a SearchRequest, every one validated: the single place that decides
// what a bad request is. Used by the HTTP server and, for the same rules, by kavosh-search.
//
//   Params params = {{"q", "بانک"}, {"page", "2"}, {"org", "بانک ملی"}};
//   ParamError error;
//   std::optional<SearchRequest> r = ParseSearchParams(params, resolver, &error);
//   if (!r) respond 400 with error.message;
//
// Limits (docs/api.md): q at most kMaxQueryBytes, page 1..kMaxPage, per_page
// 1..kMaxPerPage, at most kMaxFilterValues values per filter, every value valid UTF-8.
#ifndef KAVOSH_SEARCHD_REQUEST_H_
#define KAVOSH_SEARCHD_REQUEST_H_

#include <map>
#include <optional>
#include <string>

#include "searchd/field_resolver.h"
#include "searchd/searcher.h"

namespace kavosh::search {

// The same type as httplib::Params.
using Params = std::multimap<std::string, std::string>;

inline constexpr size_t kMaxQueryBytes = 1024;
inline constexpr int kMaxPage = 1000;
inline constexpr int kMaxPerPage = 100;
inline constexpr size_t kMaxFilterValues = 20;
inline constexpr size_t kMaxValueBytes = 256;
inline constexpr size_t kMaxParams = 64;

struct ParamError {
  std::string code = "bad_request";
  std::string message;
};

std::optional<SearchRequest> ParseSearchParams(const Params& params, const FieldResolver& resolver,
                                               ParamError* error);

// A single optional parameter: nullopt when absent; sets *error (and returns nullopt)
// when repeated, too long or not valid UTF-8.
std::optional<std::string> SingleParam(const Params& params, const std::string& name,
                                       size_t max_bytes, ParamError* error);

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_REQUEST_H_
