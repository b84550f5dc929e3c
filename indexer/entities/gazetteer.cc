#include "indexer/entities/gazetteer.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "indexer/entities/tsv.h"

#ifndef KAVOSH_DEFAULT_DATA_DIR
#define KAVOSH_DEFAULT_DATA_DIR "data"
#endif

namespace kavosh::entities {

namespace {

constexpr std::array<std::string_view, 12> kOrgKinds = {
    "province_body", "ministry", "bank", "company", "university", "military",
    "basij",         "council",  "hq",   "holding", "ngo",        "other"};
constexpr std::array<std::string_view, 5> kPlaceKinds = {"province", "county", "city", "region",
                                                         "country"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

template <size_t N>
std::string Joined(const std::array<std::string_view, N>& list) {
  std::string out;
  for (std::string_view s : list) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

// Adds `names` for entry `index`; a name taken by another entry is reported, a spelling
// variant of one of the entry's own names is skipped quietly. Returns the names kept.
std::vector<std::string> AddNames(internal::PhraseMatcher* matcher,
                                  const std::vector<std::string>& names, int index,
                                  const std::vector<std::string>& canonical_of,
                                  std::string_view file, size_t line,
                                  std::vector<std::string>* errors) {
  std::vector<std::string> kept;
  for (const std::string& name : names) {
    int existing = -1;
    if (matcher->Add(name, index, &existing)) {
      kept.push_back(name);
    } else if (existing < 0) {
      errors->push_back(internal::LineError(file, line, "name '" + name + "' has no word"));
    } else if (existing != index) {
      errors->push_back(internal::LineError(file, line,
                                            "name '" + name + "' already names '" +
                                                canonical_of[static_cast<size_t>(existing)] +
                                                "'; kept there"));
    }
  }
  return kept;
}

}  // namespace

std::string Gazetteer::DefaultDataDir() {
  const char* env = std::getenv("KAVOSH_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return KAVOSH_DEFAULT_DATA_DIR;
}

Gazetteer Gazetteer::Load(const GazetteerOptions& options) {
  std::string dir = options.data_dir.empty() ? DefaultDataDir() : options.data_dir;
  std::string base = dir + "/gazetteers/";
  Gazetteer g;
  auto read = [&](const char* name) -> std::optional<std::string> {
    std::string path = base + name;
    std::optional<std::string> text = internal::ReadFile(path);
    if (!text) g.errors_.push_back(path + ": cannot read the file");
    return text;
  };
  if (auto text = read("organizations.tsv")) {
    g.ParseOrganizations(*text, base + "organizations.tsv");
  }
  if (auto text = read("places.tsv")) g.ParsePlaces(*text, base + "places.tsv");
  if (auto text = read("titles.tsv")) g.ParseTitles(*text, base + "titles.tsv");
  if (auto text = read("event_types.tsv")) {
    g.event_types_ = EventTypeTable::Parse(*text, base + "event_types.tsv", &g.errors_);
  } else {
    g.event_types_ = EventTypeTable::BuiltIn();
  }
  return g;
}

Gazetteer Gazetteer::FromTexts(const GazetteerTexts& texts) {
  Gazetteer g;
  g.ParseOrganizations(texts.organizations, "organizations.tsv");
  g.ParsePlaces(texts.places, "places.tsv");
  g.ParseTitles(texts.titles, "titles.tsv");
  g.event_types_ = texts.event_types.empty()
                       ? EventTypeTable::BuiltIn()
                       : EventTypeTable::Parse(texts.event_types, "event_types.tsv", &g.errors_);
  return g;
}

void Gazetteer::ParseOrganizations(std::string_view text, std::string_view file) {
  std::vector<std::string> names;  // canonical of every entry, for error messages
  for (const Organization& o : orgs_) names.push_back(o.name);
  for (const internal::TsvRow& row : internal::SplitTsv(text)) {
    if (row.fields.size() != 3) {
      errors_.push_back(internal::LineError(file, row.line,
                                            "expected 'name TAB aliases TAB kind', got " +
                                                std::to_string(row.fields.size()) + " fields"));
      continue;
    }
    const std::string& name = row.fields[0];
    const std::string& kind = row.fields[2];
    if (name.empty()) {
      errors_.push_back(internal::LineError(file, row.line, "empty name"));
      continue;
    }
    if (!OneOf(kOrgKinds, kind)) {
      errors_.push_back(internal::LineError(
          file, row.line, "unknown kind '" + kind + "' (one of " + Joined(kOrgKinds) + ")"));
      continue;
    }
    if (FindOrganization(name) != nullptr) {
      errors_.push_back(internal::LineError(
          file, row.line,
          "'" + name + "' is already listed as '" + FindOrganization(name)->name + "'"));
      continue;
    }
    int index = static_cast<int>(orgs_.size());
    names.push_back(name);
    std::vector<std::string> all = {name};
    for (std::string& a : internal::SplitAliases(row.fields[1])) all.push_back(std::move(a));
    std::vector<std::string> kept =
        AddNames(&org_matcher_, all, index, names, file, row.line, &errors_);
    if (kept.empty() || kept.front() != name) {
      names.pop_back();
      continue;
    }
    kept.erase(kept.begin());
    orgs_.push_back(Organization{name, kind, std::move(kept)});
  }
}

void Gazetteer::ParsePlaces(std::string_view text, std::string_view file) {
  std::vector<std::string> names;
  for (const Place& p : places_) names.push_back(p.name);
  for (const internal::TsvRow& row : internal::SplitTsv(text)) {
    if (row.fields.size() != 4) {
      errors_.push_back(
          internal::LineError(file, row.line,
                              "expected 'name TAB aliases TAB kind TAB province', got " +
                                  std::to_string(row.fields.size()) + " fields"));
      continue;
    }
    std::string name = row.fields[0];
    bool ambiguous = name.starts_with('~');
    if (ambiguous) name.erase(0, 1);
    const std::string& kind = row.fields[2];
    if (name.empty() || internal::PhraseKey(name).empty()) {
      errors_.push_back(internal::LineError(file, row.line, "empty name"));
      continue;
    }
    if (!OneOf(kPlaceKinds, kind)) {
      errors_.push_back(internal::LineError(
          file, row.line, "unknown kind '" + kind + "' (one of " + Joined(kPlaceKinds) + ")"));
      continue;
    }
    bool listed = std::any_of(places_.begin(), places_.end(), [&](const Place& p) {
      return internal::PhraseKey(p.name) == internal::PhraseKey(name);
    });
    if (listed) {
      errors_.push_back(internal::LineError(file, row.line, "'" + name + "' listed twice"));
      continue;
    }
    int index = static_cast<int>(places_.size());
    names.push_back(name);
    std::vector<std::string> all;
    if (!ambiguous) all.push_back(name);
    for (std::string& a : internal::SplitAliases(row.fields[1])) all.push_back(std::move(a));
    std::vector<std::string> kept =
        AddNames(&place_matcher_, all, index, names, file, row.line, &errors_);
    if (!ambiguous && (kept.empty() || kept.front() != name)) {
      names.pop_back();
      continue;
    }
    if (!ambiguous) kept.erase(kept.begin());
    std::string province = row.fields[3] == "-" ? "" : row.fields[3];
    places_.push_back(Place{name, kind, std::move(province), std::move(kept)});
  }
}

void Gazetteer::ParseTitles(std::string_view text, std::string_view file) {
  for (const internal::TsvRow& row : internal::SplitTsv(text)) {
    if (row.fields.size() != 2) {
      errors_.push_back(internal::LineError(
          file, row.line,
          "expected 'words TAB kind', got " + std::to_string(row.fields.size()) + " fields"));
      continue;
    }
    const std::string& kind_name = row.fields[1];
    TitleKind kind;
    if (kind_name == "honorific") {
      kind = TitleKind::kHonorific;
    } else if (kind_name == "role") {
      kind = TitleKind::kRole;
    } else if (kind_name == "stop") {
      kind = TitleKind::kStop;
    } else {
      errors_.push_back(internal::LineError(
          file, row.line, "unknown kind '" + kind_name + "' (one of honorific, role, stop)"));
      continue;
    }
    for (const std::string& word : internal::SplitAliases(row.fields[0])) {
      int existing = -1;
      if (!title_matcher_.Add(word, static_cast<int>(kind), &existing) && existing < 0) {
        errors_.push_back(internal::LineError(file, row.line, "'" + word + "' has no word"));
      }
    }
  }
}

const Organization* Gazetteer::FindOrganization(std::string_view name) const {
  std::optional<int> i = org_matcher_.Find(name);
  return i ? &orgs_[static_cast<size_t>(*i)] : nullptr;
}

const Place* Gazetteer::FindPlace(std::string_view name) const {
  std::optional<int> i = place_matcher_.Find(name);
  return i ? &places_[static_cast<size_t>(*i)] : nullptr;
}

std::optional<TitleKind> Gazetteer::FindTitle(std::string_view words) const {
  std::optional<int> i = title_matcher_.Find(words);
  if (!i) return std::nullopt;
  return static_cast<TitleKind>(*i);
}

namespace {

std::vector<GazetteerMatch> MatchWith(const internal::PhraseMatcher& matcher,
                                      std::string_view text) {
  std::vector<internal::Token> tokens = internal::Tokenize(text);
  std::vector<GazetteerMatch> out;
  for (const internal::PhraseHit& hit : matcher.FindAll(tokens)) {
    out.push_back(GazetteerMatch{tokens[hit.first].begin, tokens[hit.last - 1].end,
                                 static_cast<size_t>(hit.value)});
  }
  return out;
}

}  // namespace

std::vector<GazetteerMatch> Gazetteer::MatchOrganizations(std::string_view text) const {
  return MatchWith(org_matcher_, text);
}

std::vector<GazetteerMatch> Gazetteer::MatchPlaces(std::string_view text) const {
  return MatchWith(place_matcher_, text);
}

}  // namespace kavosh::entities
