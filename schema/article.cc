#include "schema/article.h"

namespace kavosh::schema {

namespace {

std::string GetString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::vector<std::string> GetStrings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

nlohmann::json ToJson(const Article& a) {
  nlohmann::json j = {{"id", a.id},         {"url", a.url},         {"title", a.title},
                      {"body", a.body},     {"published", a.published},
                      {"source", a.source}, {"category", a.category}, {"tags", a.tags},
                      {"orgs", a.orgs},     {"places", a.places},   {"people", a.people},
                      {"types", a.types},   {"story", a.story}};
  if (!a.date.empty()) {
    j["date"] = {{"gregorian", a.date.gregorian}, {"jalali", a.date.jalali}, {"from", a.date.from}};
  } else {
    j["date"] = nullptr;
  }
  return j;
}

Article FromJson(const nlohmann::json& j) {
  Article a;
  if (!j.is_object()) return a;
  a.id = GetString(j, "id");
  a.url = GetString(j, "url");
  a.title = GetString(j, "title");
  a.body = GetString(j, "body");
  a.published = GetString(j, "published");
  a.source = GetString(j, "source");
  a.category = GetString(j, "category");
  a.tags = GetStrings(j, "tags");
  a.orgs = GetStrings(j, "orgs");
  a.places = GetStrings(j, "places");
  a.people = GetStrings(j, "people");
  a.types = GetStrings(j, "types");
  a.story = GetString(j, "story");
  auto d = j.find("date");
  if (d != j.end() && d->is_object()) {
    a.date.gregorian = GetString(*d, "gregorian");
    a.date.jalali = GetString(*d, "jalali");
    a.date.from = GetString(*d, "from");
  }
  return a;
}

}  // namespace kavosh::schema
