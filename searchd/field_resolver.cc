#include "searchd/field_resolver.h"

#include <algorithm>
#include <cctype>

#include "analyzers/normalizer.h"
#include "indexer/dates/jalali.h"
#include "indexer/entities/event_types.h"
#include "schema/schema.h"

namespace kavosh::search {

namespace {

constexpr size_t kMaxContaining = 20;

// Whether `needle` occurs in `hay` as whole space-separated words.
bool ContainsWords(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return false;
  for (size_t at = hay.find(needle); at != std::string_view::npos;
       at = hay.find(needle, at + 1)) {
    bool starts = at == 0 || hay[at - 1] == ' ';
    size_t end = at + needle.size();
    bool ends = end == hay.size() || hay[end] == ' ' || hay[end] == ',' ||
                hay.substr(end).starts_with("،");  // ARABIC COMMA
    if (starts && ends) return true;
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

FieldResolver::FieldResolver(std::shared_ptr<const entities::Gazetteer> gazetteer)
    : gazetteer_(std::move(gazetteer)) {}

std::vector<std::string> FieldResolver::Resolve(std::string_view value, std::string_view prefix,
                                                const std::string* gazetteer_name,
                                                const Xapian::Database& db) const {
  std::string p(prefix);
  if (gazetteer_name != nullptr) return {*gazetteer_name};
  if (value.size() + p.size() < 240 && db.term_exists(p + std::string(value))) {
    return {std::string(value)};
  }
  std::string key = analyzers::NormalizeKey(value);
  if (key.empty()) return {};
  std::vector<std::string> same, containing;
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
    std::string name = (*it).substr(p.size());
    std::string name_key = analyzers::NormalizeKey(name);
    if (name_key == key) {
      same.push_back(name);
    } else if (containing.size() < kMaxContaining && ContainsWords(name_key, key)) {
      containing.push_back(name);
    }
  }
  return same.empty() ? containing : same;
}

std::vector<std::string> FieldResolver::Orgs(std::string_view value,
                                             const Xapian::Database& db) const {
  const entities::Organization* org =
      gazetteer_ ? gazetteer_->FindOrganization(value) : nullptr;
  return Resolve(value, schema::kPrefixOrg, org ? &org->name : nullptr, db);
}

std::vector<std::string> FieldResolver::Places(std::string_view value,
                                               const Xapian::Database& db) const {
  const entities::Place* place = gazetteer_ ? gazetteer_->FindPlace(value) : nullptr;
  return Resolve(value, schema::kPrefixPlace, place ? &place->name : nullptr, db);
}

std::optional<std::string> FieldResolver::Type(std::string_view value) const {
  const entities::EventTypeTable& table =
      gazetteer_ ? gazetteer_->event_types() : entities::EventTypeTable::BuiltIn();
  std::string lower = Lower(value);
  std::string key = analyzers::NormalizeKey(value);
  for (const entities::EventType& t : table.types()) {
    if (t.value == lower || analyzers::NormalizeKey(t.label) == key) return t.value;
  }
  for (const entities::EventType& t : table.types()) {
    for (const std::string& cue : t.cues) {
      if (analyzers::NormalizeKey(cue) == key) return t.value;
    }
  }
  if (key == analyzers::NormalizeKey("سایر")) return std::string(entities::kOtherEventType);
  return std::nullopt;
}

std::optional<std::string> FieldResolver::Month(std::string_view value) {
  std::string text = analyzers::NormalizeKey(value);
  int year = 0, month = 0;
  // A Persian month name and a year, in either order.
  for (int m = 1; m <= 12 && month == 0; ++m) {
    std::string name = analyzers::NormalizeKey(dates::JalaliMonthName(m));
    size_t at = text.find(name);
    if (at == std::string::npos) continue;
    std::string rest = text.substr(0, at) + " " + text.substr(at + name.size());
    std::string digits;
    for (char c : rest) {
      if (c >= '0' && c <= '9') {
        digits += c;
      } else if (c != ' ') {
        return std::nullopt;
      }
    }
    if (digits.size() != 4) return std::nullopt;
    month = m;
    year = std::stoi(digits);
  }
  if (month == 0) {
    size_t sep = text.find_first_of("-/.");
    if (sep == std::string::npos || sep != 4 || text.size() < 6 || text.size() > 7) {
      return std::nullopt;
    }
    std::string y = text.substr(0, 4), m = text.substr(5);
    auto all_digits = [](const std::string& s) {
      return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!all_digits(y) || !all_digits(m)) return std::nullopt;
    year = std::stoi(y);
    month = std::stoi(m);
  }
  if (year < 1 || month < 1 || month > 12) return std::nullopt;
  std::string out = std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month);
  return out;
}

bool FieldResolver::DateBound(std::string_view value, bool end, dates::GregorianDate* out) {
  if (dates::ParseDateParam(value, out)) return true;
  std::string text = analyzers::NormalizeKey(value);
  int year = 0, month = 0;
  size_t sep = text.find_first_of("-/.");
  std::string y = text.substr(0, sep);
  std::string m = sep == std::string::npos ? "" : text.substr(sep + 1);
  auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 4 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(y) || y.size() != 4 || (sep != std::string::npos && (!digits(m) || m.size() > 2))) {
    return false;
  }
  year = std::stoi(y);
  month = m.empty() ? 0 : std::stoi(m);
  if (month > 12 || (sep != std::string::npos && month < 1)) return false;
  int first_month = month == 0 ? 1 : month, last_month = month == 0 ? 12 : month;
  if (year < 1700) {
    dates::JalaliDate j{year, end ? last_month : first_month, 1};
    if (end) j.day = dates::JalaliMonthLength(year, j.month);
    return dates::ToGregorian(j, out);
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  dates::GregorianDate g{year, end ? last_month : first_month, 1};
  if (end) {
    g.day = kDays[g.month - 1];
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (g.month == 2 && leap) g.day = 29;
  }
  if (!dates::IsValidGregorian(g)) return false;
  *out = g;
  return true;
}

}  // namespace kavosh::search
