#include "analyzers/lexicon.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>

#include "analyzers/normalizer.h"

namespace kavosh::embedded {
extern const std::string_view stopwords_data;
extern const std::string_view protected_data;
extern const std::string_view compounds_data;
extern const std::string_view irregular_data;
extern const std::string_view verbs_data;
}  // namespace kavosh::embedded

namespace kavosh::analyzers {

namespace {

// Small fixed lists, searched linearly: asked for nearly every word, and a scan of a
// dozen short strings costs less than hashing.
constexpr std::string_view kPluralSuffixes[] = {
    "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "هاست"};
constexpr std::string_view kComparativeSuffixes[] = {"تر", "ترین", "ترها"};
// Pronominal, copula and ezafe endings that follow a word after a ZWNJ.
constexpr std::string_view kCliticSuffixes[] = {
    "ای", "ی", "ام", "ات", "اش", "ایم", "اید", "اند", "است", "مان", "تان", "شان", "یی"};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  for (std::string_view s : list) {
    if (s == w) return true;
  }
  return false;
}

// The two bits a key sets in a Bloom filter of `words` 64-bit words (a power of two).
std::pair<size_t, size_t> FilterBits(std::string_view key, size_t words) {
  uint64_t h = std::hash<std::string_view>{}(key);
  size_t mask = words * 64 - 1;
  return {h & mask, (h >> 32 | h << 32) * 0x9E3779B97F4A7C15ull >> 40 & mask};
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Calls `fn` for every non-empty, non-comment line of an embedded data file.
void ForEachLine(std::string_view data, const std::function<void(std::string_view)>& fn) {
  size_t pos = 0;
  while (pos <= data.size()) {
    size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') fn(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
}

// Splits a normalised form at ZWNJ and spaces, then glues affixes to their word.
std::vector<std::string> UnitsOf(std::string_view normalized) {
  std::vector<std::string> pieces;
  std::vector<bool> after_zwnj;
  std::string cur;
  bool zwnj_before = false;
  bool pending_zwnj = false;
  size_t i = 0;
  while (i <= normalized.size()) {
    bool at_end = i == normalized.size();
    bool is_zwnj = !at_end && normalized.compare(i, 3, "\xE2\x80\x8C") == 0;
    bool is_space = !at_end && normalized[i] == ' ';
    if (at_end || is_zwnj || is_space) {
      if (!cur.empty()) {
        pieces.push_back(cur);
        after_zwnj.push_back(zwnj_before);
        cur.clear();
      }
      pending_zwnj = is_zwnj;
      zwnj_before = pending_zwnj;
      i += is_zwnj ? 3 : 1;
      continue;
    }
    cur += normalized[i];
    ++i;
  }
  std::vector<std::string> units;
  bool glue_next = false;
  for (size_t k = 0; k < pieces.size(); ++k) {
    const std::string& p = pieces[k];
    if (glue_next && !units.empty()) {
      units.back() += p;
      glue_next = false;
      continue;
    }
    bool suffix = !units.empty() && (after_zwnj[k] ? IsSuffixAfterZwnj(p)
                                                   : IsSuffixAfterSpace(p, units.back()));
    if (suffix) {
      units.back() += p;
    } else {
      units.push_back(p);
      glue_next = IsVerbPrefix(p) && k + 1 < pieces.size();
    }
  }
  return units;
}

std::string Join(const std::vector<std::string>& units) {
  std::string out;
  for (const auto& u : units) out += u;
  return out;
}

}  // namespace

bool IsVerbPrefix(std::string_view w) { return w == "می" || w == "نمی"; }

bool IsSuffixAfterZwnj(std::string_view w) {
  if (w.size() > 12) return false;  // the longest suffix, `هایشان`, is 12 bytes
  return In(kPluralSuffixes, w) || In(kComparativeSuffixes, w) || In(kCliticSuffixes, w);
}

bool IsSuffixAfterSpace(std::string_view w, std::string_view previous) {
  if (w.size() > 12) return false;
  if (In(kPluralSuffixes, w) || In(kComparativeSuffixes, w)) return true;
  // Indefinite `ای` and ezafe `ی` written apart after a final heh: `جلسه ای`, `خانه ی`.
  return (w == "ای" || w == "ی") && EndsWith(previous, "ه");
}

const std::vector<std::string>* Lexicon::CompoundParts(std::string_view joined) const {
  auto it = compounds_.find(joined);
  return it == compounds_.end() ? nullptr : &it->second;
}

bool Lexicon::MayBeCompound(std::string_view joined) const {
  if (compound_filter_.empty()) return true;
  auto [a, b] = FilterBits(joined, compound_filter_.size());
  return (compound_filter_[a / 64] >> (a % 64) & 1) && (compound_filter_[b / 64] >> (b % 64) & 1);
}

const std::string* Lexicon::Irregular(std::string_view w) const {
  auto it = irregular_.find(w);
  return it == irregular_.end() ? nullptr : &it->second;
}

const std::string* Lexicon::VerbStem(std::string_view w) const {
  auto it = verb_forms_.find(w);
  return it == verb_forms_.end() ? nullptr : &it->second;
}

void Lexicon::AddVerbForm(std::string form, const std::string& past) {
  if (form == past || verb_past_stems_.contains(form) || protected_.contains(form) ||
      stopwords_.contains(form) || irregular_.contains(form)) {
    return;
  }
  verb_forms_.emplace(std::move(form), past);  // the first verb to build a form keeps it
}

// Builds the conjugated forms of one verb (see data/analyzer/verbs.txt). `raw_past` and
// `raw_present` are as written in the file; a present stem of "-" builds no present forms.
void Lexicon::AddVerb(std::string_view raw_past, std::string_view raw_present) {
  // `ب` / `ن` before a stem: a stem beginning with U+0622 ALEF WITH MADDA takes a glide
  // yeh (`بیاید`); one beginning with U+0627 ALEF drops it after the glide (`بیفتد`),
  // though the alef is often kept in writing (`بیافتد`): both are built. Before alef +
  // U+06CC FARSI YEH there is no glide (`بایستد`).
  auto prefixed = [](std::string_view prefix, std::string_view raw) {
    std::vector<std::string> out;
    std::string stem = RemoveZwnj(NormalizeText(raw));
    if (raw.starts_with("ای")) {
      out.push_back(std::string(prefix) + stem);  // `بایستد`, `نایستاد`
    } else if (raw.starts_with("آ")) {
      out.push_back(std::string(prefix) + "ی" + stem);
    } else if (raw.starts_with("ا")) {
      out.push_back(std::string(prefix) + "ی" + stem.substr(std::string_view("ا").size()));
      out.push_back(std::string(prefix) + "ی" + stem);
    } else {
      out.push_back(std::string(prefix) + stem);
    }
    return out;
  };
  const std::string past = RemoveZwnj(NormalizeText(raw_past));
  if (past.empty()) return;
  // Personal endings; the bare 2nd person singular (`رفتی`, `روی`) and, for the present,
  // the bare 1st person singular (`روم`) are left out: too often other words.
  static constexpr std::string_view kEndings[] = {"م", "ی", "", "یم", "ید", "ند"};
  static constexpr std::string_view kPresentEndings[] = {"م", "ی", "د", "یم", "ید", "ند"};
  static constexpr std::string_view kPerfect[] = {"", "ام", "ای", "است", "ایم", "اید", "اند"};
  AddVerbForm(past + "ن", past);  // the infinitive
  std::vector<std::string> negated_past = prefixed("ن", raw_past);
  for (std::string_view e : kEndings) {
    if (e != "ی") AddVerbForm(past + std::string(e), past);
    for (const std::string& n : negated_past) AddVerbForm(n + std::string(e), past);
    AddVerbForm("می" + past + std::string(e), past);
    AddVerbForm("نمی" + past + std::string(e), past);
  }
  for (std::string_view e : kPerfect) {
    AddVerbForm(past + "ه" + std::string(e), past);
    for (const std::string& n : negated_past) AddVerbForm(n + "ه" + std::string(e), past);
  }
  if (raw_present == "-") return;
  const std::string present = RemoveZwnj(NormalizeText(raw_present));
  if (present.empty()) return;
  AddVerbForm("می" + present, past);  // `میتوان`
  AddVerbForm("نمی" + present, past);
  std::vector<std::string> subjunctive = prefixed("ب", raw_present);
  std::vector<std::string> negated = prefixed("ن", raw_present);
  for (std::string_view e : kPresentEndings) {
    std::string ending(e);
    if (e != "م" && e != "ی") AddVerbForm(present + ending, past);
    AddVerbForm("می" + present + ending, past);
    AddVerbForm("نمی" + present + ending, past);
    if (e == "ی") continue;  // `بدهی` debt, `نکنی`: rare as verbs in the news
    for (const std::string& b : subjunctive) AddVerbForm(b + ending, past);
    for (const std::string& n : negated) AddVerbForm(n + ending, past);
  }
}

void Lexicon::AddCompound(const std::vector<std::string>& units) {
  std::string joined = Join(units);
  known_.insert(joined);
  if (units.size() > 1) compounds_.emplace(joined, units);
}

void Lexicon::LoadEmbedded() {
  ForEachLine(embedded::stopwords_data,
              [&](std::string_view l) { stopwords_.insert(RemoveZwnj(NormalizeText(l))); });
  ForEachLine(embedded::protected_data,
              [&](std::string_view l) { protected_.insert(RemoveZwnj(NormalizeText(l))); });
  ForEachLine(embedded::compounds_data, [&](std::string_view l) {
    std::vector<std::string> units = UnitsOf(NormalizeText(l));
    if (!units.empty()) AddCompound(units);
  });
  ForEachLine(embedded::irregular_data, [&](std::string_view l) {
    size_t tab = l.find('\t');
    if (tab == std::string_view::npos) return;
    irregular_.emplace(RemoveZwnj(NormalizeText(l.substr(0, tab))),
                       RemoveZwnj(NormalizeText(l.substr(tab + 1))));
  });
  // After the lists above: a protected word, a stopword or an irregular form is never
  // taken for a verb form.
  // A past stem is never taken for a form of another verb (`نشست` is not `ن` + `شست`).
  ForEachLine(embedded::verbs_data, [&](std::string_view l) {
    size_t tab1 = l.find('\t');
    size_t tab2 = tab1 == std::string_view::npos ? tab1 : l.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) return;
    verb_past_stems_.insert(RemoveZwnj(NormalizeText(l.substr(tab1 + 1, tab2 - tab1 - 1))));
  });
  ForEachLine(embedded::verbs_data, [&](std::string_view l) {
    size_t tab1 = l.find('\t');
    size_t tab2 = tab1 == std::string_view::npos ? tab1 : l.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) return;
    AddVerb(l.substr(tab1 + 1, tab2 - tab1 - 1), l.substr(tab2 + 1));
  });
}

void Lexicon::LoadHunspell(const std::string& path) {
  std::ifstream in(path);
  if (!in) return;
  std::string line;
  std::vector<std::vector<std::string>> hunspell_compounds;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {  // the first line of a .dic file is the entry count
      first = false;
      continue;
    }
    size_t slash = line.find('/');
    if (slash != std::string::npos) line.resize(slash);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    std::string normalized = NormalizeText(line);
    ++hunspell_forms_;
    if (normalized.find("\xE2\x80\x8C") == std::string::npos) {
      known_.insert(normalized);
      continue;
    }
    std::vector<std::string> units = UnitsOf(normalized);
    std::string joined = Join(units);
    if (normalized.rfind("می\xE2\x80\x8C", 0) == 0 || normalized.rfind("نمی\xE2\x80\x8C", 0) == 0) {
      prefixed_.insert(joined);
    }
    if (units.size() > 1) {
      hunspell_compounds.push_back(std::move(units));
    } else {
      known_.insert(joined);
    }
  }
  // A form the list also writes as one plain word is normally written joined (`تأمین`,
  // not `تأ‌مین`): it is not split. Compounds from data/analyzer/compounds.txt always are.
  for (auto& units : hunspell_compounds) {
    std::string joined = Join(units);
    if (known_.contains(joined) && !compounds_.contains(joined)) continue;
    AddCompound(units);
  }
}

