#include "indexer/entities/entity_extractor.h"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "analyzers/normalizer.h"

namespace kavosh::entities {

namespace {

using internal::PhraseHit;
using internal::Token;
using internal::TokenKind;

constexpr std::string_view kProvinceWord = "استان";
constexpr std::string_view kAnd = "و";
constexpr int kNoHit = -1;

// The words that start a discoverable organisation name. A built-once constant.
const internal::PhraseMatcher& Triggers() {
  static const internal::PhraseMatcher matcher = [] {
    internal::PhraseMatcher m;
    for (std::string_view w : {"سازمان", "اداره کل", "اداره", "شرکت", "بانک", "دانشگاه",
                               "شورای", "ستاد", "هلدینگ", "بنیاد", "کانون", "انجمن",
                               "مؤسسه", "موسسه", "دفتر"}) {
      m.Add(w, 1);
    }
    return m;
  }();
  return matcher;
}

// Tokens of one text with what the gazetteer finds where.
struct Scan {
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<int> org_at;  // token -> index into org_hits starting there, or kNoHit
  std::vector<PhraseHit> org_hits;
};

Scan MakeScan(std::string_view text, const Gazetteer& g) {
  Scan s{text, internal::Tokenize(text), {}, {}};
  s.org_hits = g.org_matcher().FindAll(s.tokens);
  s.org_at.assign(s.tokens.size(), kNoHit);
  for (size_t k = 0; k < s.org_hits.size(); ++k) {
    s.org_at[s.org_hits[k].first] = static_cast<int>(k);
  }
  return s;
}

// Token `j` continues the phrase that ends at j - 1: same line, a word.
bool Continues(const Scan& s, size_t j) {
  return j < s.tokens.size() && !s.tokens[j].line_break_before &&
         s.tokens[j].kind == TokenKind::kWord;
}

bool IsTitleOrStop(const Scan& s, size_t j, const Gazetteer& g) {
  return g.title_matcher().LongestAt(s.tokens, j).has_value();
}

// Honorifics belong in organisation names ("بنیاد شهید", "دانشگاه شهید بهشتی").
bool IsRoleOrStop(const Scan& s, size_t j, const Gazetteer& g) {
  auto hit = g.title_matcher().LongestAt(s.tokens, j);
  return hit && static_cast<TitleKind>(hit->value) != TitleKind::kHonorific;
}

// The words of tokens [first, last) as written (folded, ZWNJ kept), one space apart.
std::string Spelled(const Scan& s, size_t first, size_t last) {
  std::string out;
  for (size_t k = first; k < last; ++k) {
    const Token& t = s.tokens[k];
    if (!t.IsWordLike()) continue;
    if (!out.empty()) out += ' ';
    out += analyzers::NormalizeText(s.text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

struct Suffix {
  size_t last;           // first token after the suffix
  const Place* province;  // the province named, or null
};

// "استان", "استان <province>" or a bare province name right after token e - 1.
Suffix AbsorbProvince(const Scan& s, size_t e, const Gazetteer& g) {
  if (!Continues(s, e)) return {e, nullptr};
  if (auto hit = g.place_matcher().LongestAt(s.tokens, e)) {
    const Place& p = g.places()[static_cast<size_t>(hit->value)];
    if (p.kind == "province") return {hit->last, &p};
  }
  if (s.tokens[e].key == kProvinceWord) return {e + 1, nullptr};
  return {e, nullptr};
}

bool IsElsewhere(const Place* province, const ExtractOptions& options) {
  return province != nullptr && province->name != options.home_province;
}

std::string WithProvince(const std::string& base, const Place& province) {
  return base + " " + std::string(kProvinceWord) + " " + province.name;
}

// Words after a leading word at `first`; returns the first token not in the name.
size_t DiscoverEnd(const Scan& s, size_t first, const Gazetteer& g,
                   const ExtractOptions& options) {
  size_t j = first;
  size_t words = 0;
  auto name_word = [&](size_t k) {
    return Continues(s, k) && s.org_at[k] == kNoHit && s.tokens[k].key != kProvinceWord &&
           !IsRoleOrStop(s, k, g) && !Triggers().LongestAt(s.tokens, k);
  };
  bool used_and = false;
  while (words < options.max_discovered_words) {
    if (Continues(s, j) && s.tokens[j].key == kAnd && !used_and && words > 0 &&
        name_word(j + 1) && !g.place_matcher().LongestAt(s.tokens, j + 1)) {
      used_and = true;
      j += 1;  // the word after "و" is taken below
    } else if (!name_word(j)) {
      break;
    }
    if (auto place = g.place_matcher().LongestAt(s.tokens, j)) {
      const Place& p = g.places()[static_cast<size_t>(place->value)];
      if (p.kind == "province") break;  // left for AbsorbProvince
      return place->last;               // a county or city ends the name
    }
    ++j;
    ++words;
  }
  if (words == 0) return first;
  if (s.tokens[j - 1].key == kAnd) --j;
  return j;
}

// Gazetteer names first, then discovered ones, with their province suffixes.
std::vector<OrgMention> FindIn(const Scan& s, const Gazetteer& g, const ExtractOptions& options) {
  std::vector<OrgMention> out;
  const size_t n = s.tokens.size();
  for (size_t i = 0; i < n;) {
    if (s.org_at[i] != kNoHit) {
      const PhraseHit& hit = s.org_hits[static_cast<size_t>(s.org_at[i])];
      const Organization& org = g.organizations()[static_cast<size_t>(hit.value)];
      Suffix suffix = AbsorbProvince(s, hit.last, g);
      OrgMention m{s.tokens[i].begin, s.tokens[suffix.last - 1].end, org.name, true};
      if (IsElsewhere(suffix.province, options) &&
          org.name.find(options.home_province) != std::string::npos) {
        m.name = WithProvince(Spelled(s, hit.first, hit.last), *suffix.province);
        m.known = false;
      }
      out.push_back(std::move(m));
      i = suffix.last;
      continue;
    }
    std::optional<PhraseHit> trigger;
    if (options.discover_orgs && s.tokens[i].kind == TokenKind::kWord) {
      trigger = Triggers().LongestAt(s.tokens, i);
    }
    if (!trigger) {
      ++i;
      continue;
    }
    size_t end = DiscoverEnd(s, trigger->last, g, options);
    if (end == trigger->last) {
      ++i;
      continue;
    }
    Suffix suffix = AbsorbProvince(s, end, g);
    std::string base = Spelled(s, i, end);
    OrgMention m{s.tokens[i].begin, s.tokens[suffix.last - 1].end, base, false};
    std::vector<std::string> candidates;
    if (IsElsewhere(suffix.province, options)) {
      m.name = WithProvince(base, *suffix.province);
      candidates = {m.name};
    } else {
      candidates = {base, base + " " + std::string(kProvinceWord) + " " + options.home_province,
                    base + " " + options.home_province};
    }
    for (const std::string& c : candidates) {
      if (const Organization* org = g.FindOrganization(c)) {
        m.name = org->name;
        m.known = true;
        break;
      }
    }
    out.push_back(std::move(m));
    i = suffix.last;
  }
  return out;
}

void AddUnique(std::vector<std::string>* list, std::unordered_set<std::string>* seen,
               std::string value) {
  if (value.empty()) return;
  if (seen->insert(analyzers::NormalizeKey(value)).second) list->push_back(std::move(value));
}

void AddPlaces(const Scan& s, const std::vector<OrgMention>& orgs, const Gazetteer& g,
               std::vector<std::string>* places, std::unordered_set<std::string>* seen) {
  for (const PhraseHit& hit : g.place_matcher().FindAll(s.tokens)) {
    const Place& p = g.places()[static_cast<size_t>(hit.value)];
    size_t begin = s.tokens[hit.first].begin;
    bool inside_org = std::any_of(orgs.begin(), orgs.end(), [&](const OrgMention& m) {
      return m.begin <= begin && begin < m.end;
    });
    // "استان لرستان", "شهرستان سلسله": the place is named as a place, not as a word.
    const std::string& head = s.tokens[hit.first].key;
    bool spelled_out = hit.last - hit.first > 1 &&
                       (head == kProvinceWord || head == "شهرستان" || head == "شهر");
    if (inside_org && (!spelled_out || p.kind == "country")) continue;
    AddUnique(places, seen, p.name);
  }
}

void AddPeople(const Scan& s, const Gazetteer& g, const ExtractOptions& options,
               std::vector<std::string>* people, std::unordered_set<std::string>* seen) {
  const size_t n = s.tokens.size();
  for (size_t i = 0; i < n;) {
    auto title = g.title_matcher().LongestAt(s.tokens, i);
    if (!title || static_cast<TitleKind>(title->value) != TitleKind::kHonorific) {
      i = title ? title->last : i + 1;
      continue;
    }
    size_t j = title->last;
    while (Continues(s, j)) {  // "سردار دکتر …"
      auto more = g.title_matcher().LongestAt(s.tokens, j);
      if (!more || static_cast<TitleKind>(more->value) != TitleKind::kHonorific) break;
      j = more->last;
    }
    size_t name_start = j;
    while (j - name_start < options.max_name_words && Continues(s, j) &&
           !IsTitleOrStop(s, j, g) && !Triggers().LongestAt(s.tokens, j) &&
           s.org_at[j] == kNoHit) {
      ++j;
    }
    if (j > name_start) AddUnique(people, seen, Spelled(s, i, j));
    i = j;
  }
}

}  // namespace

std::vector<OrgMention> FindOrganizations(std::string_view text, const Gazetteer& gazetteer,
                                          const ExtractOptions& options) {
  return FindIn(MakeScan(text, gazetteer), gazetteer, options);
}

Entities ExtractEntities(std::string_view title, std::string_view body,
                         const Gazetteer& gazetteer, const ExtractOptions& options) {
  Entities out;
  std::unordered_set<std::string> seen_orgs, seen_places, seen_people;
  for (std::string_view text : {title, body}) {
    Scan s = MakeScan(text, gazetteer);
    std::vector<OrgMention> orgs = FindIn(s, gazetteer, options);
    for (const OrgMention& m : orgs) AddUnique(&out.orgs, &seen_orgs, m.name);
    AddPlaces(s, orgs, gazetteer, &out.places, &seen_places);
    AddPeople(s, gazetteer, options, &out.people, &seen_people);
  }
  return out;
}

}  // namespace kavosh::entities
