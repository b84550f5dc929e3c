// The JSON of the API (interfaces.md): search results, suggestions and errors. Shared by
// kavosh-searchd and `kavosh-search --json`, so both print the same object.
//
//   std::string body = Dump(SearchResultToJson(result));
#ifndef KAVOSH_SEARCHD_RESPONSE_JSON_H_
#define KAVOSH_SEARCHD_RESPONSE_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "searchd/searcher.h"

namespace kavosh::search {

nlohmann::json SearchResultToJson(const SearchResult& result);
nlohmann::json HitToJson(const Hit& hit);
nlohmann::json SuggestionsToJson(const std::vector<Suggestion>& suggestions);
// {"error":{"code":…,"message":…}}
nlohmann::json ErrorJson(std::string_view code, std::string_view message);

// Compact UTF-8 JSON; invalid UTF-8 in stored data becomes U+FFFD instead of throwing.
std::string Dump(const nlohmann::json& j);

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_RESPONSE_JSON_H_
