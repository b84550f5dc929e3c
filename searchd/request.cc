#include "searchd/request.h"

#include <charconv>
#include <cmath>

#include "analyzers/normalizer.h"

namespace kavosh::search {

namespace {

bool Fail(ParamError* error, std::string message) {
  error->message = std::move(message);
  return false;
}

// A positive integer written in any digits.
bool ParseInt(const std::string& text, int low, int high, const std::string& name, int* out,
              ParamError* error) {
  std::string digits = analyzers::NormalizeKey(text);
  int value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
    return Fail(error, "'" + name + "' must be a whole number, got '" + text + "'");
  }
  if (value < low || value > high) {
    return Fail(error, "'" + name + "' must be between " + std::to_string(low) + " and " +
                           std::to_string(high) + ", got " + std::to_string(value));
  }
  *out = value;
  return true;
}

bool Values(const Params& params, const std::string& name, std::vector<std::string>* out,
            ParamError* error) {
  auto [begin, end] = params.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    const std::string& v = it->second;
    if (!analyzers::IsValidUtf8(v)) return Fail(error, "'" + name + "' is not valid UTF-8");
    if (v.size() > kMaxValueBytes) {
      return Fail(error, "'" + name + "' values are limited to " + std::to_string(kMaxValueBytes) + " bytes");
    }
    if (v.empty()) continue;
    if (out->size() == kMaxFilterValues) {
      return Fail(error, "at most " + std::to_string(kMaxFilterValues) + " '" + name + "' values");
    }
    out->push_back(v);
  }
  return true;
}

}  // namespace

std::optional<std::string> SingleParam(const Params& params, const std::string& name,
                                       size_t max_bytes, ParamError* error) {
  auto [begin, end] = params.equal_range(name);
  if (begin == end) return std::nullopt;
  if (std::next(begin) != end) {
    Fail(error, "'" + name + "' is given more than once");
    return std::nullopt;
  }
  const std::string& v = begin->second;
  if (v.size() > max_bytes) {
    Fail(error, "'" + name + "' is too long: " + std::to_string(v.size()) + " bytes, at most " +
                    std::to_string(max_bytes));
    return std::nullopt;
  }
  if (!analyzers::IsValidUtf8(v)) {
    Fail(error, "'" + name + "' is not valid UTF-8");
    return std::nullopt;
  }
  return v;
}

std::optional<SearchRequest> ParseSearchParams(const Params& params, const FieldResolver& resolver,
                                               ParamError* error) {
  SearchRequest r;
  error->message.clear();
  if (params.size() > kMaxParams) {
    Fail(error, "too many parameters (" + std::to_string(params.size()) + ", at most " +
                    std::to_string(kMaxParams) + ")");
    return std::nullopt;
  }
  auto single = [&](const char* name, size_t max) {
    std::optional<std::string> v = SingleParam(params, name, max, error);
    return v;
  };
  if (auto q = single("q", kMaxQueryBytes)) r.q = *q;
  if (!error->message.empty()) return std::nullopt;
  if (auto page = single("page", 32)) {
    if (!ParseInt(*page, 1, kMaxPage, "page", &r.page, error)) return std::nullopt;
  }
  if (!error->message.empty()) return std::nullopt;
  if (auto per_page = single("per_page", 32)) {
    if (!ParseInt(*per_page, 1, kMaxPerPage, "per_page", &r.per_page, error)) return std::nullopt;
  }
  if (!error->message.empty()) return std::nullopt;
  if (auto sort = single("sort", 32)) {
    if (*sort == "relevance") {
      r.sort = Sort::kRelevance;
    } else if (*sort == "newest") {
      r.sort = Sort::kNewest;
    } else if (*sort == "oldest") {
      r.sort = Sort::kOldest;
    } else {
      Fail(error, "'sort' must be relevance, newest or oldest, got '" + *sort + "'");
      return std::nullopt;
    }
  }
  if (!error->message.empty()) return std::nullopt;
  if (auto match = single("match", 16)) {
    if (*match == "all") {
      r.match = Match::kAll;
    } else if (*match == "any") {
      r.match = Match::kAny;
    } else {
      Fail(error, "'match' must be all or any, got '" + *match + "'");
      return std::nullopt;
    }
  }
  if (!error->message.empty()) return std::nullopt;
  for (const char* bound : {"from", "to"}) {
    auto value = single(bound, 64);
    if (!error->message.empty()) return std::nullopt;
    if (!value || value->empty()) continue;
    dates::GregorianDate d;
    bool is_to = std::string_view(bound) == "to";
    if (!FieldResolver::DateBound(*value, is_to, &d)) {
      Fail(error, "'" + std::string(bound) + "' is not a date: '" + *value +
                      "' (use 1404/02/05 or 2025-04-25, any digits)");
      return std::nullopt;
    }
    (is_to ? r.to : r.from) = d;
  }
  if (r.from && r.to &&
      dates::FormatGregorianCompact(*r.from) > dates::FormatGregorianCompact(*r.to)) {
    Fail(error, "'from' is after 'to'");
    return std::nullopt;
  }
  if (!Values(params, "org", &r.orgs, error) || !Values(params, "place", &r.places, error)) {
    return std::nullopt;
  }
  std::vector<std::string> types, months;
  if (!Values(params, "type", &types, error) || !Values(params, "month", &months, error)) {
    return std::nullopt;
  }
  for (const std::string& t : types) {
    std::optional<std::string> value = resolver.Type(t);
    if (!value) {
      Fail(error, "unknown 'type' '" + t +
                      "': use meeting, visit, workshop, ceremony, exhibition, charity, statement, "
                      "trip, appointment, project or other");
      return std::nullopt;
    }
    r.types.push_back(*value);
  }
  for (const std::string& m : months) {
    std::optional<std::string> value = FieldResolver::Month(m);
    if (!value) {
      Fail(error, "'month' must be a Jalali month such as 1404-02, got '" + m + "'");
      return std::nullopt;
    }
    r.months.push_back(*value);
  }
  if (auto recency = single("recency", 32)) {
    std::string text = analyzers::NormalizeKey(*recency);
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || v < 0 || v > 10) {
      Fail(error, "'recency' must be a number from 0 to 10, got '" + *recency + "'");
      return std::nullopt;
    }
    r.recency = v;
  }
  if (!error->message.empty()) return std::nullopt;
  if (auto expand = single("expand", 8)) {
    if (*expand != "true" && *expand != "false" && *expand != "1" && *expand != "0") {
      Fail(error, "'expand' must be true or false");
      return std::nullopt;
    }
    r.expand = *expand == "true" || *expand == "1";
  }
  if (!error->message.empty()) return std::nullopt;
  if (auto facets = single("facets", 8)) {
    if (*facets != "true" && *facets != "false" && *facets != "1" && *facets != "0") {
      Fail(error, "'facets' must be true or false");
      return std::nullopt;
    }
    r.facets = *facets == "true" || *facets == "1";
  }
  if (!error->message.empty()) return std::nullopt;
  if (auto size = single("facet_size", 8)) {
    int n = 0;
    if (!ParseInt(*size, 1, 100, "facet_size", &n, error)) return std::nullopt;
    r.facet_limit = static_cast<size_t>(n);
  }
  if (!error->message.empty()) return std::nullopt;
  return r;
}

}  // namespace kavosh::search
