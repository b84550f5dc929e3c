#include "searchd/response_json.h"

#include <cmath>

namespace kavosh::search {

using nlohmann::json;

json HitToJson(const Hit& hit) {
  const schema::Article& a = hit.article;
  json date = nullptr;
  if (!a.date.empty()) {
    date = {{"gregorian", a.date.gregorian}, {"jalali", a.date.jalali}};
    if (!a.date.from.empty()) date["from"] = a.date.from;
  }
  return {{"id", a.id},
          {"url", a.url},
          {"title", a.title},
          {"title_html", hit.title_html},
          {"snippet_html", hit.snippet_html},
          {"date", date},
          {"source", a.source},
          {"orgs", a.orgs},
          {"types", a.types},
          {"places", a.places},
          {"people", a.people},
          {"story", a.story},
          {"duplicates", hit.duplicates},
          {"score", hit.score}};
}

json SearchResultToJson(const SearchResult& r) {
  json out = {{"query", r.query},
              {"total", r.total},
              {"total_is_exact", r.total_is_exact},
              {"page", r.page},
              {"per_page", r.per_page},
              {"took_ms", std::round(r.took_ms * 100) / 100},
              {"did_you_mean", r.did_you_mean ? json(*r.did_you_mean) : json(nullptr)},
              {"relaxed", r.relaxed},
              {"partial", r.partial}};
  if (r.partial) out["failed_shards"] = r.failed_shards;
  if (!r.corrections.empty()) out["corrections"] = r.corrections;
  if (!r.warnings.empty()) out["warnings"] = r.warnings;
  json hits = json::array();
  for (const Hit& h : r.hits) hits.push_back(HitToJson(h));
  out["hits"] = std::move(hits);
  if (r.facets_requested) {
    json facets = json::object();
    for (const auto& [name, values] : r.facets) {
      json list = json::array();
      for (const FacetCount& f : values) {
        json v = {{"value", f.value}, {"count", f.count}};
        if (!f.label.empty()) v["label"] = f.label;
        list.push_back(std::move(v));
      }
      facets[name] = std::move(list);
    }
    out["facets"] = std::move(facets);
    out["facets_exact"] = r.facets_exact;
  }
  return out;
}

json SuggestionsToJson(const std::vector<Suggestion>& suggestions) {
  json list = json::array();
  for (const Suggestion& s : suggestions) list.push_back({{"text", s.text}, {"kind", s.kind}});
  return {{"suggestions", std::move(list)}};
}

json ErrorJson(std::string_view code, std::string_view message) {
  return {{"error", {{"code", std::string(code)}, {"message", std::string(message)}}}};
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace kavosh::search
