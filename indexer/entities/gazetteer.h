// The editable gazetteers: organisations, places, person titles and event-type cues, read
// from data/gazetteers/*.tsv, and whole-word matching of their names in text.
//
//   kavosh::entities::Gazetteer g = kavosh::entities::Gazetteer::Load({});
//   for (const std::string& e : g.errors()) std::cerr << e << '\n';  // "FILE:LINE: why"
//   for (const auto& m : g.MatchOrganizations("جلسه سازمان صمت استان"))
//     std::cout << g.organizations()[m.index].name << '\n';
//     // سازمان صنعت، معدن و تجارت استان لرستان
//
// Files (formats are documented at the top of each file; '#' starts a comment line):
//   organizations.tsv  canonical TAB aliases|… TAB kind
//   places.tsv         canonical TAB aliases|… TAB kind TAB province
//                      (a canonical written "~name" is ambiguous alone: only its aliases
//                      match, e.g. "~سلسله" matches "شهرستان سلسله" but not "سلسله")
//   titles.tsv         words|… TAB honorific, role or stop
//   event_types.tsv    see event_types.h
// The canonical name is itself an alias. Names are compared with analyzers::Fold, ZWNJ
// removed and spaces ignored, so "خرم آباد", "خرم‌آباد" and "خرمآباد" are one name;
// a match never starts or ends inside a word, and the longest name wins.
//
// A missing file or a malformed line is not fatal: it is reported in errors() and the
// rest is loaded (a missing event_types.tsv falls back to the built-in table). An alias
// already taken by another entry is reported and the first entry keeps it.
//
// Thread-safe once constructed: all lookups are const.
#ifndef KAVOSH_INDEXER_ENTITIES_GAZETTEER_H_
#define KAVOSH_INDEXER_ENTITIES_GAZETTEER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/entities/event_types.h"
#include "indexer/entities/phrase_matcher.h"

namespace kavosh::entities {

struct GazetteerOptions {
  // Directory holding gazetteers/*.tsv. Empty: $KAVOSH_DATA_DIR if set and non-empty,
  // else the compile-time KAVOSH_DEFAULT_DATA_DIR.
  std::string data_dir;
};

// The contents of the four files, for tests and embedding. File names are used in errors.
struct GazetteerTexts {
  std::string organizations;
  std::string places;
  std::string titles;
  std::string event_types;  // empty: the built-in table
};

struct Organization {
  std::string name;  // canonical
  std::string kind;  // province_body, ministry, bank, …
  std::vector<std::string> aliases;
};

struct Place {
  std::string name;      // canonical, without the '~' marker
  std::string kind;      // province, county, city, region, country
  std::string province;  // parent province, "" for provinces and countries
  std::vector<std::string> aliases;
};

enum class TitleKind { kHonorific = 0, kRole = 1, kStop = 2 };

struct GazetteerMatch {
  size_t begin = 0;  // byte offsets into the text given
  size_t end = 0;
  size_t index = 0;  // into organizations() or places()
};

class Gazetteer {
 public:
  static Gazetteer Load(const GazetteerOptions& options);
  static Gazetteer FromTexts(const GazetteerTexts& texts);
  // The directory Load({}) reads.
  static std::string DefaultDataDir();

  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<Organization>& organizations() const { return orgs_; }
  const std::vector<Place>& places() const { return places_; }
  const EventTypeTable& event_types() const { return event_types_; }

  // Whole-name lookups; nullptr / nullopt when unknown.
  const Organization* FindOrganization(std::string_view name) const;
  const Place* FindPlace(std::string_view name) const;
  std::optional<TitleKind> FindTitle(std::string_view words) const;

  // Leftmost-longest whole-word matches.
  std::vector<GazetteerMatch> MatchOrganizations(std::string_view text) const;
  std::vector<GazetteerMatch> MatchPlaces(std::string_view text) const;

  // Token-level matchers for the extractor; values index organizations() and places(),
  // or are a TitleKind.
  const internal::PhraseMatcher& org_matcher() const { return org_matcher_; }
  const internal::PhraseMatcher& place_matcher() const { return place_matcher_; }
  const internal::PhraseMatcher& title_matcher() const { return title_matcher_; }

 private:
  void ParseOrganizations(std::string_view text, std::string_view file);
  void ParsePlaces(std::string_view text, std::string_view file);
  void ParseTitles(std::string_view text, std::string_view file);

  std::vector<std::string> errors_;
  std::vector<Organization> orgs_;
  std::vector<Place> places_;
  EventTypeTable event_types_;
  internal::PhraseMatcher org_matcher_;
  internal::PhraseMatcher place_matcher_;
  internal::PhraseMatcher title_matcher_;
};

}  // namespace kavosh::entities

#endif  // KAVOSH_INDEXER_ENTITIES_GAZETTEER_H_
