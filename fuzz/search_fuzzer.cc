// searchd from parameters to response, without the socket: the input is a query string
// ("q=...&page=2&org=..."), decoded by cpp-httplib exactly as the server decodes a
// request's, then each endpoint's path through the core runs on the sample database:
//   /api/v1/search    ParseSearchParams, Searcher::Search, SearchResultToJson, Dump
//   /feed.atom        the same result as an Atom feed
//   /api/v1/suggest   Suggest(q, limit)
//   /api/v1/documents Document(id) (the `id` parameter, else q)
//   /api/v1/analyze   AnalysisToJson(text)
// Every response must serialise; a rejected request must say why.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "analyzers/analysis_json.h"
#include "analyzers/normalizer.h"
#include "fuzz/fuzz_util.h"
#include "searchd/feeds.h"
#include "searchd/request.h"
#include "searchd/response_json.h"
#include "searchd/searcher.h"

namespace {

namespace ks = kavosh::search;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "searchd contract broken: %s\n", what);
    std::abort();
  }
}

ks::Searcher* searcher = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string error;
  std::unique_ptr<ks::Searcher> s =
      ks::Searcher::Open(kavosh::fuzz::SampleDb(), kavosh::fuzz::SampleContext(), &error);
  if (!s) {
    std::fprintf(stderr, "fuzz_search: %s\n", error.c_str());
    std::abort();
  }
  searcher = s.release();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (searcher == nullptr) LLVMFuzzerInitialize(nullptr, nullptr);
  if (size > 16384) return 0;  // the server refuses request lines over 8192 bytes
  std::string query_string(reinterpret_cast<const char*>(data), size);
  ks::Params params;
  httplib::detail::parse_query_text(query_string, params);

  ks::ParamError error;
  std::optional<ks::SearchRequest> request =
      ks::ParseSearchParams(params, *kavosh::fuzz::SampleContext()->resolver, &error);
  if (!request) {
    Check(!error.message.empty(), "request refused without a reason");
    Check(!ks::Dump(ks::ErrorJson(error.code, error.message)).empty(), "error JSON empty");
  } else {
    ks::SearchResult result = searcher->Search(*request);
    Check(result.hits.size() <= static_cast<size_t>(request->per_page), "more hits than per_page");
    std::string body = ks::Dump(ks::SearchResultToJson(result));
    Check(kavosh::analyzers::IsValidUtf8(body), "search response not UTF-8");
    std::string encoded;  // as the server re-encodes the request's parameters
    for (const auto& [k, v] : params) {
      if (!encoded.empty()) encoded += '&';
      encoded +=
          httplib::detail::encode_query_param(k) + "=" + httplib::detail::encode_query_param(v);
    }
    std::string feed = ks::AtomFeed(result, {.base_url = "http://127.0.0.1:8080",
                                             .query_string = encoded,
                                             .now_rfc3339 = "2025-04-27T00:00:00Z"});
    Check(kavosh::analyzers::IsValidUtf8(feed), "feed not UTF-8");
  }

  ks::ParamError single_error;
  std::optional<std::string> q = ks::SingleParam(params, "q", 256, &single_error);
  if (q && !q->empty()) {
    std::vector<ks::Suggestion> suggestions = searcher->Suggest(*q, 8);
    Check(suggestions.size() <= 8, "more suggestions than asked for");
    Check(kavosh::analyzers::IsValidUtf8(ks::Dump(ks::SuggestionsToJson(suggestions))),
          "suggestions not UTF-8");
  }
  ks::ParamError id_error;
  std::optional<std::string> id = ks::SingleParam(params, "id", 1024, &id_error);
  if (!id) id = q;
  if (id && kavosh::analyzers::IsValidUtf8(*id)) {
    std::optional<nlohmann::json> doc = searcher->Document(*id);
    if (doc) Check(!ks::Dump(*doc).empty(), "document JSON empty");
  }
  ks::ParamError text_error;
  std::optional<std::string> text = ks::SingleParam(params, "text", 64 << 10, &text_error);
  if (text)
    Check(!ks::Dump(kavosh::analyzers::AnalysisToJson(searcher->analyzer(), *text)).empty(),
          "analysis JSON empty");
  return 0;
}