std::shared_ptr<const Lexicon> Lexicon::Load(const LexiconOptions& options) {
  std::shared_ptr<Lexicon> lex(new Lexicon());
  lex->LoadEmbedded();
  if (!options.hunspell_path.empty()) lex->LoadHunspell(options.hunspell_path);
  std::string data;
  for (auto d : {embedded::stopwords_data, embedded::protected_data, embedded::compounds_data,
                 embedded::irregular_data, embedded::verbs_data}) {
    data += d;
  }
  // About 16 bits per compound: a false positive (a needless CompoundParts) is rare.
  size_t words = 64;
  while (words * 64 < lex->compounds_.size() * 16) words *= 2;
  lex->compound_filter_.assign(words, 0);
  for (const auto& entry : lex->compounds_) {
    auto [a, b] = FilterBits(entry.first, words);
    lex->compound_filter_[a / 64] |= uint64_t{1} << (a % 64);
    lex->compound_filter_[b / 64] |= uint64_t{1} << (b % 64);
  }
  static std::atomic<uint64_t> next_id{1};
  lex->id_ = next_id++;
  std::ostringstream id;
  id << "hunspell:" << lex->hunspell_forms_ << ";data:" << std::hex << std::hash<std::string>{}(data);
  lex->identity_ = id.str();
  return lex;
}

std::shared_ptr<const Lexicon> Lexicon::Default() {
  static std::once_flag once;
  static std::shared_ptr<const Lexicon> instance;
  std::call_once(once, [] {
    LexiconOptions options;
    const char* env = std::getenv("KAVOSH_HUNSPELL");
    options.hunspell_path = env != nullptr ? env : KAVOSH_HUNSPELL_DIC;
    instance = Load(options);
  });
  return instance;
}

}  // namespace kavosh::analyzers
