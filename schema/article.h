// The article as Kavosh stores it: what readers produce, what enrichment fills in, what
// the index keeps as the document data (JSON) and what searchd displays.
//
//   kavosh::schema::Article a;
//   a.id = "x1"; a.title = "…";
//   std::string data = kavosh::schema::ToJson(a).dump();
#ifndef KAVOSH_SCHEMA_ARTICLE_H_
#define KAVOSH_SCHEMA_ARTICLE_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kavosh::schema {

// A calendar day. Empty strings when unknown.
struct ArticleDate {
  std::string gregorian;  // "2025-04-25"
  std::string jalali;     // "1404-02-05"
  std::string from;       // "text", "published" or "" (no date)
  bool empty() const { return gregorian.empty(); }
};

struct Article {
  std::string id;
  std::string url;
  std::string title;
  std::string body;       // paragraphs separated by '\n'
  std::string published;  // as the source gave it
  std::string source;
  std::string category;
  std::vector<std::string> tags;

  // Filled by enrichment.
  ArticleDate date;
  std::vector<std::string> orgs;    // canonical names
  std::vector<std::string> places;  // canonical names
  std::vector<std::string> people;  // "دکتر امیدی شاه‌آباد"
  std::vector<std::string> types;   // event type values, main first

  // Filled by the indexer's duplicate detection: the id of the story group.
  std::string story;

  // Where the article came from, for error messages: "FILE:LINE".
  std::string origin;
};

nlohmann::json ToJson(const Article& article);
// Lenient: missing fields stay empty; wrong types are ignored.
Article FromJson(const nlohmann::json& j);

}  // namespace kavosh::schema

#endif  // KAVOSH_SCHEMA_ARTICLE_H_
