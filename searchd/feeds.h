// The XML answers: an Atom 1.0 feed of a search (newest first, so a journalist can
// subscribe to a topic) and the OpenSearch description that lets a browser add Kavosh.
//
//   std::string xml = AtomFeed(result, {.base_url = "http://127.0.0.1:8080",
//                                       .query_string = "q=%D8%A8%D8%A7%D9%86%DA%A9"});
#ifndef KAVOSH_SEARCHD_FEEDS_H_
#define KAVOSH_SEARCHD_FEEDS_H_

#include <string>
#include <string_view>

#include "searchd/searcher.h"

namespace kavosh::search {

struct FeedOptions {
  std::string base_url;      // "http://host:port", no trailing slash
  std::string query_string;  // the request's parameters, already URL-encoded
  std::string now_rfc3339;   // "updated" of a feed with no dated entry
};

std::string AtomFeed(const SearchResult& result, const FeedOptions& options);
std::string OpenSearchDescription(std::string_view base_url);

// Escapes &, <, >, " and ' for XML and drops characters XML 1.0 forbids (C0 controls
// other than tab, newline and carriage return).
std::string EscapeXml(std::string_view text);

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_FEEDS_H_
