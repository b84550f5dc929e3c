#include "indexer/entities/entity_extractor.h"

#include <algorithm>
#include <optional>
#include <span>
#include <unordered_set>
#include <utility>

#include "analyzers/normalizer.h"

namespace kavosh::entities {

namespace {

using internal::PhraseHit;
using internal::Token;
using internal::TokenKind;

constexpr std::string_view kProvinceWord = "استان";
constexpr std::string_view kAnd = "و";
constexpr std::string_view kHomeCountry = "ایران";
constexpr int kNoHit = -1;

// The words that start a discoverable organisation name. A built-once constant.
const internal::PhraseMatcher& Triggers() {
  static const internal::PhraseMatcher matcher = [] {
    internal::PhraseMatcher m;
    for (std::string_view w :
         {"سازمان",  "اداره کل", "اداره",   "شرکت",  "بانک",     "دانشگاه", "شورای",    "ستاد",
          "هلدینگ",  "بنیاد",    "کانون",   "انجمن", "مؤسسه",    "موسسه",   "دفتر",     "وزارت",
          "معاونت",  "کمیسیون",  "کمیته",   "مرکز",  "حزب",      "باشگاه",  "فدراسیون", "خبرگزاری",
          "روزنامه", "جمعیت",    "اتحادیه", "مجمع",  "پژوهشگاه", "دانشکده", "شبکه"}) {
      m.Add(w, 1);
    }
    return m;
  }();
  return matcher;
}

// Tokens of one text with what the gazetteer finds where.
struct Scan {
  std::string_view text;
  std::span<const Token> tokens;  // internal::Tokenize(text)
  std::vector<int> org_at;        // token -> index into org_hits starting there, or kNoHit
  std::vector<PhraseHit> org_hits;
};

Scan MakeScan(std::string_view text, std::span<const Token> tokens, const Gazetteer& g) {
  Scan s{text, tokens, {}, {}};
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

// Arabic letter forms written as their Persian ones in names shown to users; the rest
// (آ, ZWNJ, hamza) stays as written. Full folding is for comparisons only.
constexpr std::pair<std::string_view, std::string_view> kShownLetters[] = {
    {"\u064A", "\u06CC"},  // ARABIC LETTER YEH -> ARABIC LETTER FARSI YEH
    {"\u0649", "\u06CC"},  // ARABIC LETTER ALEF MAKSURA -> ARABIC LETTER FARSI YEH
    {"\u0643", "\u06A9"},  // ARABIC LETTER KAF -> ARABIC LETTER KEHEH
    {"\u0640", ""},        // ARABIC TATWEEL
};

// The words of tokens [first, last) as written, one space apart.
std::string Spelled(const Scan& s, size_t first, size_t last) {
  std::string out;
  for (size_t k = first; k < last; ++k) {
    const Token& t = s.tokens[k];
    if (!t.IsWordLike()) continue;
    if (!out.empty()) out += ' ';
    out += s.text.substr(t.begin, t.end - t.begin);
  }
  for (const auto& [from, to] : kShownLetters) {
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
      out.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return out;
}

struct Suffix {
  size_t last;         // first token after the suffix
  const Place* place;  // the place named, or null (a bare "استان")
};

bool IsHome(const Place* place, const ExtractOptions& options) {
  return place == nullptr || place->name == options.home_province ||
         place->province == options.home_province || place->name == kHomeCountry;
}

// A place right after token e - 1 that says where the organisation is: "استان",
// "استان <province>", "شهرستان <county>" or a bare province, county, city or country.
Suffix AbsorbPlace(const Scan& s, size_t e, const Gazetteer& g) {
  if (!Continues(s, e)) return {e, nullptr};
  if (auto hit = g.place_matcher().LongestAt(s.tokens, e)) {
    const Place& p = g.places()[static_cast<size_t>(hit->value)];
    if (p.kind != "region") return {hit->last, &p};
  }
  if (s.tokens[e].key == kProvinceWord) return {e + 1, nullptr};
  return {e, nullptr};
}

// Past a ")" that closes a "(" inside tokens [first, last): "امام خمینی (ره)".
size_t CloseBracket(const Scan& s, size_t first, size_t last) {
  int open = 0;
  for (size_t k = first; k < last; ++k) {
    if (s.tokens[k].key == "(") ++open;
    if (s.tokens[k].key == ")") --open;
  }
  if (open > 0 && last < s.tokens.size() && s.tokens[last].key == ")") return last + 1;
  return last;
}

// Words after a leading word at `first`; returns the first token not in the name.
// A known organisation after at least one word ends the name and is part of it, listed
// in *nested: "دفتر مشارکت‌های مردمی سازمان حفاظت محیط
// زیست".
size_t DiscoverEnd(const Scan& s, size_t first, const Gazetteer& g, const ExtractOptions& options,
                   std::vector<std::string>* nested) {
  size_t j = first;
  size_t words = 0;
  auto name_word = [&](size_t k) {
    return Continues(s, k) && s.org_at[k] == kNoHit && s.tokens[k].key != kProvinceWord &&
           !IsRoleOrStop(s, k, g) && !Triggers().LongestAt(s.tokens, k);
  };
  bool used_and = false;
  static const std::unordered_set<std::string_view> kNotFirst = {"ها", "های", "هایی", "ای", "ی"};
  if (Continues(s, j) && kNotFirst.contains(s.tokens[j].key)) return first;
  while (words < options.max_discovered_words) {
    if (Continues(s, j) && s.tokens[j].key == kAnd && !used_and && words > 0 && name_word(j + 1) &&
        !g.place_matcher().LongestAt(s.tokens, j + 1)) {
      used_and = true;
      j += 1;  // the word after "و" is taken below
    } else if (words > 0 && Continues(s, j) && s.org_at[j] != kNoHit) {
      const PhraseHit& hit = s.org_hits[static_cast<size_t>(s.org_at[j])];
      nested->push_back(g.organizations()[static_cast<size_t>(hit.value)].name);
      return CloseBracket(s, j, hit.last);
    } else if (!name_word(j)) {
      break;
    }
    if (g.place_matcher().LongestAt(s.tokens, j)) break;  // left for AbsorbPlace
    ++j;
    ++words;
  }
  if (words == 0) return first;
  if (s.tokens[j - 1].key == kAnd) --j;
  return j;
}

// Gazetteer names first, then discovered ones, with the places that follow them.
std::vector<OrgMention> FindIn(const Scan& s, const Gazetteer& g, const ExtractOptions& options) {
  std::vector<OrgMention> out;
  const size_t n = s.tokens.size();
  for (size_t i = 0; i < n;) {
    size_t end = i;
    const Organization* org = nullptr;
    std::vector<std::string> nested;
    if (s.org_at[i] != kNoHit) {
      const PhraseHit& hit = s.org_hits[static_cast<size_t>(s.org_at[i])];
      org = &g.organizations()[static_cast<size_t>(hit.value)];
      end = hit.last;
    } else if (options.discover_orgs && s.tokens[i].kind == TokenKind::kWord) {
      if (auto trigger = Triggers().LongestAt(s.tokens, i)) {
        end = DiscoverEnd(s, trigger->last, g, options, &nested);
        if (end == trigger->last) end = i;
      }
    }
    if (end == i) {
      ++i;
      continue;
    }
    end = CloseBracket(s, i, end);
    Suffix suffix = AbsorbPlace(s, end, g);
    OrgMention m;
    m.begin = s.tokens[i].begin;
    m.end = s.tokens[suffix.last - 1].end;
    std::string base = Spelled(s, i, end);
    std::string with_place = Spelled(s, i, suffix.last);
    bool home = IsHome(suffix.place, options);
    bool provincial = org != nullptr && org->name.find(options.home_province) != std::string::npos;
    if (org != nullptr && (home || (!provincial && suffix.place->kind != "country"))) {
      // The body itself, or a national body's branch ("بانک ملی خرم‌آباد").
      m.name = org->name;
      m.known = true;
    } else if (org != nullptr) {
      // Another province's office ("اداره کل دامپزشکی استان کرمانشاه") or another
      // country's body ("ارتش سوریه").
      m.name = with_place;
      if (const Organization* known = g.FindOrganization(with_place)) {
        m.name = known->name;
        m.known = true;
      }
    } else {
      // Discovered: a home suffix does not change the name, another place does.
      // Only the home province itself: "اداره آموزش و پرورش بروجرد" is the county's.
      home = suffix.place == nullptr || suffix.place->name == options.home_province;
      std::vector<std::string> candidates;
      if (home) {
        candidates = {base, base + " " + std::string(kProvinceWord) + " " + options.home_province,
                      base + " " + options.home_province};
      }
      candidates.push_back(with_place);
      m.name = home ? base : with_place;
      for (const std::string& c : candidates) {
        if (const Organization* known = g.FindOrganization(c)) {
          m.name = known->name;
          m.known = true;
          break;
        }
      }
    }
    if (!m.known) m.parts = std::move(nested);
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
    bool spelled_out =
        hit.last - hit.first > 1 && (head == kProvinceWord || head == "شهرستان" || head == "شهر");
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
    while (j - name_start < options.max_name_words && Continues(s, j) && !IsTitleOrStop(s, j, g) &&
           !Triggers().LongestAt(s.tokens, j) && s.org_at[j] == kNoHit) {
      ++j;
    }
    if (j > name_start) AddUnique(people, seen, Spelled(s, i, j));
    i = j;
  }
}

}  // namespace

std::vector<OrgMention> FindOrganizations(std::string_view text, const Gazetteer& gazetteer,
                                          const ExtractOptions& options) {
  std::vector<Token> tokens = internal::Tokenize(text);
  return FindIn(MakeScan(text, tokens, gazetteer), gazetteer, options);
}

Entities ExtractEntities(std::string_view title, std::string_view body, const Gazetteer& gazetteer,
                         const ExtractOptions& options) {
  return ExtractEntities(TokenizedText(title), TokenizedText(body), gazetteer, options);
}

Entities ExtractEntities(const TokenizedText& title, const TokenizedText& body,
                         const Gazetteer& gazetteer, const ExtractOptions& options) {
  Entities out;
  std::unordered_set<std::string> seen_orgs, seen_places, seen_people;
  for (const TokenizedText* text : {&title, &body}) {
    Scan s = MakeScan(text->text(), text->tokens(), gazetteer);
    std::vector<OrgMention> orgs = FindIn(s, gazetteer, options);
    for (const OrgMention& m : orgs) {
      AddUnique(&out.orgs, &seen_orgs, m.name);
      for (const std::string& part : m.parts) AddUnique(&out.orgs, &seen_orgs, part);
    }
    AddPlaces(s, orgs, gazetteer, &out.places, &seen_places);
    AddPeople(s, gazetteer, options, &out.people, &seen_people);
  }
  return out;
}

}  // namespace kavosh::entities
